#include "testpaths.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace gw::test;

// `gatewaylab test` as CI runs it: a real process, its output and its exit code.
class TestTestCommand final : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Run gatewaylab(const QStringList &arguments, int timeoutMs = 120'000)
    {
        QProcess process;
        process.start(gatewaylabBinary(), QStringList{QStringLiteral("test")} + arguments);
        Run run;
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
            return run;
        }
        run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }
    static QString data(const QString &name) { return testDataDir() + QStringLiteral("/scenario/") + name; }

private Q_SLOTS:
    void tutorialPassesWithEveryReport()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Run run = gatewaylab({samplePath(QStringLiteral("session-sticky/scenario.yaml")), QStringLiteral("--junit"), dir.filePath(QStringLiteral("r.xml")),
                                    QStringLiteral("--html"), dir.filePath(QStringLiteral("r.html")), QStringLiteral("--json"), dir.filePath(QStringLiteral("r.json")),
                                    QStringLiteral("--har"), dir.filePath(QStringLiteral("r.har"))});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
        QVERIFY(run.out.contains(u"  ✓ first response pins"));
        QVERIFY(run.out.contains(u"  ✓ stickiness >= 100%       observed 100.00% (3800/3800)"));
        QVERIFY(run.out.contains(u"  ✓ errorRate < 1%"));
        QVERIFY(run.out.contains(u"server/pipy-1"));
        QVERIFY(run.out.indexOf(u"thresholds\n") < run.out.indexOf(u"latency"));
        QVERIFY(run.out.endsWith(u"PASS (exit 0)\n"));
        // Not a terminal: no progress line, nothing on stderr.
        QVERIFY2(run.err.isEmpty(), qPrintable(run.err));
        for (const char *name : {"r.xml", "r.html", "r.json", "r.har"})
            QVERIFY2(QFileInfo(dir.filePath(QString::fromLatin1(name))).size() > 0, name);
        QFile json(dir.filePath(QStringLiteral("r.json")));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(json.readAll()).object();
        QCOMPARE(root.value(u"exitCode").toInt(), 0);
        const QJsonObject load = root.value(u"scenarios").toArray().first().toObject().value(u"load").toObject();
        QCOMPARE(load.value(u"completed").toInt(), 4000);
        QCOMPARE(load.value(u"stickiness").toObject().value(u"kept").toInt(), 3800);
    }

    void exitCodes()
    {
        QCOMPARE(gatewaylab({}).exitCode, 1);
        QCOMPARE(gatewaylab({QStringLiteral("--no-such-option"), data(QStringLiteral("invalid.yaml"))}).exitCode, 1);
        QCOMPARE(gatewaylab({QStringLiteral("--target"), QStringLiteral("ftp://x"), data(QStringLiteral("invalid.yaml"))}).exitCode, 1);
        QCOMPARE(gatewaylab({QStringLiteral("--target"), QStringLiteral("http://127.0.0.1:1"), QStringLiteral("--compare"), QStringLiteral("http://127.0.0.1:1"),
                             data(QStringLiteral("invalid.yaml"))}).exitCode,
                 1);

        const Run invalid = gatewaylab({data(QStringLiteral("invalid.yaml"))});
        QCOMPARE(invalid.exitCode, 2);
        QVERIFY2(invalid.err.contains(data(QStringLiteral("invalid.yaml")) + u":6:14: steps[0].expect.stauts: unknown field \"stauts\""), qPrintable(invalid.err));

        const Run failing = gatewaylab({data(QStringLiteral("assertions-fail.yaml"))});
        QCOMPARE(failing.exitCode, 4);
        QVERIFY(failing.out.contains(u"  ✗ status  GET /"));
        QVERIFY(failing.out.contains(u"status: expected 404, got 200"));

        const Run threshold = gatewaylab({data(QStringLiteral("threshold-fails.yaml"))});
        QCOMPARE(threshold.exitCode, 99);
        QVERIFY(threshold.out.contains(u"  ✗ p95 < 1us"));
        QVERIFY(threshold.out.contains(u"  ✓ errorRate < 1%"));

        // A listener that cannot bind is a runtime error.
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress(QStringLiteral("127.0.0.2")), 8300));
        const Run taken = gatewaylab({data(QStringLiteral("port-taken.yaml"))});
        QCOMPARE(taken.exitCode, 3);
        QVERIFY2(taken.out.contains(u"could not run: ") && taken.out.contains(u"127.0.0.2:8300"), qPrintable(taken.out));
        squatter.close();

        // The most serious code wins across scenarios.
        QCOMPARE(gatewaylab({data(QStringLiteral("threshold-fails.yaml")), data(QStringLiteral("assertions-fail.yaml"))}).exitCode, 4);
        QCOMPARE(gatewaylab({data(QStringLiteral("assertions-fail.yaml")), data(QStringLiteral("invalid.yaml"))}).exitCode, 2);
    }

    void targetRunAgainstASecondProcess()
    {
        // A second `gatewaylab serve` stands in for a real gateway on a cluster.
        QProcess server;
        server.start(gatewaylabBinary(), {QStringLiteral("serve"), samplePath(QStringLiteral("session-sticky")), QStringLiteral("-n"), QStringLiteral("server"),
                                          QStringLiteral("--port-offset"), QStringLiteral("100")});
        QVERIFY(server.waitForStarted(10'000));
        QByteArray banner;
        QTRY_VERIFY_WITH_TIMEOUT((banner += server.readAllStandardOutput()).contains("http://127.0.0.2:8100/"), 20'000);

        QTemporaryDir dir;
        const Run run = gatewaylab({QStringLiteral("--target"), QStringLiteral("http://127.0.0.2:8100"), samplePath(QStringLiteral("session-sticky/scenario.yaml")),
                                    QStringLiteral("--junit"), dir.filePath(QStringLiteral("t.xml"))});
        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(10'000));
        QCOMPARE(server.exitCode(), 0);

        // The real gateway already has the policy (the whole folder is served): the step that
        // expects no cookie fails, honestly; the apply is skipped; pod checks are not checkable.
        QVERIFY2(run.exitCode == 4, qPrintable(run.out + run.err));
        QVERIFY(run.out.contains(u"FSM session stickiness tutorial (" + samplePath(QStringLiteral("session-sticky/scenario.yaml")) + u", target http://127.0.0.2:8100)"));
        QVERIFY(run.out.contains(u"  ✗ balanced without a policy"));
        QVERIFY(run.out.contains(u"  - apply the policy"));
        QVERIFY(run.out.contains(u"needs the simulator"));
        QVERIFY(run.out.contains(u"not checkable: samePodAs"));
        QVERIFY(run.out.contains(u"  ? stickiness >= 100%       observed unknown"));
        QVERIFY(run.out.contains(u"  ✓ errorRate < 1%"));
        QVERIFY(run.out.contains(u"requests  4000 of 4000"));
        QFile junit(dir.filePath(QStringLiteral("t.xml")));
        QVERIFY(junit.open(QIODevice::ReadOnly));
        const QByteArray xml = junit.readAll();
        QVERIFY(xml.contains("<property name=\"target\" value=\"http://127.0.0.2:8100\"/>"));
        QVERIFY(xml.contains("<skipped message=\"needs the simulator"));
    }

    void compareRunAgainstASecondProcess()
    {
        QProcess server;
        server.start(gatewaylabBinary(), {QStringLiteral("serve"), samplePath(QStringLiteral("session-sticky")), QStringLiteral("-n"), QStringLiteral("server"),
                                          QStringLiteral("--port-offset"), QStringLiteral("100"), QStringLiteral("--seed"), QStringLiteral("7")});
        QVERIFY(server.waitForStarted(10'000));
        QByteArray banner;
        QTRY_VERIFY_WITH_TIMEOUT((banner += server.readAllStandardOutput()).contains("http://127.0.0.2:8100/"), 20'000);
        const Run run = gatewaylab({QStringLiteral("--compare"), QStringLiteral("http://127.0.0.2:8100"), samplePath(QStringLiteral("session-sticky/scenario.yaml"))});
        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(10'000));
        // The simulation applies the policy at step 2; the real one had it from the start.
        QCOMPARE(run.exitCode, 4);
        QVERIFY2(run.out.contains(u"balanced without a policy: differs: Set-Cookie (request 1): simulation none, real gateway _srv_id"), qPrintable(run.out));
        QVERIFY(run.out.contains(u"thresholds (simulation)"));
        QVERIFY(run.out.contains(u"thresholds (real gateway)"));
    }

    void everySampleScenarioPasses()
    {
        const QDir samples(samplePath(QString()));
        QStringList scenarios;
        for (const QString &folder : samples.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QString file = samples.filePath(folder + QStringLiteral("/scenario.yaml"));
            QVERIFY2(QFileInfo::exists(file), qPrintable(u"sample set without a scenario: " + folder));
            scenarios.append(file);
        }
        QVERIFY(!scenarios.isEmpty());
        const Run run = gatewaylab(scenarios, 280'000);
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    }
};

QTEST_GUILESS_MAIN(TestTestCommand)
#include "tst_testcommand.moc"
