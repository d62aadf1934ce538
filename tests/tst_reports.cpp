#include "report/harwriter.h"
#include "report/htmlreportwriter.h"
#include "report/jsonreportwriter.h"
#include "report/junitwriter.h"
#include "report/summarytext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace gw;

// The exporters, on one hand-built run: JUnit structure and counts, HAR's required fields, HTML
// escaping, JSON's schema version, and numbers that ignore the locale.
class TestReports final : public QObject
{
    Q_OBJECT

private:
    static ExchangeReport exchange(const QByteArray &path, int status, const QString &pod)
    {
        ExchangeReport e;
        e.client = QStringLiteral("alice");
        e.repeatIndex = 1;
        e.method = "GET";
        e.url = u"http://127.0.0.2:8000" + QString::fromLatin1(path);
        e.serverAddress = QStringLiteral("127.0.0.2");
        e.requestHeaders.append("Host", "127.0.0.2:8000");
        e.requestHeaders.append("Cookie", "_srv_id=1; other=2");
        e.ok = status > 0;
        e.error = status > 0 ? QString() : QStringLiteral("connection refused by 127.0.0.2:8000");
        e.status = status;
        e.reason = "OK";
        e.responseHeaders.append("set-cookie", "_srv_id=7252425551334343; path=/; expires=Fri,  5 Jan 2024 19:15:23 GMT; max-age=600");
        e.responseHeaders.append("content-length", "12");
        e.responseBody = "Hello, <b>world</b>";
        e.responseBodySize = e.responseBody.size();
        e.startedAtMs = 1'704'480'323'123;
        e.durationUs = 1'500;
        e.localPort = 50'000;
        e.requestOnConnection = 1;
        e.pod = pod;
        e.podSource = QStringLiteral("flow log");
        e.route = QStringLiteral("server/fortio-route#rule0");
        e.stickyDecision = QStringLiteral("issued");
        e.cookieIssued = "7252425551334343";
        return e;
    }

    static RunReport sampleRun()
    {
        RunReport run;
        run.version = QStringLiteral("0.1.0");
        run.startedAtMs = 1'704'480'323'000;
        run.finishedAtMs = 1'704'480'325'250;
        ScenarioReport s;
        s.name = QStringLiteral("tutorial <script>alert(1)</script>");
        s.file = QStringLiteral("samples/x/scenario.yaml");
        s.startedAtMs = run.startedAtMs;
        s.finishedAtMs = run.finishedAtMs;
        StepReport passed;
        passed.name = QStringLiteral("ok");
        passed.description = QStringLiteral("GET /");
        passed.durationUs = 1'234'567;
        passed.exchanges = {exchange("/", 200, QStringLiteral("server/pipy-1"))};
        passed.assertions = {AssertionReport{QStringLiteral("status"), QStringLiteral("200"), QStringLiteral("200"), AssertionReport::Outcome::Passed, 0, {}}};
        StepReport failed;
        failed.name = QStringLiteral("script path");
        failed.description = QStringLiteral("GET /<script>");
        failed.status = StepReport::Status::Failed;
        failed.message = QStringLiteral("status: expected 200, got 404");
        failed.exchanges = {exchange("/<script>", 404, QString())};
        failed.assertions = {AssertionReport{QStringLiteral("status"), QStringLiteral("200"), QStringLiteral("404"), AssertionReport::Outcome::Failed, 0, {}}};
        StepReport error;
        error.name = QStringLiteral("refused");
        error.status = StepReport::Status::Error;
        error.message = QStringLiteral("response: expected a complete response, got connection refused by 127.0.0.2:8000");
        error.exchanges = {exchange("/", 0, QString())};
        StepReport skipped;
        skipped.name = QStringLiteral("apply");
        skipped.kind = QStringLiteral("apply");
        skipped.status = StepReport::Status::Skipped;
        skipped.message = QStringLiteral("needs the simulator");
        StepReport sameName = passed;   // same step name twice: the number keeps testcases apart
        s.steps = {passed, failed, error, skipped, sameName};
        s.load.ran = true;
        s.load.completed = 10;
        s.load.durationMs = 250;
        s.load.pods = {PodShareReport{QStringLiteral("server/<pod>"), 10, 100.0, 0, 1.5}};
        s.load.timeline = {TimelinePoint{0, 5, 1.0}, TimelinePoint{10, 5, 2.0}};
        s.load.sessions = {SessionReport{QStringLiteral("<cookie>"), QStringLiteral("server/pipy-1"), 10, 1}};
        s.thresholds = {ThresholdReport{QStringLiteral("p95"), QStringLiteral("< 50ms"), QStringLiteral("1.50ms"), true, true, {}},
                        ThresholdReport{QStringLiteral("stickiness"), QStringLiteral(">= 100%"), QStringLiteral("unknown"), false, false, QStringLiteral("no pods")},
                        ThresholdReport{QStringLiteral("errorRate"), QStringLiteral("< 1%"), QStringLiteral("5.00%"), true, false, {}}};
        run.scenarios = {s};
        ScenarioReport invalid;
        invalid.name = QStringLiteral("broken");
        invalid.file = QStringLiteral("broken.yaml");
        invalid.diagnostics = {Diagnostic::error(SourceLocation{QStringLiteral("broken.yaml"), 3, 5}, QStringLiteral("steps"), QStringLiteral("expected a list"))};
        run.scenarios.append(invalid);
        return run;
    }

private Q_SLOTS:
    void cleanup() { QLocale::setDefault(QLocale::c()); }

    void junitStructureAndCounts()
    {
        // A locale with a decimal comma must not leak into the file.
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const QByteArray xml = JUnitWriter::render(sampleRun());
        QXmlStreamReader reader(xml);
        struct Suite
        {
            QXmlStreamAttributes attributes;
            int tests = 0, failures = 0, errors = 0, skipped = 0;
        };
        QList<Suite> suites;
        QXmlStreamAttributes root;
        QSet<QString> ids;
        int depth = 0;
        QString openCase;
        while (!reader.atEnd()) {
            reader.readNext();
            if (reader.isStartElement()) {
                ++depth;
                const QString name = reader.name().toString();
                if (name == u"testsuites") {
                    QCOMPARE(depth, 1);
                    root = reader.attributes();
                } else if (name == u"testsuite") {
                    QCOMPARE(depth, 2);
                    suites.append(Suite{reader.attributes()});
                } else if (name == u"testcase") {
                    QCOMPARE(depth, 3);
                    ++suites.last().tests;
                    const QString id = reader.attributes().value(QLatin1String("classname")).toString() + u"::" + reader.attributes().value(QLatin1String("name")).toString();
                    QVERIFY2(!ids.contains(id), qPrintable(id));
                    ids.insert(id);
                    QVERIFY(QRegularExpression(QStringLiteral("^\\d+\\.\\d{3}$")).match(reader.attributes().value(QLatin1String("time"))).hasMatch());
                } else if (name == u"failure") {
                    ++suites.last().failures;
                    QVERIFY(!reader.attributes().value(QLatin1String("message")).isEmpty());
                } else if (name == u"error") {
                    ++suites.last().errors;
                } else if (name == u"skipped") {
                    ++suites.last().skipped;
                }
            } else if (reader.isEndElement()) {
                --depth;
            }
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        QCOMPARE(suites.size(), 3);   // the scenario, its thresholds, the invalid scenario
        int tests = 0, failures = 0, errors = 0, skipped = 0;
        for (const Suite &suite : suites) {
            QCOMPARE(suite.attributes.value(QLatin1String("tests")).toInt(), suite.tests);
            QCOMPARE(suite.attributes.value(QLatin1String("failures")).toInt(), suite.failures);
            QCOMPARE(suite.attributes.value(QLatin1String("errors")).toInt(), suite.errors);
            QCOMPARE(suite.attributes.value(QLatin1String("skipped")).toInt(), suite.skipped);
            QVERIFY(suite.attributes.value(QLatin1String("timestamp")).endsWith(u'Z'));
            tests += suite.tests;
            failures += suite.failures;
            errors += suite.errors;
            skipped += suite.skipped;
        }
        QCOMPARE(root.value(QLatin1String("tests")).toInt(), tests);
        QCOMPARE(root.value(QLatin1String("failures")).toInt(), failures);
        QCOMPARE(root.value(QLatin1String("errors")).toInt(), errors);
        QCOMPARE(root.value(QLatin1String("skipped")).toInt(), skipped);
        QCOMPARE(root.value(QLatin1String("time")).toString(), QStringLiteral("2.250"));
        QCOMPARE(suites[0].tests, 5);
        QCOMPARE(suites[0].failures, 1);
        QCOMPARE(suites[0].errors, 1);
        QCOMPARE(suites[0].skipped, 1);
        QCOMPARE(suites[1].attributes.value(QLatin1String("name")).toString(), QStringLiteral("tutorial <script>alert(1)</script>.thresholds"));
        QCOMPARE(suites[1].tests, 3);
        QCOMPARE(suites[1].failures, 1);   // errorRate
        QCOMPARE(suites[1].skipped, 1);    // stickiness, not checkable
        QCOMPARE(suites[2].errors, 1);     // invalid input
        QVERIFY(xml.contains("time=\"1.235\""));
        QVERIFY(xml.contains("broken.yaml:3:5: steps: expected a list"));
    }

    void harRequiredFields()
    {
        QLocale::setDefault(QLocale(QLocale::French, QLocale::France));
        const QJsonDocument document = QJsonDocument::fromJson(HarWriter::render(sampleRun()));
        const QJsonObject log = document.object().value(u"log").toObject();
        QCOMPARE(log.value(u"version").toString(), QStringLiteral("1.2"));
        QCOMPARE(log.value(u"creator").toObject().value(u"name").toString(), QStringLiteral("gatewaylab"));
        const QJsonArray entries = log.value(u"entries").toArray();
        QCOMPARE(entries.size(), 4);
        for (const QJsonValue &value : entries) {
            const QJsonObject entry = value.toObject();
            for (const char *key : {"startedDateTime", "time", "request", "response", "cache", "timings"})
                QVERIFY2(entry.contains(QString::fromLatin1(key)), key);
            QCOMPARE(entry.value(u"startedDateTime").toString(), QStringLiteral("2024-01-05T18:45:23.123Z"));
            const QJsonObject request = entry.value(u"request").toObject();
            for (const char *key : {"method", "url", "httpVersion", "cookies", "headers", "queryString", "headersSize", "bodySize"})
                QVERIFY2(request.contains(QString::fromLatin1(key)), key);
            QCOMPARE(request.value(u"cookies").toArray().size(), 2);
            const QJsonObject response = entry.value(u"response").toObject();
            for (const char *key : {"status", "statusText", "httpVersion", "cookies", "headers", "content", "redirectURL", "headersSize", "bodySize"})
                QVERIFY2(response.contains(QString::fromLatin1(key)), key);
            QVERIFY(response.value(u"content").toObject().contains(u"size"));
            QVERIFY(response.value(u"content").toObject().contains(u"mimeType"));
            // time is the sum of the non-negative timings; send, wait, receive are never negative.
            const QJsonObject timings = entry.value(u"timings").toObject();
            double sum = 0;
            for (const QString &key : timings.keys())
                sum += std::max(0.0, timings.value(key).toDouble());
            QCOMPARE(entry.value(u"time").toDouble(), sum);
            for (const char *key : {"send", "wait", "receive"})
                QVERIFY(timings.value(QString::fromLatin1(key)).toDouble() >= 0);
            // Our own fields, '_'-prefixed.
            for (const QString &key : entry.keys())
                QVERIFY2(QStringList({QStringLiteral("startedDateTime"), QStringLiteral("time"), QStringLiteral("request"), QStringLiteral("response"),
                                      QStringLiteral("cache"), QStringLiteral("timings"), QStringLiteral("serverIPAddress"), QStringLiteral("connection"),
                                      QStringLiteral("pageref")}).contains(key) || key.startsWith(u'_'),
                         qPrintable(key));
        }
        const QJsonObject first = entries.first().toObject();
        QCOMPARE(first.value(u"_pod").toString(), QStringLiteral("server/pipy-1"));
        QCOMPARE(first.value(u"_route").toString(), QStringLiteral("server/fortio-route#rule0"));
        QCOMPARE(first.value(u"_stickyDecision").toString(), QStringLiteral("issued"));
        QCOMPARE(first.value(u"time").toDouble(), 1.5);
        const QJsonArray setCookies = first.value(u"response").toObject().value(u"cookies").toArray();
        QCOMPARE(setCookies.first().toObject().value(u"name").toString(), QStringLiteral("_srv_id"));
        QCOMPARE(setCookies.first().toObject().value(u"path").toString(), QStringLiteral("/"));
        // No response: status 0 and _error, as mitmproxy writes it.
        bool sawError = false;
        for (const QJsonValue &value : entries) {
            const QJsonObject response = value.toObject().value(u"response").toObject();
            if (response.value(u"status").toInt() == 0) {
                sawError = true;
                QCOMPARE(response.value(u"bodySize").toInt(), -1);
                QCOMPARE(value.toObject().value(u"_error").toString(), QStringLiteral("connection refused by 127.0.0.2:8000"));
            }
        }
        QVERIFY(sawError);
    }

    void htmlEscapesEverything()
    {
        const QString html = QString::fromUtf8(HtmlReportWriter::render(sampleRun()));
        QVERIFY(html.startsWith(u"<!DOCTYPE html>"));
        QVERIFY(!html.contains(u"<script"));
        QVERIFY(html.contains(u"GET /&lt;script&gt;"));
        QVERIFY(html.contains(u"tutorial &lt;script&gt;alert(1)&lt;/script&gt;"));
        QVERIFY(html.contains(u"Hello, &lt;b&gt;world&lt;/b&gt;"));
        QVERIFY(html.contains(u"server/&lt;pod&gt;"));
        QVERIFY(html.contains(u"&lt;cookie&gt;"));
        // Self-contained: nothing is fetched, charts are inline SVG.
        QVERIFY(!html.contains(u"src="));
        QVERIFY(!html.contains(u"<link"));
        QVERIFY(html.contains(u"<svg"));
        // The verdict comes first.
        QVERIFY(html.indexOf(u"FAIL</div>") < html.indexOf(u"<h2>"));
        QVERIFY(html.contains(u"expected"));
    }

    void jsonHasASchemaVersion()
    {
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
        const QByteArray bytes = JsonReportWriter::render(sampleRun());
        const QJsonObject root = QJsonDocument::fromJson(bytes).object();
        QCOMPARE(root.value(u"schemaVersion").toInt(), 1);
        QCOMPARE(root.value(u"exitCode").toInt(), 2);
        QCOMPARE(root.value(u"startedAt").toString(), QStringLiteral("2024-01-05T18:45:23.000Z"));
        const QJsonObject scenario = root.value(u"scenarios").toArray().first().toObject();
        QCOMPARE(scenario.value(u"steps").toArray().size(), 5);
        QCOMPARE(scenario.value(u"steps").toArray().first().toObject().value(u"durationMs").toDouble(), 1234.567);
        QVERIFY(bytes.contains("1234.567"));
        QCOMPARE(scenario.value(u"thresholds").toArray().size(), 3);
    }

    void exitCodesFollowTheMostSerious()
    {
        RunReport run = sampleRun();
        QCOMPARE(run.exitCode(), 2);
        run.scenarios.removeLast();
        QCOMPARE(run.exitCode(), 4);
        for (StepReport &step : run.scenarios[0].steps)
            step.status = StepReport::Status::Passed;
        QCOMPARE(run.exitCode(), 99);
        run.scenarios[0].thresholds.removeLast();
        QCOMPARE(run.exitCode(), 0);   // a threshold that cannot be checked does not fail the run
        run.scenarios[0].runtimeError = QStringLiteral("cannot listen");
        QCOMPARE(run.exitCode(), 3);
    }

    void summaryPutsThresholdsFirst()
    {
        const QString text = SummaryText::render(sampleRun());
        const qsizetype thresholds = text.indexOf(u"thresholds\n");
        QVERIFY(thresholds >= 0);
        QVERIFY(thresholds < text.indexOf(u"totals\n"));
        QVERIFY(text.contains(u"  ✓ p95 < 50ms"));
        QVERIFY(text.contains(u"  ✗ errorRate < 1%"));
        QVERIFY(text.contains(u"  ? stickiness >= 100%"));
        QVERIFY(text.endsWith(u"FAIL (exit 2)\n"));
    }

    void writesAtomically()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString error;
        QVERIFY(JUnitWriter::write(sampleRun(), dir.filePath(QStringLiteral("r.xml")), &error));
        QVERIFY(!JUnitWriter::write(sampleRun(), dir.filePath(QStringLiteral("missing/r.xml")), &error));
        QVERIFY(error.startsWith(u"cannot write "));
    }
};

QTEST_GUILESS_MAIN(TestReports)
#include "tst_reports.moc"
