#include "labfixture.h"
#include "rawhttpclient.h"
#include "sticky/stickycookie.h"
#include "testpaths.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace gw;
using namespace gw::test;

// FSM's session stickiness over real sockets: every rule of spec/fsm-gateway.md §1-§2 that a
// user can observe from outside.
class TestGatewaySticky final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LabFixture> m_lab;
    Simulation::ListenerAddress m_listener;

    RawHttpClient::Reply get(const QByteArray &path, const QByteArray &cookie = {})
    {
        RawHttpClient client(m_listener.address, m_listener.port);
        const QByteArray cookieLine = cookie.isNull() ? QByteArray() : "Cookie: " + cookie + "\r\n";
        return client.exchange("GET " + path + " HTTP/1.1\r\nHost: sticky.test\r\n" + cookieLine + "\r\n");
    }
    static QJsonObject echo(const RawHttpClient::Reply &reply) { return QJsonDocument::fromJson(reply.response.body).object(); }
    static QByteArray cookieValue(const QByteArray &setCookie)
    {
        const qsizetype eq = setCookie.indexOf('='), semicolon = setCookie.indexOf(';');
        return setCookie.mid(eq + 1, semicolon - eq - 1);
    }
    const FlowRecord lastFlow() const { return m_lab->simulation().flowLog().allRecords().constLast(); }

private Q_SLOTS:
    void init()
    {
        m_lab = std::make_unique<LabFixture>();
        QVERIFY2(m_lab->start({testDataDir() + QStringLiteral("/gateway/sticky.yaml")}), qPrintable(m_lab->error()));
        m_listener = m_lab->listener(QStringLiteral("default/sticky"), QStringLiteral("http"));
        QCOMPARE(m_listener.port, quint16(8200));
    }
    void cleanup() { m_lab.reset(); }

    void defaultsApplyToListedPort()
    {
        const auto reply = get("/echo");
        QVERIFY2(reply.ok, qPrintable(reply.error));
        const QByteArray setCookie = reply.response.headers.value("set-cookie");
        QVERIFY2(setCookie.startsWith("_srv_id="), setCookie.constData());
        QVERIFY(setCookie.endsWith("; max-age=3600"));
        const QString pod = echo(reply).value(u"pod").toString();
        const ClusterPod *clusterPod = m_lab->simulation().cluster().findPod(QStringLiteral("default/") + pod);
        QVERIFY(clusterPod);
        QCOMPARE(cookieValue(setCookie), StickyCookie::value((clusterPod->ip + QStringLiteral(":3000")).toLatin1()));
        QCOMPARE(lastFlow().stickyDecision, FlowRecord::StickyDecision::Issued);
    }
    void cookieIsHonouredAndForwardedUnchanged()
    {
        const auto first = get("/echo");
        const QByteArray value = cookieValue(first.response.headers.value("set-cookie"));
        const QString pod = echo(first).value(u"pod").toString();
        const QByteArray sent = "other=1; _srv_id=" + value + "; last=\"q\"";
        for (int i = 0; i < 5; ++i) {
            const auto reply = get("/echo", sent);
            QVERIFY(!reply.response.headers.contains("set-cookie"));
            const QJsonObject body = echo(reply);
            QCOMPARE(body.value(u"pod").toString(), pod);
            // forward.js never touches the Cookie header: the backend sees it as sent.
            QCOMPARE(body.value(u"headers").toObject().value(u"Cookie").toArray().at(0).toString(), QString::fromLatin1(sent));
        }
        QCOMPARE(lastFlow().stickyDecision, FlowRecord::StickyDecision::Honoured);
        QCOMPARE(lastFlow().endpointChoice, FlowRecord::EndpointChoice::Cookie);
    }
    void garbageCookieRepins()
    {
        const auto reply = get("/echo", "_srv_id=not-a-pod");
        QVERIFY(reply.response.headers.value("set-cookie").startsWith("_srv_id="));
        QCOMPARE(lastFlow().stickyDecision, FlowRecord::StickyDecision::Repinned);
        QCOMPARE(lastFlow().cookieReceived, QByteArray("not-a-pod"));
    }
    void lastDuplicateCookieWins()
    {
        const QByteArray value = cookieValue(get("/echo").response.headers.value("set-cookie"));
        QVERIFY(!get("/echo", "_srv_id=garbage; _srv_id=" + value).response.headers.contains("set-cookie"));
        QCOMPARE(lastFlow().stickyDecision, FlowRecord::StickyDecision::Honoured);
        QVERIFY(get("/echo", "_srv_id=" + value + "; _srv_id=garbage").response.headers.contains("set-cookie"));
        QCOMPARE(lastFlow().stickyDecision, FlowRecord::StickyDecision::Repinned);
    }
    void backendSetCookieComesFirst()
    {
        const auto reply = get("/app-cookie");
        const QList<QByteArray> cookies = reply.response.headers.values("set-cookie");
        QCOMPARE(cookies.size(), 2);
        QCOMPARE(cookies[0], QByteArray("app=1; path=/"));
        // Port config wins field by field; the rest comes from spec.config (expires 60).
        QVERIFY2(cookies[1].startsWith("lab_srv=") && cookies[1].endsWith("; max-age=60"), cookies[1].constData());
    }
    void unlistedPortIsNotSticky()
    {
        const auto reply = get("/unlisted");
        QVERIFY(reply.ok);
        QVERIFY(!reply.response.headers.contains("set-cookie"));
        QCOMPARE(lastFlow().stickyDecision, FlowRecord::StickyDecision::None);
    }
    void oldestPolicyWins()
    {
        const auto reply = get("/conflict");
        QVERIFY2(reply.response.headers.value("set-cookie").startsWith("older="), reply.response.headers.value("set-cookie").constData());
        // The newer policy's conflict is reported, not silently dropped.
        bool reported = false;
        for (const Diagnostic &diagnostic : m_lab->simulation().diagnostics())
            reported = reported || (diagnostic.message.contains(u"default/conflict-older") && diagnostic.message.contains(u"Conflicted"));
        QVERIFY(reported);
    }
    void restartedPodWithNewIpGetsNewCookie()
    {
        const auto first = get("/echo");
        const QByteArray oldValue = cookieValue(first.response.headers.value("set-cookie"));
        const QString podKey = QStringLiteral("default/") + echo(first).value(u"pod").toString();
        const QString oldIp = m_lab->simulation().cluster().findPod(podKey)->ip;
        QVERIFY(m_lab->simulation().startPod(podKey, true));
        const QString newIp = m_lab->simulation().cluster().findPod(podKey)->ip;
        QVERIFY(newIp != oldIp);
        // The old value names no endpoint any more (§2.5): balanced again, and a new cookie issued.
        const auto reply = get("/echo", "_srv_id=" + oldValue);
        QCOMPARE(lastFlow().stickyDecision, FlowRecord::StickyDecision::Repinned);
        const QByteArray newValue = cookieValue(reply.response.headers.value("set-cookie"));
        QVERIFY(!newValue.isEmpty() && newValue != oldValue);
        // Whichever pod it landed on, the new cookie names that pod's current address.
        const QString landed = QStringLiteral("default/") + echo(reply).value(u"pod").toString();
        QCOMPARE(newValue, StickyCookie::value((m_lab->simulation().cluster().findPod(landed)->ip + QStringLiteral(":3000")).toLatin1()));
    }
    void stoppedPodsSessionsRepin()
    {
        const auto first = get("/echo");
        const QByteArray value = cookieValue(first.response.headers.value("set-cookie"));
        const QString pod = echo(first).value(u"pod").toString();
        QVERIFY(m_lab->simulation().stopPod(QStringLiteral("default/") + pod));
        const auto reply = get("/echo", "_srv_id=" + value);
        QCOMPARE(reply.response.status, 200);
        QVERIFY(echo(reply).value(u"pod").toString() != pod);
        QCOMPARE(lastFlow().stickyDecision, FlowRecord::StickyDecision::Repinned);
    }
};

QTEST_GUILESS_MAIN(TestGatewaySticky)
#include "tst_gateway_sticky.moc"
