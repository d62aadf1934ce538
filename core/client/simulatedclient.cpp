#include "simulatedclient.h"

#include "common/labclock.h"
#include "http/httpresponseparser.h"
#include "http/httpwriter.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>

namespace gw {

// One TCP connection and the exchange in flight on it. A plain object around a QTcpSocket: the
// socket is the signal context, and it is released with deleteLater so that the connection can be
// dropped from inside its own socket's signal (the client does exactly that when a response says
// "Connection: close").
class SimulatedClient::Connection
{
public:
    Connection(SimulatedClient *owner, const QByteArray &host, quint16 port)
        : m_owner(owner)
        , m_host(host)
        , m_port(port)
        , m_socket(new QTcpSocket)
        , m_timer(new QTimer(m_socket))
    {
        m_timer->setSingleShot(true);
        m_timer->setTimerType(Qt::PreciseTimer);
        QObject::connect(m_socket, &QTcpSocket::connected, m_socket, [this] { onConnected(); });
        QObject::connect(m_socket, &QTcpSocket::readyRead, m_socket, [this] { onReadyRead(); });
        QObject::connect(m_socket, &QTcpSocket::disconnected, m_socket, [this] { onDisconnected(); });
        QObject::connect(m_socket, &QTcpSocket::errorOccurred, m_socket, [this](QAbstractSocket::SocketError error) { onError(error); });
        QObject::connect(m_timer, &QTimer::timeout, m_socket, [this] { onTimeout(); });
        const QHostAddress address(QString::fromLatin1(host));
        if (address.isNull())
            m_socket->connectToHost(QString::fromLatin1(host), port);
        else
            m_socket->connectToHost(address, port);
    }

    ~Connection()
    {
        QObject::disconnect(m_socket, nullptr, nullptr, nullptr);
        m_timer->stop();
        m_socket->abort();
        m_socket->deleteLater();
    }

    Q_DISABLE_COPY_MOVE(Connection)

    bool isUsable() const { return !m_closed && m_socket->state() != QAbstractSocket::UnconnectedState; }
    quint16 localPort() const { return m_localPort; }
    int nextRequestNumber() { return ++m_requests; }

    void exchange(const QByteArray &wire, const QByteArray &method, int timeoutMs)
    {
        m_parser.reset();
        m_parser.setRequestMethod(method);
        m_received = false;
        m_inFlight = true;
        m_timeoutMs = timeoutMs;
        // The timer is armed once and re-armed only when it fires early (see onTimeout): starting
        // and stopping a timer per request costs a load run more than the request itself.
        m_deadline.setRemainingTime(timeoutMs > 0 ? timeoutMs : -1, Qt::PreciseTimer);
        if (timeoutMs > 0 && !m_timer->isActive())
            m_timer->start(timeoutMs);
        if (m_socket->state() == QAbstractSocket::ConnectedState) {
            m_socket->write(wire);
            // Straight to the kernel, rather than on the next turn of the event loop.
            m_socket->flush();
        } else {
            m_pendingWrite = wire;
        }
    }

private:
    void onConnected()
    {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_localPort = m_socket->localPort();
        if (!m_pendingWrite.isEmpty()) {
            m_socket->write(m_pendingWrite);
            m_socket->flush();
            m_pendingWrite.clear();
        }
    }

    void onReadyRead()
    {
        if (m_buffer.isEmpty())
            m_buffer = m_socket->readAll();
        else
            m_buffer.append(m_socket->readAll());
        if (!m_inFlight) {
            // Nothing was asked: whatever the server says now (a 408 before closing) ends the connection.
            m_buffer.clear();
            m_closed = true;
            return;
        }
        m_received = true;
        switch (m_parser.parse(m_buffer)) {
        case HttpResponseParser::Result::NeedMore:
            return;
        case HttpResponseParser::Result::Complete:
            // Bytes after the response were not asked for; a well-behaved server sends none.
            if (!m_buffer.isEmpty()) {
                m_buffer.clear();
                m_closed = true;
            }
            complete();
            return;
        case HttpResponseParser::Result::Error:
            m_closed = true;
            fail(u"malformed response: " + QString::fromLatin1(m_parser.errorReason()));
            return;
        }
    }

    void onDisconnected()
    {
        m_closed = true;
        if (!m_inFlight)
            return;
        if (m_parser.readsUntilClose()) {
            if (m_parser.finish(m_buffer) == HttpResponseParser::Result::Complete) {
                complete();
                return;
            }
        }
        fail(m_received ? QStringLiteral("connection closed by the server before the response was complete")
                        : QStringLiteral("connection closed by the server before any response"));
    }

    void onError(QAbstractSocket::SocketError error)
    {
        if (error == QAbstractSocket::RemoteHostClosedError) {
            // `disconnected` follows when the socket was connected; when it was not, it never comes.
            if (m_socket->state() == QAbstractSocket::UnconnectedState)
                onDisconnected();
            return;
        }
        m_closed = true;
        if (!m_inFlight)
            return;
        const QString where = QString::fromLatin1(m_host) + u':' + QString::number(m_port);
        switch (error) {
        case QAbstractSocket::ConnectionRefusedError:
            fail(u"connection refused by " + where);
            return;
        case QAbstractSocket::HostNotFoundError:
            fail(u"host not found: " + QString::fromLatin1(m_host));
            return;
        case QAbstractSocket::SocketTimeoutError:
            fail(u"timed out after " + QString::number(m_timeoutMs) + u" ms");
            return;
        default:
            fail(u"connection error with " + where + u": " + m_socket->errorString());
            return;
        }
    }

    void onTimeout()
    {
        if (!m_inFlight)
            return;
        if (!m_deadline.hasExpired()) {
            m_timer->start(int(std::max<qint64>(1, m_deadline.remainingTime())));
            return;
        }
        m_closed = true;
        fail(u"timed out after " + QString::number(m_timeoutMs) + u" ms");
    }

    void complete()
    {
        m_inFlight = false;
        // Last statement: the owner may drop this connection from here.
        m_owner->onFinished(true, QString(), m_parser.takeResponse(), false);
    }

    void fail(const QString &error)
    {
        m_timer->stop();
        m_inFlight = false;
        m_socket->abort();
        m_owner->onFinished(false, error, HttpResponse(), !m_received);
    }

    SimulatedClient *m_owner;
    QByteArray m_host;
    quint16 m_port;
    QTcpSocket *m_socket;
    QTimer *m_timer;
    HttpResponseParser m_parser;
    QByteArray m_buffer;
    QByteArray m_pendingWrite;
    quint16 m_localPort = 0;
    int m_requests = 0;
    int m_timeoutMs = 0;
    QDeadlineTimer m_deadline;
    bool m_inFlight = false;
    bool m_received = false;
    bool m_closed = false;
};

SimulatedClient::SimulatedClient(const QString &name, const LabClock &clock, QObject *parent)
    : QObject(parent)
    , m_name(name)
    , m_clock(clock)
{
}

namespace {
// The client whose `done` callback is running on this thread, cleared by its destructor: tells
// onFinished whether `done` deleted the client, without a QPointer's shared block per request.
thread_local SimulatedClient *t_inCallback = nullptr;
} // namespace

SimulatedClient::~SimulatedClient()
{
    if (t_inCallback == this)
        t_inCallback = nullptr;
}

void SimulatedClient::send(const ClientRequest &request, Callback done)
{
    m_queue.append(Pending{request, std::move(done)});
    if (!m_busy && !m_inCallback && !m_kickPosted) {
        // Queued, so that `done` never runs inside `send`; a `send` from inside `done` needs no
        // event at all (onFinished starts it), which keeps a load run at one event per response.
        m_kickPosted = true;
        QMetaObject::invokeMethod(this, [this] {
            m_kickPosted = false;
            if (!m_busy && !m_queue.isEmpty())
                startNext();
        }, Qt::QueuedConnection);
    }
}

void SimulatedClient::disconnectNow()
{
    if (!m_busy)
        m_connection.reset();
}

void SimulatedClient::dropConnection()
{
    m_connection.reset();
}

void SimulatedClient::startNext()
{
    m_current = m_queue.takeFirst();
    m_busy = true;
    if (m_policy == ConnectionPolicy::NewConnectionPerRequest)
        m_connection.reset();
    transmit(false);
}

void SimulatedClient::transmit(bool retry)
{
    const ClientRequest &request = m_current.request;
    if (m_hostFor.first != request.connectHost || m_hostFor.second != request.connectPort || m_host.isEmpty()) {
        m_hostFor = {request.connectHost, request.connectPort};
        m_host = request.connectHost + ':' + QByteArray::number(request.connectPort);
    }
    const QByteArray host = request.hostHeader.isEmpty() ? m_host : request.hostHeader;
    HttpRequest wireRequest;
    wireRequest.method = request.method;
    wireRequest.target = request.target;
    wireRequest.headers.reserve(request.headers.size() + 2);
    wireRequest.headers.append(QByteArrayLiteral("Host"), host);
    const QByteArray explicitCookie = request.headers.combinedValue("cookie", "; ");
    for (const HttpHeaders::Field &field : request.headers.fields()) {
        if (field.name.compare("cookie", Qt::CaseInsensitive) != 0)
            wireRequest.headers.append(field.name, field.value);
    }
    // One Cookie header, as browsers send: the jar's cookies first, so an explicit cookie of the
    // same name comes last and wins with FSM (its getCookies keeps the last duplicate).
    QByteArray cookie;
    if (m_usesJar)
        cookie = m_jar.cookieHeader(cookieHost(request), request.target, m_clock.nowMs());
    if (!explicitCookie.isEmpty())
        cookie = cookie.isEmpty() ? explicitCookie : cookie + "; " + explicitCookie;
    if (!cookie.isEmpty())
        wireRequest.headers.append(QByteArrayLiteral("Cookie"), cookie);
    wireRequest.body = request.body;

    m_wire.resize(0);   // keeps the buffer's capacity for the next request
    HttpWriter::appendRequest(m_wire, wireRequest);

    m_result = ClientResult();
    m_result.clientName = m_name;
    m_result.request = std::move(wireRequest);
    m_result.retried = retry;
    if (!m_connection || !m_connection->isUsable()) {
        m_connection = std::make_unique<Connection>(this, request.connectHost, request.connectPort);
        m_result.newConnection = true;
    }
    m_result.requestOnConnection = m_connection->nextRequestNumber();
    m_result.startedAtMs = m_clock.nowMs();
    m_elapsed.start();
    m_connection->exchange(m_wire, request.method, request.timeoutMs);
}

QString SimulatedClient::cookieHost(const ClientRequest &request)
{
    // The jar files cookies under the host the user addressed, as a browser does with the URL's host.
    QByteArray host = request.hostHeader.isEmpty() ? request.connectHost : request.hostHeader;
    if (!host.startsWith('[')) {
        const qsizetype colon = host.lastIndexOf(':');
        if (colon >= 0)
            host.truncate(colon);
    }
    return QString::fromLatin1(host).toLower();
}

void SimulatedClient::onFinished(bool ok, const QString &error, HttpResponse &&response, bool nothingReceived)
{
    // A kept-alive connection the server closed while idle fails before any byte comes back; like
    // a browser, try once more on a fresh connection rather than report the race as an error.
    if (!ok && nothingReceived && !m_result.newConnection && !m_result.retried) {
        m_connection.reset();
        transmit(true);
        return;
    }
    m_result.durationUs = m_elapsed.nsecsElapsed() / 1000;
    m_result.localPort = m_connection ? m_connection->localPort() : 0;
    m_result.ok = ok;
    m_result.error = error;
    if (ok) {
        if (m_usesJar) {
            const QList<QByteArray> setCookies = response.headers.values("set-cookie");
            if (!setCookies.isEmpty())
                m_jar.storeFromResponse(cookieHost(m_current.request), m_current.request.target, setCookies, m_clock.nowMs());
        }
        if (m_policy == ConnectionPolicy::NewConnectionPerRequest || !response.keepAlive())
            dropConnection();
        m_result.response = std::move(response);
    } else {
        dropConnection();
    }
    Callback done = std::move(m_current.done);
    m_current = Pending();
    m_busy = false;
    SimulatedClient *const outer = t_inCallback;
    t_inCallback = this;
    m_inCallback = true;
    if (done)
        done(std::move(m_result));
    const bool alive = t_inCallback == this;
    t_inCallback = outer;
    if (!alive)
        return;
    m_inCallback = false;
    if (!m_busy && !m_queue.isEmpty())
        startNext();
}

} // namespace gw
