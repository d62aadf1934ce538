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

// Loading new YAML swaps the configuration atomically: a request in flight finishes on the
// snapshot it started with, the next one sees the new configuration, the gateway never restarts.
class TestGatewayReload final : public QObject
{
    Q_OBJECT

private:
    // A Service fronting a server of the test's own (an EndpointSlice to 127.0.0.1), so the test
    // decides when the upstream answers.
    static QByteArray manifests(quint16 upstreamPort, const QByteArray &path)
    {
        return "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: reload}\n"
               "spec:\n  gatewayClassName: fsm-gateway-cls\n  listeners: [{name: http, protocol: HTTP, port: 8600}]\n"
               "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: held}\n"
               "spec:\n  parentRefs: [{name: reload}]\n  rules:\n  - matches: [{path: {type: PathPrefix, value: "
               + path + "}}]\n    backendRefs: [{name: held, port: 80}]\n"
               "---\napiVersion: v1\nkind: Service\nmetadata: {name: held}\nspec:\n  ports: [{name: http, port: 80}]\n"
               "---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: held\n"
               "  labels: {kubernetes.io/service-name: held}\naddressType: IPv4\nports: [{name: http, port: "
               + QByteArray::number(upstreamPort) + "}]\nendpoints: [{addresses: [127.0.0.1]}]\n";
    }
    static bool write(const QString &file, const QByteArray &text)
    {
        QFile out(file);
        return out.open(QIODevice::WriteOnly | QIODevice::Truncate) && out.write(text) == text.size();
    }

private Q_SLOTS:
    void inFlightRequestFinishesOnTheOldConfiguration()
    {
        QTcpServer upstream;
        QVERIFY(upstream.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("reload.yaml"));
        QVERIFY(write(file, manifests(upstream.serverPort(), "/held")));
        LabFixture lab;
        QVERIFY2(lab.start({file}), qPrintable(lab.error()));
        const auto listener = lab.listener(QStringLiteral("default/reload"), QStringLiteral("http"));
        QCOMPARE(listener.port, quint16(8600));
        const quint64 versionBefore = lab.simulation().config()->version;

        auto inFlight = std::async(std::launch::async, [&listener] {
            RawHttpClient client(listener.address, listener.port);
            return client.exchange("GET /held HTTP/1.1\r\nHost: reload.test\r\n\r\n");
        });
        // The gateway has routed the request once it reaches our upstream.
        QTRY_VERIFY_WITH_TIMEOUT(upstream.hasPendingConnections(), 5000);
        QTcpSocket *held = upstream.nextPendingConnection();
        QTRY_VERIFY_WITH_TIMEOUT((held->bytesAvailable() > 0 || held->waitForReadyRead(10)), 5000);
        QVERIFY(held->readAll().startsWith("GET /held HTTP/1.1\r\n"));

        // Meanwhile the rule moves to another path and the file is reloaded.
        QVERIFY(write(file, manifests(upstream.serverPort(), "/moved")));
        QVERIFY(!hasErrors(lab.simulation().load({file})));
        QVERIFY(lab.simulation().config()->version > versionBefore);
        RawHttpClient probe(listener.address, listener.port);
        QCOMPARE(probe.exchange("GET /held HTTP/1.1\r\nHost: reload.test\r\n\r\n").response.status, 404);

        // The held request still completes, through the snapshot it started on.
        held->write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nheld");
        held->flush();
        const auto finished = inFlight.get();
        QVERIFY2(finished.ok, qPrintable(finished.error));
        QCOMPARE(finished.response.status, 200);
        QCOMPARE(finished.response.body, QByteArray("held"));
        // Same listener throughout: the gateway was not restarted.
        QCOMPARE(lab.listener(QStringLiteral("default/reload"), QStringLiteral("http")).port, listener.port);
    }
};

QTEST_GUILESS_MAIN(TestGatewayReload)
#include "tst_gateway_reload.moc"
