#include "mockpodserver.h"

#include "echoresponder.h"
#include "mockrequestlog.h"
#include "http/httpserverconnection.h"
#include "http/httpsyntax.h"

#include <QTcpSocket>
#include <QTimer>

namespace gw {

MockPodServer::MockPodServer(const MockPod &pod, QObject *parent)
    : QObject(parent)
    , m_pod(pod)
{
    if (m_pod.behaviour.kind == MockBehaviour::Kind::StaticResponse) {
        m_staticResponse.status = m_pod.behaviour.status;
        m_staticResponse.reason = m_pod.behaviour.reason;
        m_staticResponse.headers = m_pod.behaviour.headers;
        m_staticResponse.body = m_pod.behaviour.body;
        // Pipy's encoder writes the length itself, in lower case, after the message's own headers.
        if (!m_staticResponse.headers.contains("content-length")) {
            QByteArray length;
            HttpSyntax::appendDecimal(length, m_staticResponse.body.size());
            m_staticResponse.headers.append(QByteArrayLiteral("content-length"), length);
        }
    }
    connect(&m_server, &QTcpServer::newConnection, this, &MockPodServer::acceptConnections);
}

MockPodServer::~MockPodServer()
{
    stop();
}

bool MockPodServer::start()
{
    if (m_server.isListening())
        return true;
    m_error.clear();
    if (m_port != 0 && m_server.listen(QHostAddress::LocalHost, m_port))
        return true;
    if (!m_server.listen(QHostAddress::LocalHost, 0)) {
        m_error = m_server.errorString();
        return false;
    }
    m_port = m_server.serverPort();
    return true;
}

void MockPodServer::stop()
{
    m_server.close();
    // abort() reports closed() at once, which edits the set: walk a copy.
    const QSet<HttpServerConnection *> connections = m_connections;
    for (HttpServerConnection *connection : connections)
        connection->abort();
    m_connections.clear();
}

void MockPodServer::acceptConnections()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        auto *connection = new HttpServerConnection(
            socket, [this](HttpServerConnection &c, HttpRequest &&request) { handle(c, std::move(request)); },
            HttpServerConnection::Options{}, this);
        m_connections.insert(connection);
        connect(connection, &HttpServerConnection::closed, this, [this, connection] { m_connections.remove(connection); });
    }
}

void MockPodServer::handle(HttpServerConnection &connection, HttpRequest &&request)
{
    if (m_requestLog)
        m_requestLog->append(m_pod.podKey(), request.method, request.target);
    int delayMs = m_delayMs;
    HttpResponse response;
    if (m_pod.behaviour.kind == MockBehaviour::Kind::StaticResponse) {
        response = m_staticResponse;
    } else {
        EchoResponder::Answer answer = EchoResponder::answer(request, m_pod.namespaceName, m_pod.podName);
        response = std::move(answer.response);
        delayMs += answer.delayMs;
    }
    if (delayMs <= 0) {
        connection.respond(response);
        return;
    }
    // A timer, never a sleep: the other pods on this thread keep answering meanwhile. The
    // connection is the timer's context, so a connection that closes first cancels it.
    HttpServerConnection *target = &connection;
    QTimer::singleShot(delayMs, Qt::PreciseTimer, target, [target, response] { target->respond(response); });
}

} // namespace gw
