#include "rawhttpclient.h"
#include "testpaths.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTest>

#include <csignal>

using namespace gw::test;

// The headless commands as a user runs them: a real gatewaylab process, its output and exit code.
class TestCli final : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    // No display and no platform plugin: a headless command that created a QApplication would abort.
    static QProcessEnvironment headlessEnvironment()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DISPLAY"));
        environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
        environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
        return environment;
    }
    static Run run(const QStringList &arguments, int timeoutMs = 20000)
    {
        QProcess process;
        process.setProcessEnvironment(headlessEnvironment());
        process.start(gatewaylabBinary(), arguments);
        Run result;
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }
    static QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    // Starts `serve`, waits for its listener line; returns the URL or an empty string.
    static QString startServe(QProcess &process, const QStringList &extra)
    {
        process.setProcessEnvironment(headlessEnvironment());
        process.start(gatewaylabBinary(), QStringList{QStringLiteral("serve"), samplePath(QStringLiteral("session-sticky")), QStringLiteral("-n"),
                                                      QStringLiteral("server")}
                                              + extra);
        static const QRegularExpression line(QStringLiteral("^gateway server/simple-fsm-gateway listener http: (http://\\S+)$"),
                                             QRegularExpression::MultilineOption);
        QByteArray out;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 15000 && process.state() != QProcess::NotRunning) {
            process.waitForReadyRead(500);
            out += process.readAllStandardOutput();
            const auto match = line.match(QString::fromUtf8(out));
            if (match.hasMatch())
                return match.captured(1);
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(gatewaylabBinary()), qPrintable(gatewaylabBinary())); }

    void versionAndHelpNeedNoDisplay()
    {
        const Run version = run({QStringLiteral("--version")});
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out, QByteArray("gatewaylab " GATEWAYLAB_VERSION "\n"));
        const Run help = run({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("gatewaylab check"));
        QVERIFY(help.out.contains("gatewaylab serve"));
        const Run checkHelp = run({QStringLiteral("check"), QStringLiteral("--help")});
        QCOMPARE(checkHelp.exitCode, 0);
        QVERIFY(checkHelp.out.startsWith("Usage: gatewaylab check [options] PATH..."));
    }

    void checkPrintsTheTopology()
    {
        const Run check = run({QStringLiteral("check"), samplePath(QStringLiteral("session-sticky")), QStringLiteral("-n"), QStringLiteral("server")});
        QCOMPARE(check.exitCode, 0);
        QCOMPARE(QString::fromUtf8(check.out), QString::fromUtf8(readFile(testDataDir() + QStringLiteral("/cli/check-session-sticky.txt"))));
        QVERIFY(check.err.isEmpty());
    }

    void checkReportsErrorsWithExitCode2()
    {
        const QString file = testDataDir() + QStringLiteral("/cli/bad-listener-port.yaml");
        const Run check = run({QStringLiteral("check"), file});
        QCOMPARE(check.exitCode, 2);
        QVERIFY2(check.out.contains((file + QStringLiteral(":9:11: spec.listeners[0].port: expected an integer 1-65535, got \"eighty\"")).toUtf8()),
                 check.out.constData());
        QVERIFY(check.out.contains("1 error, 0 warnings"));
    }

    void usageErrorsExit1()
    {
        const Run none = run({QStringLiteral("check")});
        QCOMPARE(none.exitCode, 1);
        QVERIFY(none.err.startsWith("gatewaylab: no PATH given"));
        const Run unknown = run({QStringLiteral("serve"), QStringLiteral("--no-such-option"), QStringLiteral("x")});
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains("Unknown option 'no-such-option'"));
        const Run badSeed = run({QStringLiteral("check"), QStringLiteral("--seed"), QStringLiteral("seven"), QStringLiteral("x")});
        QCOMPARE(badSeed.exitCode, 1);
        QVERIFY(badSeed.err.contains("--seed expects a non-negative integer, got \"seven\""));
    }

    void serveAnswersAndStopsCleanlyOnSigterm()
    {
        QProcess serve;
        const QString url = startServe(serve, {QStringLiteral("--port-offset"), QStringLiteral("300"), QStringLiteral("--log")});
        QCOMPARE(url, QStringLiteral("http://127.0.0.2:8300/"));
        const auto reply = RawHttpClient::get("127.0.0.2", 8300, "/", "Cookie: _srv_id=7252425551334343\r\n");
        QVERIFY2(reply.ok, qPrintable(reply.error));
        QCOMPARE(reply.response.body, QByteArray("Hello, world"));
        // --log prints the exchange with its decision trail.
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += serve.readAllStandardOutput(), out.contains("sticky=\"cookie honoured\"")), 5000);
        QVERIFY(out.contains("pod=server/pipy-1"));

        ::kill(pid_t(serve.processId()), SIGTERM);
        QVERIFY(serve.waitForFinished(10000));
        QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
        QCOMPARE(serve.exitCode(), 0);
        // Nothing is left listening.
        RawHttpClient after("127.0.0.2", 8300);
        QVERIFY(!after.connect(2000));
    }

    void serveReportsAnAddressInUse()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress(QStringLiteral("127.0.0.2")), 8301));
        const Run serve = run({QStringLiteral("serve"), samplePath(QStringLiteral("session-sticky")), QStringLiteral("-n"), QStringLiteral("server"),
                               QStringLiteral("--port-offset"), QStringLiteral("301")});
        QCOMPARE(serve.exitCode, 3);
        QVERIFY2(serve.err.contains("gateway server/simple-fsm-gateway: cannot listen on 127.0.0.2:8301: address already in use"), serve.err.constData());
    }

    void serveRefusesInvalidInput()
    {
        const Run serve = run({QStringLiteral("serve"), testDataDir() + QStringLiteral("/cli/bad-listener-port.yaml")});
        QCOMPARE(serve.exitCode, 2);
        QVERIFY(serve.err.contains("expected an integer 1-65535"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
