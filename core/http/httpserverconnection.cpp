#include "httpserverconnection.h"

#include "httpwriter.h"

#include <QTcpSocket>

#include <atomic>

#if defined(Q_OS_UNIX)
#include <sys/socket.h>
#elif defined(Q_OS_WIN)
#include <winsock2.h>
#endif

namespace gw {

namespace {

// Bytes Qt may hold unread for us. While a request is being handled nothing is read, so a client
// pipelining without end fills this, then the kernel's buffers, then has to wait (TCP back-pressure).
constexpr qint64 kSocketReadBuffer = 256 * 1024;
// How long a closing connection waits for the peer to read the last answer and close its side.
constexpr int kLingerMs = 2000;

quint64 nextConnectionId()
{
    static std::atomic<quint64> counter{0};
    return ++counter;
}

} // namespace

HttpServerConnection::HttpServerConnection(QTcpSocket *socket, RequestHandler handler, Options options, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_handler(std::move(handler))
    , m_options(options)
    , m_parser(options.limits)
    , m_id(nextConnectionId())
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(kSocketReadBuffer);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &HttpServerConnection::onTimeout);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpServerConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpServerConnection::onBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpServerConnection::onDisconnected);
    arm(Wait::Head);

    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        // Already gone before we were built; report it from the event loop so the creator can
        // connect to closed() first.
        m_closing = true;
        QMetaObject::invokeMethod(this, [this] { onDisconnected(); }, Qt::QueuedConnection);
    } else if (m_socket->bytesAvailable() > 0) {
        scheduleProcessing();
    }
}

HttpServerConnection::~HttpServerConnection()
{
    // The socket is our child and dies after us; its last signals must not reach a half-destroyed
    // object.
    m_socket->disconnect(this);
}

bool HttpServerConnection::isOpen() const
{
    return !m_closing && m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpServerConnection::arm(Wait wait)
{
    m_wait = wait;
    int timeoutMs = 0;
    switch (wait) {
    case Wait::Head:
        timeoutMs = m_options.headerTimeoutMs;
        break;
    case Wait::Body:
    case Wait::Idle:
        timeoutMs = m_options.idleTimeoutMs;
        break;
    case Wait::Answer:
        break;
    case Wait::Linger:
        timeoutMs = kLingerMs;
        break;
    }
    if (timeoutMs > 0)
        m_timer.start(timeoutMs);
    else
        m_timer.stop();
}

void HttpServerConnection::onReadyRead()
{
    if (m_closing) {
        // Lingering: what the peer still sends is read and dropped, so closing the socket does not
        // answer it with a reset that could destroy our last response in flight.
        m_socket->readAll();
        return;
    }
    // While a request is handled, the bytes wait in the socket; they are read once it is answered.
    if (!m_busy)
        processBuffer();
}

void HttpServerConnection::scheduleProcessing()
{
    if (m_processingQueued)
        return;
    m_processingQueued = true;
    // Queued rather than direct: a handler that answers synchronously would otherwise recurse
    // through every pipelined request.
    QMetaObject::invokeMethod(this, [this] { processBuffer(); }, Qt::QueuedConnection);
}

void HttpServerConnection::processBuffer()
{
    m_processingQueued = false;
    if (m_closing || m_busy)
        return;
    if (m_socket->bytesAvailable() > 0) {
        if (m_buffer.isEmpty())
            m_buffer = m_socket->readAll();
        else
            m_buffer.append(m_socket->readAll());
    }

    switch (m_parser.parse(m_buffer)) {
    case HttpRequestParser::Result::Error:
        sendErrorAndClose(m_parser.errorStatus(), m_parser.errorReason());
        return;
    case HttpRequestParser::Result::NeedMore:
        if (m_parser.headersComplete()) {
            if (!m_continueSent && m_parser.request().expectsContinue()) {
                m_continueSent = true;
                write(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
            }
            arm(Wait::Body);
        } else if (m_wait == Wait::Idle && !m_buffer.isEmpty()) {
            // The next request has begun: its head must now arrive within the header timeout.
            arm(Wait::Head);
        }
        return;
    case HttpRequestParser::Result::Complete:
        break;
    }

    HttpRequest request = m_parser.takeRequest();
    m_busy = true;
    m_continueSent = false;
    m_currentKeepAlive = request.keepAlive();
    m_currentVersionMinor = request.versionMinor;
    m_currentMethod = request.method;
    arm(Wait::Answer);
    // Whatever the handler does, deletion is deferred (deleteLater), so `this` outlives the call.
    m_handler(*this, std::move(request));
}

void HttpServerConnection::write(const QByteArray &bytes)
{
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    m_socket->write(bytes);
}

void HttpServerConnection::respond(const HttpResponse &response)
{
    if (!m_busy || m_closing)
        return;
    const bool close = !m_currentKeepAlive || response.headers.hasToken("connection", "close");
    const bool headOnly = m_currentMethod == "HEAD";
    QByteArray out;
    if (close && !response.headers.hasToken("connection", "close")) {
        HttpResponse copy = response;
        copy.headers.set(QByteArrayLiteral("Connection"), QByteArrayLiteral("close"));
        HttpWriter::appendResponse(out, copy, headOnly);
    } else if (!close && m_currentVersionMinor == 0 && !response.headers.hasToken("connection", "keep-alive")) {
        // An HTTP/1.0 client only keeps the connection when told so.
        HttpResponse copy = response;
        copy.headers.set(QByteArrayLiteral("Connection"), QByteArrayLiteral("keep-alive"));
        HttpWriter::appendResponse(out, copy, headOnly);
    } else {
        HttpWriter::appendResponse(out, response, headOnly);
    }
    write(out);
    finishAnswer(close);
}

bool HttpServerConnection::respondRaw(const QByteArray &bytes, bool closeAfter)
{
    if (!m_busy || m_closing)
        return false;
    write(bytes);
    finishAnswer(closeAfter || !m_currentKeepAlive);
    return true;
}

void HttpServerConnection::finishAnswer(bool closeAfter)
{
    m_busy = false;
    if (closeAfter || m_socket->state() != QAbstractSocket::ConnectedState) {
        closeConnection();
        return;
    }
    if (!m_buffer.isEmpty() || m_socket->bytesAvailable() > 0) {
        arm(Wait::Head);
        scheduleProcessing();
    } else {
        arm(Wait::Idle);
    }
}

void HttpServerConnection::sendErrorAndClose(int status, const QByteArray &reason)
{
    HttpResponse response;
    response.status = status;
    response.headers.append(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("text/plain; charset=utf-8"));
    response.headers.append(QByteArrayLiteral("Connection"), QByteArrayLiteral("close"));
    response.body = HttpResponse::standardReason(status) + ": " + reason + '\n';
    QByteArray out;
    HttpWriter::appendResponse(out, response);
    write(out);
    closeConnection();
}

void HttpServerConnection::closeConnection()
{
    if (m_closing)
        return;
    m_closing = true;
    m_buffer.clear();
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        onDisconnected();
        return;
    }
    arm(Wait::Linger);
    if (m_socket->bytesToWrite() == 0)
        shutdownWriteSide();
    // Otherwise onBytesWritten() does it once the answer has left.
}

void HttpServerConnection::onBytesWritten()
{
    if (m_closing && !m_writeShutdown && m_socket->bytesToWrite() == 0)
        shutdownWriteSide();
}

void HttpServerConnection::shutdownWriteSide()
{
    m_writeShutdown = true;
    // Half-close: the peer sees the end of our answer, and we keep reading until it closes too.
    // Qt has no portable half-close, hence the native call.
#if defined(Q_OS_UNIX)
    if (::shutdown(static_cast<int>(m_socket->socketDescriptor()), SHUT_WR) == 0)
        return;
#elif defined(Q_OS_WIN)
    if (::shutdown(static_cast<SOCKET>(m_socket->socketDescriptor()), SD_SEND) == 0)
        return;
#endif
    m_socket->disconnectFromHost();
}

void HttpServerConnection::onTimeout()
{
    switch (m_wait) {
    case Wait::Head:
        // A connection that never sent a byte is closed silently, as browsers open spare ones.
        if (m_buffer.isEmpty() && m_socket->bytesAvailable() == 0)
            closeConnection();
        else
            sendErrorAndClose(408, QByteArrayLiteral("request head not received in time"));
        return;
    case Wait::Body:
        sendErrorAndClose(408, QByteArrayLiteral("request body not received in time"));
        return;
    case Wait::Idle:
        closeConnection();
        return;
    case Wait::Answer:
        return;
    case Wait::Linger:
        abort();
        return;
    }
}

void HttpServerConnection::abort()
{
    if (m_closedEmitted)
        return;
    m_closing = true;
    m_socket->abort();
    onDisconnected();
}

void HttpServerConnection::onDisconnected()
{
    if (m_closedEmitted)
        return;
    m_closedEmitted = true;
    m_closing = true;
    m_timer.stop();
    Q_EMIT closed();
    deleteLater();
}

} // namespace gw
