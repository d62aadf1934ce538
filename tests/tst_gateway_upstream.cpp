#include "labfixture.h"
#include "rawhttpclient.h"

#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <future>

using namespace gw;
using namespace gw::test;

// How the gateway deals with what endpoints really do on the wire: answers delimited by the
// connection's close, connections closed without an answer, interim 1xx answers, and a gateway
// stopped while requests wait on an endpoint. The endpoint is a server of the test's own, behind
// an EndpointSlice, so the test writes its exact bytes.
class TestGatewayUpstream final : public QObject
{
    Q_OBJECT

private:
    QTcpServer m_upstream;
    QTemporaryDir m_dir;
    std::unique_ptr<LabFixture> m_lab;
    Simulation::ListenerAddress m_listener;

    QByteArray manifests() const
    {
        return "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: upstream}\n"
               "spec:\n  gatewayClassName: fsm-gateway-cls\n  listeners: [{name: http, protocol: HTTP, port: 8700}]\n"
               "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: raw}\n"
               "spec:\n  parentRefs: [{name: upstream}]\n  rules: [{backendRefs: [{name: raw, port: 80}]}]\n"
               "---\napiVersion: v1\nkind: Service\nmetadata: {name: raw}\nspec:\n  ports: [{name: http, port: 80}]\n"
               "---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: raw\n"
               "  labels: {kubernetes.io/service-name: raw}\naddressType: IPv4\nports: [{name: http, port: "
               + QByteArray::number(m_upstream.serverPort()) + "}]\nendpoints: [{addresses: [127.0.0.1]}]\n";
    }
    // Sends `request` from another thread; returns once the endpoint has received it.
    std::future<RawHttpClient::Reply> sendHeld(const QByteArray &request, QTcpSocket **held, QByteArray *received)
    {
        const auto listener = m_listener;
        auto future = std::async(std::launch::async, [listener, request] {
            RawHttpClient client(listener.address, listener.port);
            return client.exchange(request, "GET", 10000);
        });
        if (!m_upstream.waitForNewConnection(5000))
            return future;
        *held = m_upstream.nextPendingConnection();
        while (!received->contains("\r\n\r\n") && (*held)->waitForReadyRead(5000))
            received->append((*held)->readAll());
        return future;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_upstream.listen(QHostAddress::LocalHost, 0));
        QFile file(m_dir.filePath(QStringLiteral("upstream.yaml")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(manifests());
        file.close();
        Simulation::Options options;
        options.dataPlane.upstreamTimeoutMs = 8000;
        m_lab = std::make_unique<LabFixture>(options);
        QVERIFY2(m_lab->start({file.fileName()}), qPrintable(m_lab->error()));
        m_listener = m_lab->listener(QStringLiteral("default/upstream"), QStringLiteral("http"));
    }
    void cleanup()
    {
        m_lab.reset();
        m_upstream.close();
    }

    void closeDelimitedAnswerIsRelayedAtOnce()
    {
        QTcpSocket *held = nullptr;
        QByteArray received;
        auto reply = sendHeld("GET / HTTP/1.1\r\nHost: t\r\n\r\n", &held, &received);
        QVERIFY(held);
        QElapsedTimer timer;
        timer.start();
        held->write("HTTP/1.1 200 OK\r\n\r\nuntil close");
        held->flush();
        held->disconnectFromHost();
        const auto result = reply.get();
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.response.status, 200);
        QCOMPARE(result.response.body, QByteArray("until close"));
        QVERIFY2(timer.elapsed() < 4000, "waited for the upstream timeout instead of the close");
    }

    void closeWithoutAnswerIs502AtOnce()
    {
        QTcpSocket *held = nullptr;
        QByteArray received;
        auto reply = sendHeld("GET / HTTP/1.1\r\nHost: t\r\n\r\n", &held, &received);
        QVERIFY(held);
        QElapsedTimer timer;
        timer.start();
        held->disconnectFromHost();
        const auto result = reply.get();
        QCOMPARE(result.response.status, 502);
        QVERIFY(timer.elapsed() < 4000);
        QVERIFY(m_lab->simulation().flowLog().allRecords().constLast().error.contains(u"closed the connection before answering"));
    }

    void interimAnswersAreNotRelayed()
    {
        QTcpSocket *held = nullptr;
        QByteArray received;
        auto reply = sendHeld("POST /upload HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\nbody", &held, &received);
        QVERIFY(held);
        while (!received.endsWith("body") && held->waitForReadyRead(5000))
            received.append(held->readAll());
        // The gateway answered the client's Expect itself and sends the body whole: no Expect upstream.
        QVERIFY2(!received.toLower().contains("expect:"), received.constData());
        QVERIFY(received.endsWith("\r\n\r\nbody"));
        held->write("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
                    "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
        held->flush();
        const auto result = reply.get();
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.response.status, 201);
        QCOMPARE(result.response.body, QByteArray("ok"));
    }

    void fieldsNamedInConnectionAreNotForwarded()
    {
        QTcpSocket *held = nullptr;
        QByteArray received;
        auto reply = sendHeld("GET / HTTP/1.1\r\nHost: t\r\nConnection: keep-alive, X-Hop\r\nX-Hop: secret\r\nX-Keep: yes\r\n\r\n", &held, &received);
        QVERIFY(held);
        const QByteArray lower = received.toLower();
        QVERIFY2(lower.contains("\r\nx-keep: yes\r\n"), received.constData());
        QVERIFY2(!lower.contains("x-hop"), received.constData());
        QVERIFY(!lower.contains("\r\nconnection:"));
        held->write("HTTP/1.1 204 No Content\r\n\r\n");
        held->flush();
        QCOMPARE(reply.get().response.status, 204);
    }

    void stoppingWithRequestsInFlightFinishesThem()
    {
        QTcpSocket *held = nullptr;
        QByteArray received;
        auto reply = sendHeld("GET / HTTP/1.1\r\nHost: t\r\n\r\n", &held, &received);
        QVERIFY(held);
        m_lab->simulation().stop();
        const auto result = reply.get();
        // The client is not left hanging: it gets an answer or a closed connection at once.
        QVERIFY(!result.ok || result.response.status == 502);
        const QList<FlowRecord> flows = m_lab->simulation().flowLog().allRecords();
        QCOMPARE(flows.size(), 1);
        QCOMPARE(flows.constLast().error, QStringLiteral("the gateway is stopping"));
    }
};

QTEST_GUILESS_MAIN(TestGatewayUpstream)
#include "tst_gateway_upstream.moc"
