#include "http/httpresponseparser.h"
#include "http/httpserverconnection.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace gw;

namespace {

constexpr int kWaitMs = 5000;

// The handler every test server runs: answers with the request's path (and body, if any), so the
// order of answers shows which request each belongs to. Paths starting with /async answer from the
// event loop, /late after 50 ms, /never not at all.
void answerWithPath(HttpServerConnection &connection, HttpRequest &&request)
{
    HttpResponse response;
    response.headers.append("Content-Type", "text/plain");
    response.headers.append("X-Method", request.method);
    response.body = request.path();
    if (!request.body.isEmpty())
        response.body += '|' + request.body;

    const QByteArray path = request.path();
    if (path.startsWith("/never"))
        return;
    if (path.startsWith("/async") || path.startsWith("/late")) {
        QPointer<HttpServerConnection> guard(&connection);
        QTimer::singleShot(path.startsWith("/late") ? 50 : 0, &connection, [guard, response] {
            if (guard)
                guard->respond(response);
        });
        return;
    }
    connection.respond(response);
}

// A client on the test's own event loop: everything the server sends accumulates in `received`.
struct Client
{
    explicit Client(quint16 port)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] { received += socket.readAll(); });
        QObject::connect(&socket, &QTcpSocket::disconnected, &socket, [this] { closed = true; });
        socket.connectToHost(QHostAddress::LocalHost, port);
    }

    QTcpSocket socket;
    QByteArray received;
    bool closed = false;
};

// Splits what a client received into responses; `methods` are the requests' methods in order.
QList<HttpResponse> parseResponses(QByteArray bytes, const QList<QByteArray> &methods = {})
{
    QList<HttpResponse> responses;
    HttpResponseParser parser;
    while (true) {
        parser.setRequestMethod(responses.size() < methods.size() ? methods.at(responses.size()) : QByteArrayLiteral("GET"));
        if (parser.parse(bytes) != HttpResponseParser::Result::Complete)
            break;
        const HttpResponse response = parser.takeResponse();
        if (response.status != 100)
            responses.append(response);
    }
    return responses;
}

} // namespace

class TestHttpServerConnection final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void pipelinedAnswersKeepOrder();
    void answersSynchronouslyAndAsynchronously();
    void connectionCloseRequested();
    void http10WithoutKeepAliveCloses();
    void http10KeepAlive();
    void expectContinue();
    void headOnlyAnswer();
    void pipelinedAfterCloseNotAnswered();
    void headerTimeoutAnswers408();
    void idleTimeoutCloses();
    void malformedAnswers400AndCloses();
    void headTooLargeAnswers431();
    void bodyTooLargeAnswers413();
    void unsupportedVersionAnswers505();
    void chunkedRequestBody();
    void peerGoneWhileHandling();
    void abortClosesOnce();

private:
    void startServer(HttpServerConnection::Options options = {});
    quint16 port() const { return m_server->serverPort(); }

    std::unique_ptr<QTcpServer> m_server;
    QList<QPointer<HttpServerConnection>> m_connections;
    int m_closedCount = 0;
};

void TestHttpServerConnection::startServer(HttpServerConnection::Options options)
{
    m_server = std::make_unique<QTcpServer>();
    QObject::connect(m_server.get(), &QTcpServer::newConnection, m_server.get(), [this, options] {
        while (QTcpSocket *socket = m_server->nextPendingConnection()) {
            auto *connection = new HttpServerConnection(socket, answerWithPath, options, m_server.get());
            m_connections.append(connection);
            QObject::connect(connection, &HttpServerConnection::closed, m_server.get(), [this] { ++m_closedCount; });
        }
    });
    QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
}

void TestHttpServerConnection::init()
{
    m_connections.clear();
    m_closedCount = 0;
    startServer();
}

void TestHttpServerConnection::cleanup()
{
    m_server.reset();
}

void TestHttpServerConnection::pipelinedAnswersKeepOrder()
{
    Client client(port());
    // The first answer comes late, the others at once: they must still leave in request order.
    client.socket.write("GET /late-1 HTTP/1.1\r\nHost: a\r\n\r\n"
                        "POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nbody"
                        "GET /async-3 HTTP/1.1\r\nHost: a\r\n\r\n"
                        "GET /4 HTTP/1.1\r\nHost: a\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(parseResponses(client.received).size(), 4, kWaitMs);
    const QList<HttpResponse> responses = parseResponses(client.received);
    QCOMPARE(responses.at(0).body, QByteArray("/late-1"));
    QCOMPARE(responses.at(1).body, QByteArray("/2|body"));
    QCOMPARE(responses.at(1).headers.value("x-method"), QByteArray("POST"));
    QCOMPARE(responses.at(2).body, QByteArray("/async-3"));
    QCOMPARE(responses.at(3).body, QByteArray("/4"));
    for (const HttpResponse &response : responses)
        QVERIFY(!response.headers.contains("connection"));

    // Still open: a fifth request on the same connection is answered.
    client.received.clear();
    client.socket.write("GET /5 HTTP/1.1\r\nHost: a\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(parseResponses(client.received).size(), 1, kWaitMs);
    QVERIFY(!client.closed);
    QCOMPARE(m_connections.size(), 1);
}

void TestHttpServerConnection::answersSynchronouslyAndAsynchronously()
{
    Client client(port());
    // Many pipelined synchronous answers: dispatch goes through the event loop, not recursion.
    QByteArray requests;
    for (int i = 0; i < 200; ++i)
        requests += "GET /" + QByteArray::number(i) + " HTTP/1.1\r\nHost: a\r\n\r\n";
    client.socket.write(requests);
    QTRY_COMPARE_WITH_TIMEOUT(parseResponses(client.received).size(), 200, kWaitMs);
    const QList<HttpResponse> responses = parseResponses(client.received);
    for (int i = 0; i < 200; ++i)
        QCOMPARE(responses.at(i).body, "/" + QByteArray::number(i));
}

void TestHttpServerConnection::connectionCloseRequested()
{
    Client client(port());
    client.socket.write("GET /bye HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(client.closed, kWaitMs);
    const QList<HttpResponse> responses = parseResponses(client.received);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.at(0).body, QByteArray("/bye"));
    QCOMPARE(responses.at(0).headers.value("connection"), QByteArray("close"));
    QTRY_COMPARE_WITH_TIMEOUT(m_closedCount, 1, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_connections.at(0).isNull(), kWaitMs);
}

void TestHttpServerConnection::http10WithoutKeepAliveCloses()
{
    Client client(port());
    client.socket.write("GET /old HTTP/1.0\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(client.closed, kWaitMs);
    const QList<HttpResponse> responses = parseResponses(client.received);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.at(0).headers.value("connection"), QByteArray("close"));
    QCOMPARE(responses.at(0).body, QByteArray("/old"));
}

void TestHttpServerConnection::http10KeepAlive()
{
    Client client(port());
    client.socket.write("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(parseResponses(client.received).size(), 1, kWaitMs);
    QCOMPARE(parseResponses(client.received).at(0).headers.value("connection"), QByteArray("keep-alive"));
    client.socket.write("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(parseResponses(client.received).size(), 2, kWaitMs);
    QCOMPARE(parseResponses(client.received).at(1).body, QByteArray("/b"));
    QVERIFY(!client.closed);
}

void TestHttpServerConnection::expectContinue()
{
    Client client(port());
    client.socket.write("PUT /up HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(client.received, QByteArray("HTTP/1.1 100 Continue\r\n\r\n"), kWaitMs);
    client.socket.write("hello");
    QTRY_COMPARE_WITH_TIMEOUT(parseResponses(client.received).size(), 1, kWaitMs);
    QCOMPARE(parseResponses(client.received).at(0).body, QByteArray("/up|hello"));
    QVERIFY(client.received.startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"));
}

void TestHttpServerConnection::headOnlyAnswer()
{
    Client client(port());
    client.socket.write("HEAD /resource HTTP/1.1\r\nHost: a\r\n\r\nGET /next HTTP/1.1\r\nHost: a\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(parseResponses(client.received, {"HEAD", "GET"}).size(), 2, kWaitMs);
    const QList<HttpResponse> responses = parseResponses(client.received, {"HEAD", "GET"});
    QCOMPARE(responses.at(0).headers.value("content-length"), QByteArray("9"));
    QVERIFY(responses.at(0).body.isEmpty());
    QCOMPARE(responses.at(1).body, QByteArray("/next"));
    QVERIFY(client.received.contains("Content-Length: 9\r\n\r\nHTTP/1.1 200 OK"));
}

void TestHttpServerConnection::pipelinedAfterCloseNotAnswered()
{
    Client client(port());
    client.socket.write("GET /last HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\nGET /ignored HTTP/1.1\r\nHost: a\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(client.closed, kWaitMs);
    const QList<HttpResponse> responses = parseResponses(client.received);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.at(0).body, QByteArray("/last"));
}

void TestHttpServerConnection::headerTimeoutAnswers408()
{
    HttpServerConnection::Options options;
    options.headerTimeoutMs = 150;
    startServer(options);
    Client client(port());
    client.socket.write("GET /slow HTTP/1.1\r\nHost: a\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(client.closed, kWaitMs);
    const QList<HttpResponse> responses = parseResponses(client.received);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.at(0).status, 408);
    QCOMPARE(responses.at(0).headers.value("connection"), QByteArray("close"));
    QCOMPARE(m_closedCount, 1);
}

void TestHttpServerConnection::idleTimeoutCloses()
{
    HttpServerConnection::Options options;
    options.idleTimeoutMs = 150;
    startServer(options);
    Client client(port());
    client.socket.write("GET /one HTTP/1.1\r\nHost: a\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(parseResponses(client.received).size(), 1, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(client.closed, kWaitMs);
    // An idle close sends nothing more.
    QCOMPARE(parseResponses(client.received).size(), 1);
    QVERIFY(client.received.endsWith("/one"));
}

void TestHttpServerConnection::malformedAnswers400AndCloses()
{
    Client client(port());
    client.socket.write("GET /ok HTTP/1.1\r\nHost: a\r\n\r\nGET /bad HTTP/1.1\r\nHost : a\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(client.closed, kWaitMs);
    const QList<HttpResponse> responses = parseResponses(client.received);
    QCOMPARE(responses.size(), 2);
    QCOMPARE(responses.at(0).body, QByteArray("/ok"));
    QCOMPARE(responses.at(1).status, 400);
    QCOMPARE(responses.at(1).headers.value("connection"), QByteArray("close"));
    QVERIFY(responses.at(1).body.startsWith("Bad Request: "));
    QTRY_COMPARE_WITH_TIMEOUT(m_closedCount, 1, kWaitMs);
}

void TestHttpServerConnection::headTooLargeAnswers431()
{
    Client client(port());
    client.socket.write("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + QByteArray(70 * 1024, 'x') + "\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(client.closed, kWaitMs);
    const QList<HttpResponse> responses = parseResponses(client.received);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.at(0).status, 431);
}

void TestHttpServerConnection::bodyTooLargeAnswers413()
{
    Client client(port());
    client.socket.write("POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: 2000000\r\n\r\n" + QByteArray(64 * 1024, 'b'));
    QTRY_VERIFY_WITH_TIMEOUT(client.closed, kWaitMs);
    const QList<HttpResponse> responses = parseResponses(client.received);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.at(0).status, 413);
    QCOMPARE(responses.at(0).reason, QByteArray("Content Too Large"));
}

void TestHttpServerConnection::unsupportedVersionAnswers505()
{
    Client client(port());
    client.socket.write("GET / HTTP/2.0\r\nHost: a\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(client.closed, kWaitMs);
    const QList<HttpResponse> responses = parseResponses(client.received);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.at(0).status, 505);
}

void TestHttpServerConnection::chunkedRequestBody()
{
    Client client(port());
    client.socket.write("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n");
    QTest::qWait(0);
    client.socket.write("2\r\nde\r\n0\r\nX-Trailer: t\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(parseResponses(client.received).size(), 1, kWaitMs);
    QCOMPARE(parseResponses(client.received).at(0).body, QByteArray("/c|abcde"));
}

void TestHttpServerConnection::peerGoneWhileHandling()
{
    Client client(port());
    client.socket.write("GET /late HTTP/1.1\r\nHost: a\r\n\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(m_connections.size(), 1, kWaitMs);
    // Wait until the request is with the handler, then vanish before it answers.
    QTRY_VERIFY_WITH_TIMEOUT(!m_connections.at(0).isNull() && !m_connections.at(0)->currentRequestMethod().isEmpty(), kWaitMs);
    client.socket.abort();
    QTRY_COMPARE_WITH_TIMEOUT(m_closedCount, 1, kWaitMs);
    // The late answer finds the connection closed or already deleted; nothing breaks either way.
    QTRY_VERIFY_WITH_TIMEOUT(m_connections.at(0).isNull(), kWaitMs);
    QTest::qWait(100);
    QCOMPARE(m_closedCount, 1);
}

void TestHttpServerConnection::abortClosesOnce()
{
    Client client(port());
    client.socket.write("GET /never HTTP/1.1\r\nHost: a\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(!m_connections.isEmpty() && !m_connections.at(0)->currentRequestMethod().isEmpty(), kWaitMs);
    HttpServerConnection *connection = m_connections.at(0);
    QSignalSpy closedSpy(connection, &HttpServerConnection::closed);
    QVERIFY(connection->isOpen());
    connection->abort();
    QVERIFY(!connection->isOpen());
    connection->abort();
    connection->respond(HttpResponse());
    QCOMPARE(closedSpy.count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(client.closed, kWaitMs);
    QVERIFY(client.received.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_connections.at(0).isNull(), kWaitMs);
}

QTEST_GUILESS_MAIN(TestHttpServerConnection)
#include "tst_httpserverconnection.moc"
