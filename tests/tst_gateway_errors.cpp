#include "labfixture.h"
#include "rawhttpclient.h"
#include "testpaths.h"

#include <QTest>

using namespace gw;
using namespace gw::test;

// FSM's own answers when there is nothing (healthy) to proxy to (spec/fsm-gateway.md §3.4).
class TestGatewayErrors final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LabFixture> m_lab;
    Simulation::ListenerAddress m_listener;

    RawHttpClient::Reply get(const QByteArray &path, const QByteArray &host = "lab.example")
    {
        RawHttpClient client(m_listener.address, m_listener.port);
        return client.exchange("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    }

private Q_SLOTS:
    void init()
    {
        Simulation::Options options;
        options.dataPlane.upstreamTimeoutMs = 300;
        m_lab = std::make_unique<LabFixture>(options);
        QVERIFY2(m_lab->start({testDataDir() + QStringLiteral("/gateway/errors.yaml")}), qPrintable(m_lab->error()));
        m_listener = m_lab->listener(QStringLiteral("default/errors"), QStringLiteral("http"));
        QVERIFY(m_listener.port == 8100);
        QCOMPARE(get("/ok").response.body, QByteArray("ok"));
    }
    void cleanup() { m_lab.reset(); }

    void unknownHostIs404()
    {
        const auto reply = get("/ok", "elsewhere.example");
        QVERIFY2(reply.ok, qPrintable(reply.error));
        QCOMPARE(reply.response.status, 404);
        QCOMPARE(reply.response.body, QByteArray("Not found"));
    }
    void unknownPathIs404()
    {
        const auto reply = get("/nowhere");
        QCOMPARE(reply.response.status, 404);
        QCOMPARE(reply.response.body, QByteArray("Not found"));
    }
    void hostPortIsIgnored()
    {
        QCOMPARE(get("/ok", "lab.example:8100").response.status, 200);
    }
    void serviceWithoutEndpointsIs502ProxyError()
    {
        const auto reply = get("/empty");
        QCOMPARE(reply.response.status, 502);
        QCOMPARE(reply.response.body, QByteArray("Proxy Error"));
    }
    void missingServiceIs500()
    {
        QCOMPARE(get("/missing").response.status, 500);
    }
    void crashedPodIs502()
    {
        QCOMPARE(get("/down").response.status, 200);
        QVERIFY(m_lab->simulation().crashPod(QStringLiteral("default/fragile")));
        const auto reply = get("/down");
        QCOMPARE(reply.response.status, 502);
        const auto records = m_lab->simulation().flowLog().allRecords();
        QVERIFY(records.last().error.contains(u"refused"));
        // Back up on the same address: served again.
        QVERIFY(m_lab->simulation().startPod(QStringLiteral("default/fragile")));
        QCOMPARE(get("/down").response.body, QByteArray("still here"));
    }
    void stoppedOnlyPodIs502ProxyError()
    {
        QVERIFY(m_lab->simulation().stopPod(QStringLiteral("default/fragile")));
        const auto reply = get("/down");
        QCOMPARE(reply.response.status, 502);
        QCOMPARE(reply.response.body, QByteArray("Proxy Error"));
    }
    void slowPodPastTimeoutIs504()
    {
        QVERIFY(m_lab->simulation().slowPod(QStringLiteral("default/sluggish"), 2000));
        QElapsedTimer timer;
        timer.start();
        const auto reply = get("/slow");
        QCOMPARE(reply.response.status, 504);
        QVERIFY(timer.elapsed() >= 250);
        QVERIFY(timer.elapsed() < 1900);
        QVERIFY(m_lab->simulation().slowPod(QStringLiteral("default/sluggish"), 0));
        QCOMPARE(get("/slow").response.body, QByteArray("eventually"));
    }
    void gatewayKeepsServingAfterErrors()
    {
        for (const QByteArray path : {"/empty", "/missing", "/nowhere"})
            get(path);
        QCOMPARE(get("/ok").response.status, 200);
    }
};

QTEST_GUILESS_MAIN(TestGatewayErrors)
#include "tst_gateway_errors.moc"
