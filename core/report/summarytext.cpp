#include "summarytext.h"

namespace gw {

namespace {

QString ms(double value)
{
    return QString::number(value, 'f', 2) + u"ms";
}

QString mark(const ThresholdReport &t)
{
    return !t.checkable ? QStringLiteral("?") : t.passed ? QStringLiteral("✓") : QStringLiteral("✗");
}

void thresholds(QString &text, const QList<ThresholdReport> &list, const QString &heading)
{
    if (list.isEmpty())
        return;
    text += heading + u'\n';
    for (const ThresholdReport &t : list) {
        text += u"  " + mark(t) + u' ' + QString(t.metric + u' ' + t.expression).leftJustified(24) + u" observed " + t.observed;
        if (!t.checkable || (!t.note.isEmpty() && t.metric != u"stickiness"))
            text += u" (" + t.note + u')';
        text += u'\n';
    }
}

void load(QString &text, const LoadReport &l, const QString &heading)
{
    if (!l.ran)
        return;
    text += heading + u'\n';
    QStringList statuses;
    for (auto it = l.statuses.cbegin(); it != l.statuses.cend(); ++it)
        statuses.append((it.key() == 0 ? QStringLiteral("no response") : QString::number(it.key())) + u": " + QString::number(it.value()));
    text += u"  requests  " + QString::number(l.completed) + u" of " + QString::number(l.total) + u" in " + QString::number(l.durationMs / 1000.0, 'f', 2)
            + u"s, " + QString::number(l.requestsPerSecond, 'f', 1) + u" req/s, " + QString::number(l.failed) + u" without a response"
            + (l.cancelled ? QStringLiteral(", cancelled") : QString()) + u'\n';
    text += u"  statuses  " + statuses.join(u", ") + u'\n';
    const LatencyReport &t = l.latency;
    text += u"  latency   min " + ms(t.minMs) + u"  avg " + ms(t.avgMs) + u"  med " + ms(t.p50Ms) + u"  p90 " + ms(t.p90Ms) + u"  p95 " + ms(t.p95Ms)
            + u"  p99 " + ms(t.p99Ms) + u"  max " + ms(t.maxMs) + u'\n';
    text += u"  pods" + (l.podSource.isEmpty() ? QStringLiteral(" (no pod evidence)") : u" (from the " + l.podSource + u')') + u'\n';
    for (const PodShareReport &pod : l.pods) {
        text += u"    " + pod.pod.leftJustified(28) + QString::number(pod.requests).rightJustified(8) + u"  " + QString::number(pod.sharePercent, 'f', 1).rightJustified(5)
                + u"%  p95 " + ms(pod.p95Ms) + (pod.errors > 0 ? u"  5xx " + QString::number(pod.errors) : QString()) + u'\n';
    }
    text += u"  stickiness ";
    if (l.stickinessKnown)
        text += QString::number(l.stickinessPercent(), 'f', 2) + u"% (" + QString::number(l.stickyKept) + u" of " + QString::number(l.stickyEligible)
                + u" requests with a sticky cookie reached its pod and got no new cookie)";
    else
        text += u"unknown";
    if (!l.stickinessNote.isEmpty())
        text += u"; " + l.stickinessNote;
    text += u'\n';
    if (l.sessionCount > 0)
        text += u"  sessions  " + QString::number(l.sessionCount) + u'\n';
    for (const QString &error : l.errorExamples)
        text += u"  failure   " + error + u'\n';
}

} // namespace

QString SummaryText::stepLine(const StepReport &step)
{
    const QString symbol = step.status == StepReport::Status::Passed ? (step.differences.isEmpty() ? QStringLiteral("✓") : QStringLiteral("≠"))
                           : step.status == StepReport::Status::Skipped ? QStringLiteral("-")
                                                                        : QStringLiteral("✗");
    QString line = u"  " + symbol + u' ' + step.name + u"  " + step.description + u"  (" + ms(step.durationUs / 1000.0) + u')';
    if (!step.message.isEmpty())
        line += u"\n      " + step.message;
    const qsizetype notCheckable = step.count(AssertionReport::Outcome::NotCheckable);
    if (notCheckable > 0) {
        for (const AssertionReport &a : step.assertions) {
            if (a.outcome == AssertionReport::Outcome::NotCheckable) {
                line += u"\n      not checkable: " + a.kind + u" (" + a.note + u')';
                break;
            }
        }
    }
    for (const DifferenceReport &d : step.differences)
        line += u"\n      differs: " + d.what + u": simulation " + d.simulation + u", real gateway " + d.target;
    return line;
}

QString SummaryText::render(const RunReport &report)
{
    QString text;
    for (const ScenarioReport &s : report.scenarios) {
        const bool compare = s.mode == ScenarioReport::Mode::Compare;
        text += u"\n" + s.name + u" (" + s.file + u", " + ScenarioReport::modeName(s.mode) + (s.target.isEmpty() ? QString() : u' ' + s.target) + u")\n";
        for (const Diagnostic &d : s.diagnostics) {
            if (d.isError())
                text += u"  " + d.toString() + u'\n';
        }
        if (!s.runtimeError.isEmpty())
            text += u"  could not run: " + s.runtimeError + u'\n';
        thresholds(text, s.thresholds, compare ? QStringLiteral("thresholds (simulation)") : QStringLiteral("thresholds"));
        thresholds(text, s.targetThresholds, QStringLiteral("thresholds (real gateway)"));
        qsizetype passed = 0, failed = 0, errors = 0, skipped = 0, assertionsPassed = 0, assertionsFailed = 0, notCheckable = 0, differences = 0;
        for (const QList<StepReport> *steps : {&s.steps, &s.targetSteps}) {
            for (const StepReport &step : *steps) {
                passed += step.status == StepReport::Status::Passed;
                failed += step.status == StepReport::Status::Failed;
                errors += step.status == StepReport::Status::Error;
                skipped += step.status == StepReport::Status::Skipped;
                assertionsPassed += step.count(AssertionReport::Outcome::Passed);
                assertionsFailed += step.count(AssertionReport::Outcome::Failed);
                notCheckable += step.count(AssertionReport::Outcome::NotCheckable);
                differences += step.differences.size();
            }
        }
        text += u"totals\n  steps      " + QString::number(passed) + u" passed, " + QString::number(failed) + u" failed, " + QString::number(errors)
                + u" errors, " + QString::number(skipped) + u" skipped\n  assertions " + QString::number(assertionsPassed) + u" passed, "
                + QString::number(assertionsFailed) + u" failed, " + QString::number(notCheckable) + u" not checkable\n";
        if (compare) {
            text += u"  differences " + QString::number(differences) + u'\n';
            for (const StepReport &step : s.steps) {
                for (const DifferenceReport &d : step.differences)
                    text += u"    " + step.name + u": differs: " + d.what + u": simulation " + d.simulation + u", real gateway " + d.target + u'\n';
            }
        }
        load(text, s.load, compare ? QStringLiteral("load (simulation)") : QStringLiteral("load"));
        load(text, s.targetLoad, QStringLiteral("load (real gateway)"));
    }
    const int code = report.exitCode();
    text += u'\n' + (code == 0 ? QStringLiteral("PASS") : QStringLiteral("FAIL")) + u" (exit " + QString::number(code) + u")\n";
    return text;
}

} // namespace gw
