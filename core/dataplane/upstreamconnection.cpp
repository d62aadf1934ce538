#include "upstreamconnection.h"

namespace gw {

UpstreamConnection::UpstreamConnection(const QByteArray &host, quint16 port, QObject *parent)
    : QObject(parent)
    , m_socket(this)
    , m_host(host)
    , m_port(port)
    , m_key(host + ':' + QByteArray::number(port))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &UpstreamConnection::onTimeout);
    connect(&m_socket, &QTcpSocket::connected, this, &UpstreamConnection::onConnected);
    connect(&m_socket, &QTcpSocket::readyRead, this, &UpstreamConnection::onReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, &UpstreamConnection::onDisconnected);
    connect(&m_socket, &QTcpSocket::errorOccurred, this, &UpstreamConnection::onError);
    // Small request/response exchanges: waiting for Nagle would add latency to every one.
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

UpstreamConnection::~UpstreamConnection()
{
    // The socket member outlives the other members; its abort() in ~QAbstractSocket must not call
    // back into a half-destroyed connection.
    m_socket.disconnect(this);
}

void UpstreamConnection::abandon(const QString &message)
{
    if (!m_done)
        return;
    m_keepAlive = false;
    fail(Failure::Abandoned, message);
    m_socket.abort();
}

bool UpstreamConnection::isReusable() const
{
    return !m_done && m_keepAlive && m_socket.state() == QAbstractSocket::ConnectedState && m_buffer.isEmpty();
}

void UpstreamConnection::send(const QByteArray &requestBytes, const QByteArray &method, int timeoutMs, Callback done)
{
    m_done = std::move(done);
    m_parser.reset();
    m_method = method;
    m_parser.setRequestMethod(method);
    m_receivedAnything = false;
    m_clock.start();
    if (timeoutMs > 0)
        m_timer.start(timeoutMs);
    if (m_socket.state() == QAbstractSocket::ConnectedState) {
        m_connectUs = -1;
        m_socket.write(requestBytes);
        return;
    }
    m_pending = requestBytes;
    if (m_socket.state() == QAbstractSocket::UnconnectedState)
        m_socket.connectToHost(QString::fromLatin1(m_host), m_port);
}

void UpstreamConnection::onConnected()
{
    m_connectUs = m_clock.nsecsElapsed() / 1000;
    if (!m_pending.isEmpty()) {
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_socket.write(m_pending);
        m_pending.clear();
    }
}

void UpstreamConnection::onReadyRead()
{
    m_buffer.append(m_socket.readAll());
    if (!m_done) {
        // Bytes from an idle connection are a protocol error on the server's side: stop reusing it.
        m_buffer.clear();
        m_keepAlive = false;
        m_socket.abort();
        Q_EMIT idleClosed(this);
        return;
    }
    m_receivedAnything = true;
    HttpResponse response;
    for (;;) {
        switch (m_parser.parse(m_buffer)) {
        case HttpResponseParser::Result::NeedMore:
            return;
        case HttpResponseParser::Result::Error:
            m_keepAlive = false;
            fail(Failure::Protocol,
                 QStringLiteral("malformed response from %1: %2").arg(QString::fromLatin1(m_key), QString::fromLatin1(m_parser.errorReason())));
            m_socket.abort();
            return;
        case HttpResponseParser::Result::Complete:
            break;
        }
        response = m_parser.takeResponse();
        // Interim answers (100 Continue, 103 Early Hints) precede the real one (RFC 9110 §15.2);
        // the gateway answered the client's Expect itself, so they are not relayed.
        if (response.status >= 200 || response.status == 101)
            break;
        m_parser.reset();
        m_parser.setRequestMethod(m_method);
    }
    Result result;
    result.response = std::move(response);
    m_keepAlive = result.response.keepAlive() && m_buffer.isEmpty();
    complete(std::move(result));
}

void UpstreamConnection::onDisconnected()
{
    if (!m_done) {
        Q_EMIT idleClosed(this);
        return;
    }
    m_keepAlive = false;
    if (m_parser.headersComplete()) {
        // A body delimited by the connection's end is complete now; anything else was cut short.
        if (m_parser.finish(m_buffer) == HttpResponseParser::Result::Complete) {
            Result result;
            result.response = m_parser.takeResponse();
            complete(std::move(result));
            return;
        }
    }
    fail(Failure::ClosedEarly, QStringLiteral("%1 closed the connection before answering").arg(QString::fromLatin1(m_key)));
}

void UpstreamConnection::onError(QAbstractSocket::SocketError error)
{
    if (!m_done) {
        if (error != QAbstractSocket::RemoteHostClosedError)
            Q_EMIT idleClosed(this);
        return;
    }
    if (error == QAbstractSocket::RemoteHostClosedError)
        return;   // onDisconnected decides whether the answer was complete
    m_keepAlive = false;
    if (error == QAbstractSocket::ConnectionRefusedError)
        fail(Failure::Refused, QStringLiteral("connection refused by %1").arg(QString::fromLatin1(m_key)));
    else
        fail(Failure::Other, QStringLiteral("%1: %2").arg(QString::fromLatin1(m_key), m_socket.errorString()));
}

void UpstreamConnection::onTimeout()
{
    if (!m_done)
        return;
    m_keepAlive = false;
    fail(Failure::Timeout, QStringLiteral("%1 did not answer within %2 ms").arg(QString::fromLatin1(m_key)).arg(m_timer.interval()));
    m_socket.abort();
}

void UpstreamConnection::fail(Failure failure, const QString &message)
{
    Result result;
    result.failure = failure;
    result.message = message;
    complete(std::move(result));
}

void UpstreamConnection::complete(Result &&result)
{
    m_timer.stop();
    result.reused = m_requestsServed > 0;
    result.receivedAnything = m_receivedAnything;
    result.connectUs = result.reused ? -1 : m_connectUs;
    result.waitUs = m_clock.nsecsElapsed() / 1000;
    ++m_requestsServed;
    Callback done = std::move(m_done);
    m_done = nullptr;
    done(std::move(result));
}

} // namespace gw
