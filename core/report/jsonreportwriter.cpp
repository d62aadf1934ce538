#include "jsonreportwriter.h"

#include "reportfile.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace gw {

namespace {

QString outcomeName(AssertionReport::Outcome outcome)
{
    switch (outcome) {
    case AssertionReport::Outcome::Passed: return QStringLiteral("passed");
    case AssertionReport::Outcome::Failed: return QStringLiteral("failed");
    case AssertionReport::Outcome::NotCheckable: return QStringLiteral("notCheckable");
    }
    return {};
}

double ms(qint64 us)
{
    return double(us) / 1000.0;
}

QJsonValue text(const QByteArray &bytes)
{
    return QString::fromUtf8(bytes);
}

QJsonObject exchangeJson(const ExchangeReport &e)
{
    QJsonObject request{{QStringLiteral("method"), text(e.method)},
                        {QStringLiteral("url"), e.url},
                        {QStringLiteral("headers"), JsonReportWriter::headers(e.requestHeaders)}};
    if (!e.requestBody.isEmpty())
        request.insert(QStringLiteral("body"), text(e.requestBody));
    QJsonObject object{{QStringLiteral("client"), e.client},
                       {QStringLiteral("repeat"), e.repeatIndex},
                       {QStringLiteral("startedAt"), ReportFile::isoTime(e.startedAtMs)},
                       {QStringLiteral("durationMs"), ms(e.durationUs)},
                       {QStringLiteral("localPort"), e.localPort},
                       {QStringLiteral("requestOnConnection"), e.requestOnConnection},
                       {QStringLiteral("newConnection"), e.newConnection},
                       {QStringLiteral("request"), request}};
    if (e.ok) {
        object.insert(QStringLiteral("response"), QJsonObject{{QStringLiteral("status"), e.status},
                                                              {QStringLiteral("reason"), text(e.reason)},
                                                              {QStringLiteral("headers"), JsonReportWriter::headers(e.responseHeaders)},
                                                              {QStringLiteral("body"), text(e.responseBody)},
                                                              {QStringLiteral("bodySize"), e.responseBodySize}});
    } else {
        object.insert(QStringLiteral("error"), e.error);
    }
    QJsonObject gateway{{QStringLiteral("pod"), e.pod}, {QStringLiteral("podSource"), e.podSource}};
    const auto add = [&gateway](const char *key, const QString &value) {
        if (!value.isEmpty())
            gateway.insert(QString::fromLatin1(key), value);
    };
    add("gateway", e.gatewayKey);
    add("listener", e.listener);
    add("route", e.route);
    add("service", e.service);
    add("endpoint", e.endpoint);
    add("stickyDecision", e.stickyDecision);
    add("cookieName", QString::fromUtf8(e.cookieName));
    add("cookieReceived", QString::fromUtf8(e.cookieReceived));
    add("cookieIssued", QString::fromUtf8(e.cookieIssued));
    if (!e.decisionTrail.isEmpty())
        gateway.insert(QStringLiteral("decisionTrail"), QJsonArray::fromStringList(e.decisionTrail));
    object.insert(QStringLiteral("gateway"), gateway);
    return object;
}

QJsonArray stepsJson(const QList<StepReport> &steps)
{
    QJsonArray array;
    for (const StepReport &step : steps) {
        QJsonArray assertions;
        for (const AssertionReport &a : step.assertions) {
            QJsonObject assertion{{QStringLiteral("kind"), a.kind},
                                  {QStringLiteral("expected"), a.expected},
                                  {QStringLiteral("actual"), a.actual},
                                  {QStringLiteral("outcome"), outcomeName(a.outcome)},
                                  {QStringLiteral("exchange"), a.exchange}};
            if (!a.note.isEmpty())
                assertion.insert(QStringLiteral("note"), a.note);
            assertions.append(assertion);
        }
        QJsonArray exchanges;
        for (const ExchangeReport &e : step.exchanges)
            exchanges.append(exchangeJson(e));
        QJsonArray differences;
        for (const DifferenceReport &d : step.differences)
            differences.append(QJsonObject{{QStringLiteral("what"), d.what}, {QStringLiteral("simulation"), d.simulation}, {QStringLiteral("target"), d.target}});
        QJsonObject object{{QStringLiteral("name"), step.name},
                           {QStringLiteral("kind"), step.kind},
                           {QStringLiteral("description"), step.description},
                           {QStringLiteral("status"), StepReport::statusName(step.status)},
                           {QStringLiteral("message"), step.message},
                           {QStringLiteral("startedAt"), ReportFile::isoTime(step.startedAtMs)},
                           {QStringLiteral("durationMs"), ms(step.durationUs)},
                           {QStringLiteral("line"), step.line},
                           {QStringLiteral("assertions"), assertions},
                           {QStringLiteral("exchanges"), exchanges}};
        if (!differences.isEmpty())
            object.insert(QStringLiteral("differences"), differences);
        array.append(object);
    }
    return array;
}

QJsonObject loadJson(const LoadReport &load)
{
    QJsonObject object{{QStringLiteral("ran"), load.ran}};
    if (!load.ran)
        return object;
    QJsonObject statuses;
    for (auto it = load.statuses.cbegin(); it != load.statuses.cend(); ++it)
        statuses.insert(QString::number(it.key()), it.value());
    QJsonArray pods;
    for (const PodShareReport &pod : load.pods)
        pods.append(QJsonObject{{QStringLiteral("pod"), pod.pod},
                                {QStringLiteral("requests"), pod.requests},
                                {QStringLiteral("sharePercent"), pod.sharePercent},
                                {QStringLiteral("errors"), pod.errors},
                                {QStringLiteral("p95Ms"), pod.p95Ms}});
    QJsonArray sessions;
    for (const SessionReport &session : load.sessions)
        sessions.append(QJsonObject{{QStringLiteral("cookie"), session.cookie},
                                    {QStringLiteral("pod"), session.pod},
                                    {QStringLiteral("requests"), session.requests},
                                    {QStringLiteral("clients"), session.clients}});
    QJsonArray timeline;
    for (const TimelinePoint &point : load.timeline)
        timeline.append(QJsonObject{{QStringLiteral("offsetMs"), point.offsetMs}, {QStringLiteral("requests"), point.requests}, {QStringLiteral("p95Ms"), point.p95Ms}});
    const LatencyReport &l = load.latency;
    object.insert(QStringLiteral("cancelled"), load.cancelled);
    object.insert(QStringLiteral("url"), load.url);
    object.insert(QStringLiteral("clients"), load.clients);
    object.insert(QStringLiteral("requestsPerClient"), load.requestsPerClient);
    object.insert(QStringLiteral("concurrency"), load.concurrency);
    object.insert(QStringLiteral("newConnection"), load.newConnection);
    object.insert(QStringLiteral("total"), load.total);
    object.insert(QStringLiteral("completed"), load.completed);
    object.insert(QStringLiteral("failed"), load.failed);
    object.insert(QStringLiteral("durationMs"), load.durationMs);
    object.insert(QStringLiteral("requestsPerSecond"), load.requestsPerSecond);
    object.insert(QStringLiteral("errorRatePercent"), load.errorRatePercent());
    object.insert(QStringLiteral("latencyMs"), QJsonObject{{QStringLiteral("min"), l.minMs}, {QStringLiteral("avg"), l.avgMs}, {QStringLiteral("p50"), l.p50Ms},
                                                           {QStringLiteral("p90"), l.p90Ms}, {QStringLiteral("p95"), l.p95Ms}, {QStringLiteral("p99"), l.p99Ms},
                                                           {QStringLiteral("max"), l.maxMs}, {QStringLiteral("count"), l.count}});
    object.insert(QStringLiteral("statuses"), statuses);
    object.insert(QStringLiteral("podSource"), load.podSource);
    object.insert(QStringLiteral("pods"), pods);
    object.insert(QStringLiteral("sessionCount"), load.sessionCount);
    object.insert(QStringLiteral("sessions"), sessions);
    QJsonObject stickiness{{QStringLiteral("known"), load.stickinessKnown},
                           {QStringLiteral("eligible"), load.stickyEligible},
                           {QStringLiteral("kept"), load.stickyKept},
                           {QStringLiteral("note"), load.stickinessNote}};
    if (load.stickinessKnown)
        stickiness.insert(QStringLiteral("percent"), load.stickinessPercent());
    object.insert(QStringLiteral("stickiness"), stickiness);
    object.insert(QStringLiteral("timeline"), timeline);
    object.insert(QStringLiteral("errorExamples"), QJsonArray::fromStringList(load.errorExamples));
    return object;
}

QJsonArray thresholdsJson(const QList<ThresholdReport> &thresholds)
{
    QJsonArray array;
    for (const ThresholdReport &t : thresholds)
        array.append(QJsonObject{{QStringLiteral("metric"), t.metric},
                                 {QStringLiteral("expression"), t.expression},
                                 {QStringLiteral("observed"), t.observed},
                                 {QStringLiteral("checkable"), t.checkable},
                                 {QStringLiteral("passed"), t.passed},
                                 {QStringLiteral("note"), t.note}});
    return array;
}

} // namespace

QJsonArray JsonReportWriter::headers(const HttpHeaders &headers)
{
    QJsonArray array;
    for (const HttpHeaders::Field &field : headers.fields())
        array.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(field.name)}, {QStringLiteral("value"), QString::fromUtf8(field.value)}});
    return array;
}

QJsonObject JsonReportWriter::toJson(const RunReport &report)
{
    QJsonArray scenarios;
    for (const ScenarioReport &s : report.scenarios) {
        QJsonArray diagnostics;
        for (const Diagnostic &d : s.diagnostics)
            diagnostics.append(QJsonObject{{QStringLiteral("severity"), d.isError() ? QStringLiteral("error") : QStringLiteral("warning")},
                                           {QStringLiteral("file"), d.location.file},
                                           {QStringLiteral("line"), d.location.line},
                                           {QStringLiteral("column"), d.location.column},
                                           {QStringLiteral("field"), d.fieldPath},
                                           {QStringLiteral("message"), d.message},
                                           {QStringLiteral("text"), d.toString()}});
        QJsonObject object{{QStringLiteral("name"), s.name},
                           {QStringLiteral("file"), s.file},
                           {QStringLiteral("mode"), ScenarioReport::modeName(s.mode)},
                           {QStringLiteral("target"), s.target},
                           {QStringLiteral("manifests"), QJsonArray::fromStringList(s.manifests)},
                           {QStringLiteral("namespace"), s.namespaceName},
                           {QStringLiteral("seed"), qint64(s.seed)},
                           {QStringLiteral("startedAt"), ReportFile::isoTime(s.startedAtMs)},
                           {QStringLiteral("finishedAt"), ReportFile::isoTime(s.finishedAtMs)},
                           {QStringLiteral("passed"), s.passed()},
                           {QStringLiteral("diagnostics"), diagnostics},
                           {QStringLiteral("runtimeError"), s.runtimeError},
                           {QStringLiteral("steps"), stepsJson(s.steps)},
                           {QStringLiteral("load"), loadJson(s.load)},
                           {QStringLiteral("thresholds"), thresholdsJson(s.thresholds)}};
        if (s.mode == ScenarioReport::Mode::Compare) {
            object.insert(QStringLiteral("targetSteps"), stepsJson(s.targetSteps));
            object.insert(QStringLiteral("targetLoad"), loadJson(s.targetLoad));
            object.insert(QStringLiteral("targetThresholds"), thresholdsJson(s.targetThresholds));
        }
        scenarios.append(object);
    }
    return QJsonObject{{QStringLiteral("schemaVersion"), SchemaVersion},
                       {QStringLiteral("name"), report.name},
                       {QStringLiteral("creator"), QJsonObject{{QStringLiteral("name"), QStringLiteral("gatewaylab")}, {QStringLiteral("version"), report.version}}},
                       {QStringLiteral("startedAt"), ReportFile::isoTime(report.startedAtMs)},
                       {QStringLiteral("finishedAt"), ReportFile::isoTime(report.finishedAtMs)},
                       {QStringLiteral("passed"), report.passed()},
                       {QStringLiteral("exitCode"), report.exitCode()},
                       {QStringLiteral("scenarios"), scenarios}};
}

QByteArray JsonReportWriter::render(const RunReport &report)
{
    return QJsonDocument(toJson(report)).toJson(QJsonDocument::Indented);
}

bool JsonReportWriter::write(const RunReport &report, const QString &path, QString *error)
{
    return ReportFile::save(path, render(report), error);
}

} // namespace gw
