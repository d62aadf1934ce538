#include "clientpool.h"
#include "lab/simulation.h"
#include "mainwindow.h"
#include "models/flowtablemodel.h"
#include "testpaths.h"
#include "widgets/composerpanel.h"
#include "widgets/trafficpage.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace gw;
using namespace gw::ui;

// File ▸ Export from a real session: the HTML report escapes what users and the network supplied,
// the HAR has every field HAR 1.2 requires plus the gateway's decisions in `_` fields, and the
// JSON report carries the flows; files are replaced in one step.
class TestUiExport final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Simulation> m_simulation;
    std::unique_ptr<MainWindow> m_window;
    int m_answers = 0;

    void send(const QString &client, const QString &path)
    {
        m_window->composer()->setCurrentClient(client);
        m_window->composer()->setPath(path);
        const int before = m_answers;
        QVERIFY(m_window->composer()->send() != 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_answers, before + 1, 10000);
    }
    static QJsonObject readJson(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(file.readAll()).object();
    }
    static void requireKeys(const QJsonObject &object, const QStringList &keys, const QString &where)
    {
        for (const QString &key : keys)
            QVERIFY2(object.contains(key), qPrintable(where + u" lacks " + key));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
        Simulation::Options options;
        options.defaultNamespace = QStringLiteral("server");
        options.portOffset = 2400;
        m_simulation = std::make_unique<Simulation>(options);
        m_window = std::make_unique<MainWindow>(*m_simulation);
        connect(m_window->clientPool(), &ClientPool::resultReady, this, [this] { ++m_answers; });
        m_window->openPaths({test::samplePath(QStringLiteral("session-sticky"))});
        QVERIFY(m_simulation->isServing());
        send(QStringLiteral("alice"), QStringLiteral("/"));
        send(QStringLiteral("alice"), QStringLiteral("/"));
        send(QStringLiteral("curl"), QStringLiteral("/<script>alert(1)</script>?q=a&b=<i>"));
        send(QStringLiteral("bob"), QStringLiteral("/cart?id=7"));
        QTRY_COMPARE_WITH_TIMEOUT(m_simulation->flowLog().size(), qsizetype(4), 5000);
        m_window->refreshLiveViews();
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_simulation.reset();
    }

    void htmlEscapesUserText()
    {
        const QString path = m_dir.filePath(QStringLiteral("session.html"));
        QString error;
        QVERIFY2(m_window->exportTo(MainWindow::ExportFormat::Html, path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(file.readAll());
        QVERIFY(html.startsWith(u"<!DOCTYPE html>"));
        // The path is shown, never run.
        QVERIFY(!html.contains(u"<script>"));
        QVERIFY(!html.contains(u"<i>"));
        QVERIFY(html.contains(u"/&lt;script&gt;alert(1)&lt;/script&gt;"));
        // Self-contained: inline style and SVG charts, nothing fetched, no script at all.
        QVERIFY(html.contains(u"<style>"));
        QVERIFY(html.contains(u"<svg"));
        QVERIFY(!html.contains(u"src=\"http"));
        QVERIFY(!html.contains(u"<link"));
        // The parts a reader looks for: configuration, clients, pods, sessions.
        QVERIFY(html.contains(u"HTTPRoute server/fortio-route rule 0"));
        QVERIFY(html.contains(u"[sticky cookie _srv_id, 600 s]"));
        QVERIFY(html.contains(u"alice"));
        QVERIFY(html.contains(u"server/pipy-"));
        QVERIFY(html.contains(u"_srv_id="));
        QVERIFY(html.contains(u"Sessions and stickiness"));
    }

    void harHasTheRequiredFields()
    {
        const QString path = m_dir.filePath(QStringLiteral("session.har"));
        QString error;
        QVERIFY2(m_window->exportTo(MainWindow::ExportFormat::Har, path, &error), qPrintable(error));
        const QJsonObject log = readJson(path).value(u"log").toObject();
        requireKeys(log, {QStringLiteral("version"), QStringLiteral("creator"), QStringLiteral("entries")}, QStringLiteral("log"));
        QCOMPARE(log.value(u"version").toString(), QStringLiteral("1.2"));
        requireKeys(log.value(u"creator").toObject(), {QStringLiteral("name"), QStringLiteral("version")}, QStringLiteral("creator"));
        const QJsonArray entries = log.value(u"entries").toArray();
        QCOMPARE(entries.size(), 4);
        QString previous;
        QSet<QString> decisions;
        for (const QJsonValue &value : entries) {
            const QJsonObject entry = value.toObject();
            requireKeys(entry, {QStringLiteral("startedDateTime"), QStringLiteral("time"), QStringLiteral("request"), QStringLiteral("response"),
                                QStringLiteral("cache"), QStringLiteral("timings")},
                        QStringLiteral("entry"));
            const QString started = entry.value(u"startedDateTime").toString();
            QVERIFY2(QDateTime::fromString(started, Qt::ISODateWithMs).isValid(), qPrintable(started));
            QVERIFY(started >= previous);   // oldest first
            previous = started;
            const QJsonObject request = entry.value(u"request").toObject();
            requireKeys(request, {QStringLiteral("method"), QStringLiteral("url"), QStringLiteral("httpVersion"), QStringLiteral("cookies"),
                                  QStringLiteral("headers"), QStringLiteral("queryString"), QStringLiteral("headersSize"), QStringLiteral("bodySize")},
                        QStringLiteral("request"));
            QVERIFY(request.value(u"url").toString().startsWith(u"http://127.0.0.2:"));
            const QJsonObject response = entry.value(u"response").toObject();
            requireKeys(response, {QStringLiteral("status"), QStringLiteral("statusText"), QStringLiteral("httpVersion"), QStringLiteral("cookies"),
                                   QStringLiteral("headers"), QStringLiteral("content"), QStringLiteral("redirectURL"), QStringLiteral("headersSize"),
                                   QStringLiteral("bodySize")},
                        QStringLiteral("response"));
            requireKeys(response.value(u"content").toObject(), {QStringLiteral("size"), QStringLiteral("mimeType")}, QStringLiteral("content"));
            const QJsonObject timings = entry.value(u"timings").toObject();
            requireKeys(timings, {QStringLiteral("send"), QStringLiteral("wait"), QStringLiteral("receive")}, QStringLiteral("timings"));
            double sum = 0;
            for (const QString &key : timings.keys()) {
                const double part = timings.value(key).toDouble();
                QVERIFY2(part >= 0 || part == -1, qPrintable(key));
                if (part > 0)
                    sum += part;
            }
            QVERIFY(timings.value(u"send").toDouble() >= 0 && timings.value(u"wait").toDouble() >= 0 && timings.value(u"receive").toDouble() >= 0);
            QVERIFY(qAbs(entry.value(u"time").toDouble() - sum) < 1e-6);
            // The gateway's side, in fields other tools ignore.
            QVERIFY(entry.value(u"_pod").toString().startsWith(u"server/pipy-"));
            QCOMPARE(entry.value(u"_route").toString(), QStringLiteral("server/fortio-route#rule0"));
            decisions.insert(entry.value(u"_stickyDecision").toString());
            for (const QString &key : entry.keys())
                QVERIFY2(!QStringList({QStringLiteral("pod"), QStringLiteral("route"), QStringLiteral("stickyDecision")}).contains(key), qPrintable(key));
        }
        QVERIFY(decisions.contains(QStringLiteral("issued")));
        QVERIFY(decisions.contains(QStringLiteral("honoured")));
        // The client of each entry, by name.
        QCOMPARE(entries.at(0).toObject().value(u"_client").toString(), QStringLiteral("alice"));
        QCOMPARE(entries.at(2).toObject().value(u"_client").toString(), QStringLiteral("curl"));
        // The query string, decoded.
        const QJsonArray query = entries.at(3).toObject().value(u"request").toObject().value(u"queryString").toArray();
        QCOMPARE(query.size(), 1);
        QCOMPARE(query.at(0).toObject().value(u"name").toString(), QStringLiteral("id"));
    }

    void jsonCarriesTheSession()
    {
        const QString path = m_dir.filePath(QStringLiteral("session.json"));
        QString error;
        QVERIFY2(m_window->exportTo(MainWindow::ExportFormat::Json, path, &error), qPrintable(error));
        const QJsonObject root = readJson(path);
        QCOMPARE(root.value(u"schemaVersion").toInt(), 1);
        const QByteArray text = QJsonDocument(root).toJson(QJsonDocument::Compact);
        QVERIFY(text.contains("Desktop session"));
        QVERIFY(text.contains("/<script>alert(1)</script>"));   // JSON keeps the text; escaping is the reader's job
        QVERIFY(text.contains("server/fortio-route#rule0"));
        QVERIFY(text.contains("\"honoured\""));
    }

    void exportReplacesAtomicallyAndReportsFailure()
    {
        const QString path = m_dir.filePath(QStringLiteral("again.har"));
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old content");
        old.close();
        QVERIFY(m_window->exportTo(MainWindow::ExportFormat::Har, path, nullptr));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().startsWith("{"));
        // No temporary file is left beside it.
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("again.har*")}, QDir::Files).size(), 1);
        QString error;
        QVERIFY(!m_window->exportTo(MainWindow::ExportFormat::Json, m_dir.filePath(QStringLiteral("no/such/folder/x.json")), &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_MAIN(TestUiExport)
#include "tst_ui_export.moc"
