#include "curlrunner.h"
#include "labfixture.h"
#include "rawhttpclient.h"
#include "sticky/stickycookie.h"
#include "testpaths.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QTest>

using namespace gw;
using namespace gw::test;

// The FSM session-stickiness tutorial (shared/seed/SCENARIO.md) end to end, over real sockets,
// with the real curl as the client, exactly as a user would run it against `gatewaylab serve`.
class TestGatewayTutorial final : public QObject
{
    Q_OBJECT

private:
    static QString sample(const QString &file) { return samplePath(QStringLiteral("session-sticky/") + file); }
    static Simulation::Options serverNamespace()
    {
        Simulation::Options options;
        options.defaultNamespace = QStringLiteral("server");
        return options;
    }
    static const QString Gateway;

private Q_SLOTS:
    void balancedWithoutPolicyPerConnection()
    {
        LabFixture lab(serverNamespace());
        QVERIFY2(lab.start({sample(QStringLiteral("01-backends.yaml")), sample(QStringLiteral("02-gateway-route.yaml"))}), qPrintable(lab.error()));
        const QString url = lab.url(Gateway, QStringLiteral("http"));
        QVERIFY(url.startsWith(u"http://127.0.0."));

        // Two curl processes are two connections: the balancer rotates over both pods.
        QSet<QByteArray> bodies;
        for (int i = 0; i < 2; ++i) {
            const CurlResult curl = runCurl({url});
            QCOMPARE(curl.exitCode, 0);
            bodies.insert(curl.output);
        }
        QCOMPARE(bodies, (QSet<QByteArray>{"Hello, world", "Service unavailable"}));

        // One keep-alive connection stays on the pod the balancer gave it (FSM HTTP/1 default).
        const auto listener = lab.listener(Gateway, QStringLiteral("http"));
        RawHttpClient client(listener.address, listener.port);
        QByteArray first;
        for (int i = 0; i < 4; ++i) {
            const auto reply = client.exchange("GET / HTTP/1.1\r\nHost: " + listener.address + "\r\n\r\n");
            QVERIFY2(reply.ok, qPrintable(reply.error));
            QVERIFY(!reply.response.headers.contains("set-cookie"));
            if (i == 0)
                first = reply.response.body;
            QCOMPARE(reply.response.body, first);
        }
        // A second keep-alive connection gets the other pod, and keeps it too.
        RawHttpClient other(listener.address, listener.port);
        const auto otherReply = other.exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        QVERIFY(otherReply.ok);
        QVERIFY(otherReply.response.body != first);
        QCOMPARE(other.exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n").response.body, otherReply.response.body);
    }

    void policyIssuesTheTutorialsCookie()
    {
        LabFixture lab(serverNamespace());
        QVERIFY2(lab.start({sample(QStringLiteral("01-backends.yaml")), sample(QStringLiteral("02-gateway-route.yaml"))}), qPrintable(lab.error()));
        const Diagnostics applied = lab.simulation().apply({sample(QStringLiteral("03-session-sticky-policy.yaml"))});
        QVERIFY(!hasErrors(applied));
        const QString url = lab.url(Gateway, QStringLiteral("http"));

        // Fresh connections rotate, so within two tries one lands on pipy-1 as in the transcript.
        QList<QByteArray> lines;
        QDateTime before;
        for (int attempt = 0; attempt < 2 && lines.value(0) != "HTTP/1.1 200 OK"; ++attempt) {
            before = QDateTime::currentDateTimeUtc();
            const CurlResult curl = runCurl({QStringLiteral("-i"), url});
            QCOMPARE(curl.exitCode, 0);
            lines = curl.lines();
        }
        const QDateTime after = QDateTime::currentDateTimeUtc();
        QCOMPARE(lines.size(), 6);
        QCOMPARE(lines[0], QByteArray("HTTP/1.1 200 OK"));
        const QRegularExpression setCookie(QStringLiteral(
            "^set-cookie: _srv_id=7252425551334343; path=/; expires=(\\w{3}, [ \\d]\\d \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT); max-age=600$"));
        const auto match = setCookie.match(QString::fromLatin1(lines[1]));
        QVERIFY2(match.hasMatch(), lines[1].constData());
        // expires is 600 s after the answer, formatted as Pipy's toUTCString().
        bool inWindow = false;
        for (qint64 s = before.toSecsSinceEpoch() - 1; s <= after.toSecsSinceEpoch() + 1; ++s) {
            if (StickyCookie::httpDate(QDateTime::fromSecsSinceEpoch(s + 600, Qt::UTC)) == match.captured(1).toLatin1())
                inWindow = true;
        }
        QVERIFY2(inWindow, qPrintable(match.captured(1)));
        QCOMPARE(lines[2], QByteArray("content-length: 12"));
        QCOMPARE(lines[3], QByteArray("connection: keep-alive"));
        QCOMPARE(lines[4], QByteArray(""));
        QCOMPARE(lines[5], QByteArray("Hello, world"));

        // The cookie sent back pins every request to pipy-1, with no new Set-Cookie.
        for (int i = 0; i < 3; ++i) {
            const CurlResult curl = runCurl({QStringLiteral("-i"), QStringLiteral("-b"), QStringLiteral("_srv_id=7252425551334343"), url});
            QCOMPARE(curl.exitCode, 0);
            QVERIFY2(!curl.output.contains("set-cookie"), curl.output.constData());
            QVERIFY(curl.output.endsWith("\r\n\r\nHello, world"));
        }
        const CurlResult plain = runCurl({QStringLiteral("-b"), QStringLiteral("_srv_id=7252425551334343"), url});
        QCOMPARE(plain.output, QByteArray("Hello, world"));

        // The flow log says why: three requests were pinned by the cookie.
        const FlowStatistics stats = lab.simulation().flowLog().statistics();
        QCOMPARE(stats.sessions.value("7252425551334343").podKey, QStringLiteral("server/pipy-1"));
        QVERIFY(stats.sessions.value("7252425551334343").requests >= 4);
    }

    void serveFolderShowsBothCookies()
    {
        // The whole folder, as `gatewaylab serve samples/session-sticky -n server` loads it.
        LabFixture lab(serverNamespace());
        QVERIFY2(lab.start({samplePath(QStringLiteral("session-sticky"))}), qPrintable(lab.error()));
        const auto listener = lab.listener(Gateway, QStringLiteral("http"));
        QSet<QByteArray> cookies;
        for (int i = 0; i < 2; ++i) {
            const auto reply = RawHttpClient::get(listener.address, listener.port, "/");
            QVERIFY2(reply.ok, qPrintable(reply.error));
            const QByteArray setCookie = reply.response.headers.value("set-cookie");
            cookies.insert(setCookie.left(setCookie.indexOf(';')));
            // Even the 503 answer gets a cookie: FSM adds it whatever the status (§2.4).
            QVERIFY(setCookie.startsWith("_srv_id="));
        }
        QVERIFY(cookies.contains("_srv_id=7252425551334343"));
        QCOMPARE(cookies.size(), 2);
    }
};

const QString TestGatewayTutorial::Gateway = QStringLiteral("server/simple-fsm-gateway");

QTEST_GUILESS_MAIN(TestGatewayTutorial)
#include "tst_gateway_tutorial.moc"
