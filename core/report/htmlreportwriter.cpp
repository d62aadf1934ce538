#include "htmlreportwriter.h"

#include "reportfile.h"

#include <algorithm>

namespace gw {

namespace {

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

QString esc(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes).toHtmlEscaped();
}

QString number(double value, int decimals = 2)
{
    return QString::number(value, 'f', decimals);
}

QString statusClass(StepReport::Status status)
{
    return StepReport::statusName(status);
}

const char *const Style = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1d1d1f;max-width:1200px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd;padding-bottom:4px}
h3{font-size:15px;margin:18px 0 6px}.verdict{font-size:20px;font-weight:700;padding:10px 14px;border-radius:6px;display:inline-block}
.pass{background:#e3f6e8;color:#116329}.fail{background:#fde7e9;color:#a40e26}.meta{color:#555}
table{border-collapse:collapse;margin:6px 0 12px;width:100%}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f5f5f7}td.num{text-align:right;font-variant-numeric:tabular-nums}code,pre{font:12px ui-monospace,Menlo,monospace}
pre{background:#f5f5f7;padding:8px;overflow:auto;white-space:pre-wrap}.passed{color:#116329}.failed,.error{color:#a40e26}
.skipped,.notCheckable{color:#8a6d00}details{margin:4px 0}summary{cursor:pointer}
)";

QString assertionsTable(const StepReport &step)
{
    if (step.assertions.isEmpty())
        return {};
    QString html = QStringLiteral("<table><tr><th>#</th><th>check</th><th>expected</th><th>actual</th><th>result</th></tr>");
    for (const AssertionReport &a : step.assertions) {
        const QString outcome = a.outcome == AssertionReport::Outcome::Passed ? QStringLiteral("passed")
                                : a.outcome == AssertionReport::Outcome::Failed ? QStringLiteral("failed")
                                                                                 : QStringLiteral("notCheckable");
        const QString label = a.outcome == AssertionReport::Outcome::NotCheckable ? QStringLiteral("not checkable") : outcome;
        html += u"<tr><td class=\"num\">" + (a.exchange >= 0 ? QString::number(a.exchange + 1) : QString()) + u"</td><td>" + esc(a.kind) + u"</td><td>"
                + esc(a.expected) + u"</td><td>" + esc(a.actual) + u"</td><td class=\"" + outcome + u"\">" + label
                + (a.note.isEmpty() ? QString() : u"<br><small>" + esc(a.note) + u"</small>") + u"</td></tr>";
    }
    return html + u"</table>";
}

QString exchangeDetails(const ExchangeReport &e)
{
    QString request = esc(e.method) + u' ' + esc(e.url) + u'\n';
    for (const HttpHeaders::Field &field : e.requestHeaders.fields())
        request += esc(field.name) + u": " + esc(field.value) + u'\n';
    QString response;
    if (e.ok) {
        response = QString::number(e.status) + u' ' + esc(e.reason) + u'\n';
        for (const HttpHeaders::Field &field : e.responseHeaders.fields())
            response += esc(field.name) + u": " + esc(field.value) + u'\n';
        response += u'\n' + esc(e.responseBody.left(2048));
    } else {
        response = u"no response: " + esc(e.error);
    }
    QString gateway;
    if (!e.pod.isEmpty())
        gateway += u"pod " + esc(e.pod) + u" (" + esc(e.podSource) + u")";
    if (!e.route.isEmpty())
        gateway += u", route " + esc(e.route);
    if (!e.stickyDecision.isEmpty())
        gateway += u", sticky cookie " + esc(e.stickyDecision);
    QString trail;
    for (const QString &line : e.decisionTrail)
        trail += esc(line) + u'\n';
    return u"<details><summary>" + esc(e.client) + u" #" + QString::number(e.repeatIndex) + u": " + esc(e.method) + u' ' + esc(e.url) + u" → "
           + (e.ok ? QString::number(e.status) : QStringLiteral("no response")) + u" in " + number(e.durationUs / 1000.0) + u"ms"
           + (e.pod.isEmpty() ? QString() : u" — " + esc(e.pod)) + u"</summary>" + (gateway.isEmpty() ? QString() : u"<p>" + gateway + u"</p>")
           + u"<pre>" + request + u"</pre><pre>" + response + u"</pre>" + (trail.isEmpty() ? QString() : u"<pre>" + trail + u"</pre>") + u"</details>";
}

QString stepsSection(const QList<StepReport> &steps, const QString &title)
{
    QString html = u"<h3>" + esc(title) + u"</h3><table><tr><th>#</th><th>step</th><th>what</th><th>result</th><th>time</th></tr>";
    int n = 0;
    for (const StepReport &step : steps) {
        html += u"<tr><td class=\"num\">" + QString::number(++n) + u"</td><td>" + esc(step.name) + u"</td><td><code>" + esc(step.description)
                + u"</code></td><td class=\"" + statusClass(step.status) + u"\">" + StepReport::statusName(step.status)
                + (step.message.isEmpty() ? QString() : u"<br><small>" + esc(step.message) + u"</small>") + u"</td><td class=\"num\">"
                + number(step.durationUs / 1000.0) + u"ms</td></tr>";
    }
    html += u"</table>";
    n = 0;
    for (const StepReport &step : steps) {
        ++n;
        if (step.assertions.isEmpty() && step.exchanges.isEmpty() && step.differences.isEmpty())
            continue;
        html += u"<details" + (step.status == StepReport::Status::Passed && step.differences.isEmpty() ? QString() : QStringLiteral(" open")) + u"><summary>#"
                + QString::number(n) + u' ' + esc(step.name) + u": expected and actual</summary>" + assertionsTable(step);
        if (!step.differences.isEmpty()) {
            html += QStringLiteral("<table><tr><th>differs</th><th>simulation</th><th>real gateway</th></tr>");
            for (const DifferenceReport &d : step.differences)
                html += u"<tr><td>" + esc(d.what) + u"</td><td>" + esc(d.simulation) + u"</td><td>" + esc(d.target) + u"</td></tr>";
            html += u"</table>";
        }
        for (const ExchangeReport &e : step.exchanges)
            html += exchangeDetails(e);
        html += u"</details>";
    }
    return html;
}

// Horizontal bars, one per pod, as inline SVG.
QString podChart(const QList<PodShareReport> &pods)
{
    if (pods.isEmpty())
        return {};
    const int rowHeight = 24;
    const int height = int(pods.size()) * rowHeight + 8;
    QString svg = u"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"" + QString::number(height) + u"\" role=\"img\" aria-label=\"requests per pod\">";
    int row = 0;
    for (const PodShareReport &pod : pods) {
        const int y = 4 + row++ * rowHeight;
        const double width = 380.0 * pod.sharePercent / 100.0;
        svg += u"<text x=\"0\" y=\"" + QString::number(y + 16) + u"\" font-size=\"12\">" + esc(pod.pod.right(28)) + u"</text><rect x=\"200\" y=\""
               + QString::number(y + 3) + u"\" width=\"" + number(width, 1) + u"\" height=\"16\" fill=\"#3b82f6\"/><text x=\"" + number(206 + width, 1)
               + u"\" y=\"" + QString::number(y + 16) + u"\" font-size=\"12\">" + number(pod.sharePercent, 1) + u"%</text>";
    }
    return svg + u"</svg>";
}

// Requests per time bucket (bars) and p95 latency (line) over the load run.
QString timelineChart(const QList<TimelinePoint> &timeline)
{
    if (timeline.isEmpty())
        return {};
    const double width = 640, height = 160, left = 40, bottom = 20;
    qint64 maxRequests = 1;
    double maxP95 = 0.001;
    for (const TimelinePoint &p : timeline) {
        maxRequests = std::max(maxRequests, p.requests);
        maxP95 = std::max(maxP95, p.p95Ms);
    }
    const double step = (width - left) / double(timeline.size());
    QString svg = u"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + number(width, 0) + u"\" height=\"" + number(height, 0)
                  + u"\" role=\"img\" aria-label=\"requests and p95 latency over time\">";
    QString line;
    for (qsizetype i = 0; i < timeline.size(); ++i) {
        const TimelinePoint &p = timeline[i];
        const double barHeight = (height - bottom - 10) * double(p.requests) / double(maxRequests);
        const double x = left + double(i) * step;
        svg += u"<rect x=\"" + number(x, 1) + u"\" y=\"" + number(height - bottom - barHeight, 1) + u"\" width=\"" + number(std::max(1.0, step - 1), 1)
               + u"\" height=\"" + number(barHeight, 1) + u"\" fill=\"#c7d2fe\"/>";
        const double y = height - bottom - (height - bottom - 10) * p.p95Ms / maxP95;
        line += number(x + step / 2, 1) + u',' + number(y, 1) + u' ';
    }
    svg += u"<polyline fill=\"none\" stroke=\"#dc2626\" stroke-width=\"2\" points=\"" + line.trimmed() + u"\"/>";
    svg += u"<text x=\"0\" y=\"12\" font-size=\"11\">p95 max " + number(maxP95) + u"ms</text><text x=\"0\" y=\"" + number(height - 4, 0)
           + u"\" font-size=\"11\">requests per bucket (max " + QString::number(maxRequests) + u"); p95 in red</text>";
    return svg + u"</svg>";
}

QString loadSection(const LoadReport &load, const QList<ThresholdReport> &thresholds, const QString &title)
{
    if (!load.ran && thresholds.isEmpty())
        return {};
    QString html = u"<h3>" + esc(title) + u"</h3>";
    if (!thresholds.isEmpty()) {
        html += QStringLiteral("<table><tr><th></th><th>threshold</th><th>observed</th></tr>");
        for (const ThresholdReport &t : thresholds) {
            const QString mark = !t.checkable ? QStringLiteral("?") : t.passed ? QStringLiteral("✓") : QStringLiteral("✗");
            const QString cls = !t.checkable ? QStringLiteral("notCheckable") : t.passed ? QStringLiteral("passed") : QStringLiteral("failed");
            html += u"<tr><td class=\"" + cls + u"\">" + mark + u"</td><td><code>" + esc(t.metric) + u' ' + esc(t.expression) + u"</code></td><td>"
                    + esc(t.observed) + (t.note.isEmpty() ? QString() : u"<br><small>" + esc(t.note) + u"</small>") + u"</td></tr>";
        }
        html += u"</table>";
    }
    if (!load.ran)
        return html + u"<p>The load phase did not run.</p>";
    const LatencyReport &l = load.latency;
    html += u"<p>" + QString::number(load.completed) + u" requests (" + QString::number(load.clients) + u" clients × " + QString::number(load.requestsPerClient)
            + u", " + QString::number(load.concurrency) + u" at once) to <code>" + esc(load.url) + u"</code> in " + number(load.durationMs / 1000.0)
            + u" s: " + number(load.requestsPerSecond, 1) + u" req/s, " + QString::number(load.failed) + u" without a response"
            + (load.cancelled ? QStringLiteral(" (cancelled)") : QString()) + u".</p>";
    html += u"<table><tr><th>min</th><th>avg</th><th>med</th><th>p90</th><th>p95</th><th>p99</th><th>max</th></tr><tr>";
    for (double v : {l.minMs, l.avgMs, l.p50Ms, l.p90Ms, l.p95Ms, l.p99Ms, l.maxMs})
        html += u"<td class=\"num\">" + number(v) + u"ms</td>";
    html += u"</tr></table>";
    html += QStringLiteral("<table><tr><th>status</th><th>requests</th></tr>");
    for (auto it = load.statuses.cbegin(); it != load.statuses.cend(); ++it)
        html += u"<tr><td>" + (it.key() == 0 ? QStringLiteral("no response") : QString::number(it.key())) + u"</td><td class=\"num\">"
                + QString::number(it.value()) + u"</td></tr>";
    html += u"</table>";
    html += timelineChart(load.timeline);
    html += u"<h3>Pods" + (load.podSource.isEmpty() ? QString() : u" (from the " + esc(load.podSource) + u')') + u"</h3>";
    html += QStringLiteral("<table><tr><th>pod</th><th>requests</th><th>share</th><th>5xx</th><th>p95</th></tr>");
    for (const PodShareReport &pod : load.pods)
        html += u"<tr><td>" + esc(pod.pod) + u"</td><td class=\"num\">" + QString::number(pod.requests) + u"</td><td class=\"num\">"
                + number(pod.sharePercent, 1) + u"%</td><td class=\"num\">" + QString::number(pod.errors) + u"</td><td class=\"num\">" + number(pod.p95Ms)
                + u"ms</td></tr>";
    html += u"</table>" + podChart(load.pods);
    html += u"<h3>Sessions and stickiness</h3><p>Stickiness: "
            + (load.stickinessKnown ? number(load.stickinessPercent()) + u"% (" + QString::number(load.stickyKept) + u" of "
                                          + QString::number(load.stickyEligible) + u" requests with a sticky cookie reached its pod with no new cookie)"
                                    : QStringLiteral("unknown"))
            + (load.stickinessNote.isEmpty() ? QString() : u"; " + esc(load.stickinessNote)) + u".</p>";
    if (!load.sessions.isEmpty()) {
        html += u"<p>" + QString::number(load.sessionCount) + u" sessions; the busiest:</p><table><tr><th>cookie</th><th>pod</th><th>requests</th><th>clients</th></tr>";
        for (const SessionReport &s : load.sessions)
            html += u"<tr><td><code>" + esc(s.cookie) + u"</code></td><td>" + esc(s.pod) + u"</td><td class=\"num\">" + QString::number(s.requests)
                    + u"</td><td class=\"num\">" + QString::number(s.clients) + u"</td></tr>";
        html += u"</table>";
    }
    if (!load.errorExamples.isEmpty()) {
        html += QStringLiteral("<p>Failures, for example:</p><ul>");
        for (const QString &error : load.errorExamples)
            html += u"<li>" + esc(error) + u"</li>";
        html += u"</ul>";
    }
    return html;
}

} // namespace

QByteArray HtmlReportWriter::render(const RunReport &report)
{
    const bool passed = report.passed();
    QString html = u"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(report.name) + u" — "
                   + (passed ? QStringLiteral("PASS") : QStringLiteral("FAIL")) + u"</title><style>" + QString::fromUtf8(Style) + u"</style></head><body>";
    html += u"<h1>" + esc(report.name) + u"</h1><div class=\"verdict " + (passed ? QStringLiteral("pass\">PASS") : QStringLiteral("fail\">FAIL")) + u"</div>";
    html += u"<p class=\"meta\">exit code " + QString::number(report.exitCode()) + u" · started " + ReportFile::isoTime(report.startedAtMs) + u" · finished "
            + ReportFile::isoTime(report.finishedAtMs) + u" · gatewaylab " + esc(report.version) + u"</p>";
    html += QStringLiteral("<table><tr><th>scenario</th><th>mode</th><th>verdict</th><th>steps</th><th>thresholds</th></tr>");
    for (const ScenarioReport &s : report.scenarios) {
        qsizetype stepsPassed = 0;
        for (const StepReport &step : s.steps)
            stepsPassed += step.status == StepReport::Status::Passed ? 1 : 0;
        qsizetype thresholdsPassed = std::count_if(s.thresholds.cbegin(), s.thresholds.cend(), [](const ThresholdReport &t) { return t.passed; });
        html += u"<tr><td>" + esc(s.name) + u"<br><small>" + esc(s.file) + u"</small></td><td>" + ScenarioReport::modeName(s.mode)
                + (s.target.isEmpty() ? QString() : u" " + esc(s.target)) + u"</td><td class=\"" + (s.passed() ? QStringLiteral("passed\">pass") : QStringLiteral("failed\">fail"))
                + u"</td><td class=\"num\">" + QString::number(stepsPassed) + u'/' + QString::number(s.steps.size()) + u"</td><td class=\"num\">"
                + QString::number(thresholdsPassed) + u'/' + QString::number(s.thresholds.size()) + u"</td></tr>";
    }
    html += u"</table>";
    for (const ScenarioReport &s : report.scenarios) {
        html += u"<h2>" + esc(s.name) + u"</h2><p class=\"meta\">" + esc(s.file) + u" · " + ScenarioReport::modeName(s.mode)
                + (s.target.isEmpty() ? QString() : u" " + esc(s.target)) + u" · namespace " + esc(s.namespaceName) + u" · seed " + QString::number(s.seed)
                + u"</p>";
        if (!s.diagnostics.isEmpty()) {
            html += u"<pre>";
            for (const Diagnostic &d : s.diagnostics)
                html += esc(d.toString()) + u'\n';
            html += u"</pre>";
        }
        if (!s.runtimeError.isEmpty())
            html += u"<p class=\"error\">Could not run: " + esc(s.runtimeError) + u"</p>";
        const bool compare = s.mode == ScenarioReport::Mode::Compare;
        if (!s.steps.isEmpty())
            html += stepsSection(s.steps, compare ? QStringLiteral("Steps in the simulation") : QStringLiteral("Steps"));
        if (!s.targetSteps.isEmpty())
            html += stepsSection(s.targetSteps, QStringLiteral("Steps against the real gateway"));
        html += loadSection(s.load, s.thresholds, compare ? QStringLiteral("Load in the simulation") : QStringLiteral("Load"));
        if (compare)
            html += loadSection(s.targetLoad, s.targetThresholds, QStringLiteral("Load against the real gateway"));
    }
    html += u"</body></html>\n";
    return html.toUtf8();
}

bool HtmlReportWriter::write(const RunReport &report, const QString &path, QString *error)
{
    return ReportFile::save(path, render(report), error);
}

} // namespace gw
