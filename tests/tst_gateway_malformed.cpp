#include "labfixture.h"
#include "rawhttpclient.h"
#include "testpaths.h"

#include <QTest>

using namespace gw;
using namespace gw::test;

// Malformed HTTP sent to the running gateway gets the right status and a closed connection, and
// the gateway keeps serving everyone else.
class TestGatewayMalformed final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LabFixture> m_lab;
    Simulation::ListenerAddress m_listener;

private Q_SLOTS:
    void initTestCase()
    {
        Simulation::Options options;
        options.defaultNamespace = QStringLiteral("server");
        options.portOffset = 400;
        options.dataPlane.headerTimeoutMs = 400;
        m_lab = std::make_unique<LabFixture>(options);
        QVERIFY2(m_lab->start({samplePath(QStringLiteral("session-sticky"))}), qPrintable(m_lab->error()));
        m_listener = m_lab->listener(QStringLiteral("server/simple-fsm-gateway"), QStringLiteral("http"));
        QCOMPARE(m_listener.port, quint16(8400));
    }
    void cleanupTestCase() { m_lab.reset(); }

    void malformedRequest_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("status");
        const QByteArray bigHeader = "X-Big: " + QByteArray(70 * 1024, 'a') + "\r\n";
        QTest::addRow("not HTTP") << QByteArray("HELLO THERE\r\n\r\n") << 400;
        QTest::addRow("missing Host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
        QTest::addRow("two Content-Lengths") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab") << 400;
        QTest::addRow("Content-Length and Transfer-Encoding")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 400;
        QTest::addRow("space before colon") << QByteArray("GET / HTTP/1.1\r\nHost : a\r\n\r\n") << 400;
        QTest::addRow("obsolete line folding") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n") << 400;
        QTest::addRow("negative Content-Length") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -5\r\n\r\n") << 400;
        QTest::addRow("bad chunk size") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n") << 400;
        QTest::addRow("unknown transfer coding") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n") << 501;
        QTest::addRow("HTTP/2.0 request line") << QByteArray("GET / HTTP/2.0\r\nHost: a\r\n\r\n") << 505;
        QTest::addRow("header section over 64 KiB") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n" + bigHeader + "\r\n") << 431;
        QTest::addRow("body over 1,000,000 bytes") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1000001\r\n\r\n") << 413;
        QTest::addRow("chunked body over the limit")
            << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nF4241\r\n") << 413;
        QTest::addRow("head never finished") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n") << 408;
    }
    void malformedRequest()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, status);
        RawHttpClient client(m_listener.address, m_listener.port);
        const auto reply = client.exchange(bytes, "GET", 5000);
        QVERIFY2(reply.ok, qPrintable(reply.error));
        QCOMPARE(reply.response.status, status);
        QCOMPARE(reply.response.headers.value("connection").toLower(), QByteArray("close"));
        QVERIFY(client.waitForClose());
        // Everyone else is still served.
        const auto good = RawHttpClient::get(m_listener.address, m_listener.port, "/", "Cookie: _srv_id=7252425551334343\r\n");
        QVERIFY2(good.ok, qPrintable(good.error));
        QCOMPARE(good.response.body, QByteArray("Hello, world"));
    }

    void validRequestsOnOneConnectionAfterOthersFailed()
    {
        // Pipelined valid requests come back in order on one connection.
        RawHttpClient client(m_listener.address, m_listener.port);
        const QByteArray one = "GET /a HTTP/1.1\r\nHost: a\r\nCookie: _srv_id=7252425551334343\r\n\r\n";
        const auto first = client.exchange(one + one + "HEAD /c HTTP/1.1\r\nHost: a\r\nCookie: _srv_id=7252425551334343\r\n\r\n");
        QVERIFY(first.ok);
        QCOMPARE(first.response.body, QByteArray("Hello, world"));
        const auto second = client.readReply();
        QCOMPARE(second.response.body, QByteArray("Hello, world"));
        const auto head = client.readReply("HEAD");
        QVERIFY(head.ok);
        QCOMPARE(head.response.status, 200);
        QCOMPARE(head.response.headers.value("content-length"), QByteArray("12"));
        QVERIFY(head.response.body.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestGatewayMalformed)
#include "tst_gateway_malformed.moc"
