#include "thresholdevaluator.h"

namespace gw {

QString ThresholdEvaluator::formatMs(double ms)
{
    return QString::number(ms, 'f', 2) + u"ms";
}

QString ThresholdEvaluator::formatPercent(double percent)
{
    return QString::number(percent, 'f', 2) + u'%';
}

QList<ThresholdReport> ThresholdEvaluator::evaluate(const QList<ScenarioThreshold> &thresholds, const LoadReport &load)
{
    QList<ThresholdReport> reports;
    for (const ScenarioThreshold &threshold : thresholds) {
        ThresholdReport report;
        report.metric = threshold.metricName;
        report.expression = threshold.comparison.text;
        if (!load.ran) {
            report.checkable = false;
            report.note = QStringLiteral("the load phase did not run");
            reports.append(report);
            continue;
        }
        double observed = 0;
        using Metric = ScenarioThreshold::Metric;
        switch (threshold.metric) {
        case Metric::P50: observed = load.latency.p50Ms; break;
        case Metric::P90: observed = load.latency.p90Ms; break;
        case Metric::P95: observed = load.latency.p95Ms; break;
        case Metric::P99: observed = load.latency.p99Ms; break;
        case Metric::Avg: observed = load.latency.avgMs; break;
        case Metric::Min: observed = load.latency.minMs; break;
        case Metric::Max: observed = load.latency.maxMs; break;
        case Metric::ErrorRate: observed = load.errorRatePercent(); break;
        case Metric::Stickiness: observed = load.stickinessPercent(); break;
        case Metric::Rps: observed = load.requestsPerSecond; break;
        }
        switch (ScenarioThreshold::unitOf(threshold.metric)) {
        case Comparison::Unit::Milliseconds:
            report.observed = formatMs(observed);
            if (load.latency.count == 0) {
                report.checkable = false;
                report.note = QStringLiteral("no request was answered");
            }
            break;
        case Comparison::Unit::Percent:
            report.observed = formatPercent(observed);
            break;
        case Comparison::Unit::None:
            report.observed = QString::number(observed, 'f', 1);
            break;
        }
        if (threshold.metric == Metric::Stickiness) {
            report.note = load.stickinessNote;
            if (!load.stickinessKnown) {
                report.checkable = false;
                report.observed = QStringLiteral("unknown");
            } else {
                report.observed += u" (" + QString::number(load.stickyKept) + u'/' + QString::number(load.stickyEligible) + u')';
            }
        }
        if (threshold.metric == Metric::ErrorRate)
            report.observed += u" (" + QString::number(load.failed) + u'/' + QString::number(load.completed) + u')';
        report.passed = report.checkable && threshold.comparison.holds(observed);
        reports.append(report);
    }
    return reports;
}

} // namespace gw
