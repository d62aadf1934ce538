#include "harwriter.h"

#include "jsonreportwriter.h"
#include "reportfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>

namespace gw {

namespace {

struct Entry
{
    const ExchangeReport *exchange;
    QString scenario;
    QString step;
    QString phase;
    QString pageId;
};

QJsonArray requestCookies(const HttpHeaders &headers)
{
    QJsonArray cookies;
    for (const QByteArray &header : headers.values("cookie")) {
        for (const QByteArray &part : header.split(';')) {
            const qsizetype eq = part.indexOf('=');
            if (eq <= 0)
                continue;
            cookies.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(part.left(eq).trimmed())},
                                       {QStringLiteral("value"), QString::fromLatin1(part.mid(eq + 1).trimmed())}});
        }
    }
    return cookies;
}

QJsonArray responseCookies(const HttpHeaders &headers)
{
    QJsonArray cookies;
    for (const QByteArray &header : headers.values("set-cookie")) {
        const QList<QByteArray> parts = header.split(';');
        const qsizetype eq = parts.first().indexOf('=');
        if (eq <= 0)
            continue;
        QJsonObject cookie{{QStringLiteral("name"), QString::fromLatin1(parts.first().left(eq).trimmed())},
                           {QStringLiteral("value"), QString::fromLatin1(parts.first().mid(eq + 1).trimmed())}};
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray part = parts[i].trimmed();
            const qsizetype at = part.indexOf('=');
            const QByteArray name = (at < 0 ? part : part.left(at)).toLower();
            const QString value = QString::fromLatin1(at < 0 ? QByteArray() : part.mid(at + 1));
            if (name == "path")
                cookie.insert(QStringLiteral("path"), value);
            else if (name == "domain")
                cookie.insert(QStringLiteral("domain"), value);
            else if (name == "expires")
                cookie.insert(QStringLiteral("expires"), value);
            else if (name == "httponly")
                cookie.insert(QStringLiteral("httpOnly"), true);
            else if (name == "secure")
                cookie.insert(QStringLiteral("secure"), true);
        }
        cookies.append(cookie);
    }
    return cookies;
}

QJsonObject entryJson(const Entry &entry)
{
    const ExchangeReport &e = *entry.exchange;
    const QUrl url(e.url);
    QJsonArray query;
    const QUrlQuery urlQuery(url);
    for (const auto &[name, value] : urlQuery.queryItems(QUrl::FullyDecoded))
        query.append(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("value"), value}});
    QJsonObject request{{QStringLiteral("method"), QString::fromLatin1(e.method)},
                        {QStringLiteral("url"), e.url},
                        {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
                        {QStringLiteral("cookies"), requestCookies(e.requestHeaders)},
                        {QStringLiteral("headers"), JsonReportWriter::headers(e.requestHeaders)},
                        {QStringLiteral("queryString"), query},
                        {QStringLiteral("headersSize"), -1},
                        {QStringLiteral("bodySize"), e.requestBody.size()}};
    if (!e.requestBody.isEmpty())
        request.insert(QStringLiteral("postData"), QJsonObject{{QStringLiteral("mimeType"), QString::fromLatin1(e.requestHeaders.value("content-type"))},
                                                               {QStringLiteral("text"), QString::fromUtf8(e.requestBody)}});
    QJsonObject response;
    if (e.ok) {
        QJsonObject content{{QStringLiteral("size"), e.responseBodySize},
                            {QStringLiteral("mimeType"), QString::fromLatin1(e.responseHeaders.value("content-type"))},
                            {QStringLiteral("text"), QString::fromUtf8(e.responseBody)}};
        if (e.responseBody.size() < e.responseBodySize)
            content.insert(QStringLiteral("comment"), QStringLiteral("text truncated to the first %1 bytes").arg(e.responseBody.size()));
        response = QJsonObject{{QStringLiteral("status"), e.status},
                               {QStringLiteral("statusText"), QString::fromLatin1(e.reason)},
                               {QStringLiteral("httpVersion"), QStringLiteral("HTTP/1.1")},
                               {QStringLiteral("cookies"), responseCookies(e.responseHeaders)},
                               {QStringLiteral("headers"), JsonReportWriter::headers(e.responseHeaders)},
                               {QStringLiteral("content"), content},
                               {QStringLiteral("redirectURL"), QString::fromLatin1(e.responseHeaders.value("location"))},
                               {QStringLiteral("headersSize"), -1},
                               {QStringLiteral("bodySize"), e.responseBodySize}};
    } else {
        response = QJsonObject{{QStringLiteral("status"), 0},
                               {QStringLiteral("statusText"), QString()},
                               {QStringLiteral("httpVersion"), QString()},
                               {QStringLiteral("cookies"), QJsonArray()},
                               {QStringLiteral("headers"), QJsonArray()},
                               {QStringLiteral("content"), QJsonObject{{QStringLiteral("size"), 0}, {QStringLiteral("mimeType"), QString()}}},
                               {QStringLiteral("redirectURL"), QString()},
                               {QStringLiteral("headersSize"), -1},
                               {QStringLiteral("bodySize"), -1},
                               {QStringLiteral("_error"), e.error}};
    }
    // Only the whole exchange is measured; it is reported as waiting, so `time` equals the sum of
    // the non-negative timings as HAR requires.
    const double total = double(e.durationUs) / 1000.0;
    QJsonObject timings{{QStringLiteral("blocked"), -1}, {QStringLiteral("dns"), -1}, {QStringLiteral("connect"), -1}, {QStringLiteral("ssl"), -1},
                        {QStringLiteral("send"), 0}, {QStringLiteral("wait"), total}, {QStringLiteral("receive"), 0}};
    QJsonObject object{{QStringLiteral("pageref"), entry.pageId},
                       {QStringLiteral("startedDateTime"), ReportFile::isoTime(e.startedAtMs)},
                       {QStringLiteral("time"), total},
                       {QStringLiteral("request"), request},
                       {QStringLiteral("response"), response},
                       {QStringLiteral("cache"), QJsonObject()},
                       {QStringLiteral("timings"), timings},
                       {QStringLiteral("serverIPAddress"), e.serverAddress},
                       {QStringLiteral("connection"), QString::number(e.localPort)},
                       {QStringLiteral("_scenario"), entry.scenario},
                       {QStringLiteral("_step"), entry.step},
                       {QStringLiteral("_phase"), entry.phase},
                       {QStringLiteral("_client"), e.client},
                       {QStringLiteral("_requestOnConnection"), e.requestOnConnection},
                       {QStringLiteral("_pod"), e.pod},
                       {QStringLiteral("_podSource"), e.podSource},
                       {QStringLiteral("_gateway"), e.gatewayKey},
                       {QStringLiteral("_listener"), e.listener},
                       {QStringLiteral("_route"), e.route},
                       {QStringLiteral("_service"), e.service},
                       {QStringLiteral("_endpoint"), e.endpoint},
                       {QStringLiteral("_stickyDecision"), e.stickyDecision.isEmpty() ? QStringLiteral("unknown") : e.stickyDecision},
                       {QStringLiteral("_cookieReceived"), QString::fromLatin1(e.cookieReceived)},
                       {QStringLiteral("_cookieIssued"), QString::fromLatin1(e.cookieIssued)}};
    if (!e.ok)
        object.insert(QStringLiteral("_error"), e.error);
    return object;
}

} // namespace

QJsonObject HarWriter::toJson(const RunReport &report)
{
    QList<Entry> entries;
    QJsonArray pages;
    int pageNumber = 0;
    for (const ScenarioReport &scenario : report.scenarios) {
        const auto addPhase = [&](const QList<StepReport> &steps, const QString &phase) {
            if (steps.isEmpty())
                return;
            const QString id = u"page_" + QString::number(++pageNumber);
            pages.append(QJsonObject{{QStringLiteral("startedDateTime"), ReportFile::isoTime(steps.first().startedAtMs)},
                                     {QStringLiteral("id"), id},
                                     {QStringLiteral("title"), QString(scenario.name + u" (" + phase + u')')},
                                     {QStringLiteral("pageTimings"), QJsonObject{{QStringLiteral("onContentLoad"), -1}, {QStringLiteral("onLoad"), -1}}}});
            for (const StepReport &step : steps) {
                for (const ExchangeReport &exchange : step.exchanges)
                    entries.append(Entry{&exchange, scenario.name, step.name, phase, id});
            }
        };
        addPhase(scenario.steps, scenario.mode == ScenarioReport::Mode::Target ? QStringLiteral("target") : QStringLiteral("simulation"));
        addPhase(scenario.targetSteps, QStringLiteral("target"));
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.exchange->startedAtMs < b.exchange->startedAtMs; });
    QJsonArray entryArray;
    for (const Entry &entry : entries)
        entryArray.append(entryJson(entry));
    const QJsonObject log{{QStringLiteral("version"), QStringLiteral("1.2")},
                          {QStringLiteral("creator"), QJsonObject{{QStringLiteral("name"), QStringLiteral("gatewaylab")}, {QStringLiteral("version"), report.version}}},
                          {QStringLiteral("pages"), pages},
                          {QStringLiteral("entries"), entryArray}};
    return QJsonObject{{QStringLiteral("log"), log}};
}

QByteArray HarWriter::render(const RunReport &report)
{
    return QJsonDocument(toJson(report)).toJson(QJsonDocument::Indented);
}

bool HarWriter::write(const RunReport &report, const QString &path, QString *error)
{
    return ReportFile::save(path, render(report), error);
}

} // namespace gw
