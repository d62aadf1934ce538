#include "scenario.h"

namespace gw {

namespace {

struct MetricName
{
    ScenarioThreshold::Metric metric;
    const char16_t *name;
};

constexpr MetricName metricNameTable[] = {
    {ScenarioThreshold::Metric::P50, u"p50"},
    {ScenarioThreshold::Metric::P90, u"p90"},
    {ScenarioThreshold::Metric::P95, u"p95"},
    {ScenarioThreshold::Metric::P99, u"p99"},
    {ScenarioThreshold::Metric::Avg, u"avg"},
    {ScenarioThreshold::Metric::Min, u"min"},
    {ScenarioThreshold::Metric::Max, u"max"},
    {ScenarioThreshold::Metric::ErrorRate, u"errorRate"},
    {ScenarioThreshold::Metric::Stickiness, u"stickiness"},
    {ScenarioThreshold::Metric::Rps, u"rps"},
};

} // namespace

QString ScenarioAction::keyword(Kind kind)
{
    switch (kind) {
    case Kind::Apply: return QStringLiteral("apply");
    case Kind::Delete: return QStringLiteral("delete");
    case Kind::StopPod: return QStringLiteral("stopPod");
    case Kind::CrashPod: return QStringLiteral("crashPod");
    case Kind::StartPod: return QStringLiteral("startPod");
    case Kind::RestartPod: return QStringLiteral("restartPod");
    case Kind::SlowPod: return QStringLiteral("slowPod");
    case Kind::AdvanceClock: return QStringLiteral("advanceClock");
    }
    return {};
}

Comparison::Unit ScenarioThreshold::unitOf(Metric metric)
{
    switch (metric) {
    case Metric::ErrorRate:
    case Metric::Stickiness:
        return Comparison::Unit::Percent;
    case Metric::Rps:
        return Comparison::Unit::None;
    default:
        return Comparison::Unit::Milliseconds;
    }
}

std::optional<ScenarioThreshold::Metric> ScenarioThreshold::metricFromName(const QString &name)
{
    for (const MetricName &entry : metricNameTable) {
        if (name == QStringView(entry.name))
            return entry.metric;
    }
    return std::nullopt;
}

QStringList ScenarioThreshold::metricNames()
{
    QStringList names;
    for (const MetricName &entry : metricNameTable)
        names.append(QString::fromUtf16(entry.name));
    return names;
}

qsizetype Scenario::stepIndex(const QString &stepName) const
{
    for (qsizetype i = 0; i < steps.size(); ++i) {
        if (steps[i].name == stepName)
            return i;
    }
    return -1;
}

} // namespace gw
