#include "clientconnection.h"

#include <QHostAddress>
#include <QHostInfo>
#include <QMetaObject>
#include <QObject>
#include <QSocketNotifier>
#include <QTimer>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace gw {

namespace {

// Most responses a simulated client reads fit in one piece of this size.
constexpr qsizetype ReadChunk = 16 * 1024;

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

ClientConnection::ClientConnection(const QByteArray &host, quint16 port, FinishedHandler finished)
    : m_host(host)
    , m_port(port)
    , m_finished(std::move(finished))
    , m_context(new QObject)
    , m_timer(new QTimer(m_context))
    , m_alive(std::make_shared<bool>(true))
{
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    QObject::connect(m_timer, &QTimer::timeout, m_context, [this] { onTimeout(); });

    const QHostAddress address(QString::fromLatin1(host));
    if (!address.isNull()) {
        m_addresses.append(address);
        connectNextAddress();
        return;
    }
    const std::weak_ptr<bool> alive = m_alive;
    m_connecting = true;
    m_lookupId = QHostInfo::lookupHost(QString::fromLatin1(host), m_context, [this, alive](const QHostInfo &info) {
        if (alive.expired())
            return;
        m_lookupId = -1;
        m_connecting = false;
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            m_closed = true;
            if (m_inFlight)
                fail(u"host not found: " + QString::fromLatin1(m_host));
            return;
        }
        m_addresses = info.addresses();
        connectNextAddress();
    });
}

ClientConnection::~ClientConnection()
{
    m_alive.reset();
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(m_lookupId);
    m_timer->stop();
    closeSocket();
    // Nothing can fire any more (timer stopped, notifiers off), but the lambdas hold `this`.
    QObject::disconnect(m_timer, nullptr, nullptr, nullptr);
    m_context->deleteLater();
}

QString ClientConnection::where() const
{
    return QString::fromLatin1(m_host) + u':' + QString::number(m_port);
}

QString ClientConnection::socketError(int error) const
{
    if (error == ECONNREFUSED)
        return u"connection refused by " + where();
    return u"connection error with " + where() + u": " + systemError(error);
}

void ClientConnection::connectNextAddress()
{
    // Tries the addresses in order until one connects or is on its way; reports the last failure.
    int lastError = 0;
    while (!m_addresses.isEmpty()) {
        const QHostAddress address = m_addresses.takeFirst();
        sockaddr_storage storage{};
        socklen_t length = 0;
        int family = AF_INET;
        if (address.protocol() == QAbstractSocket::IPv6Protocol) {
            family = AF_INET6;
            auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
            in6->sin6_family = AF_INET6;
            in6->sin6_port = htons(m_port);
            const Q_IPV6ADDR bytes = address.toIPv6Address();
            std::memcpy(&in6->sin6_addr, bytes.c, sizeof bytes.c);
            if (!address.scopeId().isEmpty()) {
                // A scope is an interface name ("lo") or its index ("1").
                bool numeric = false;
                const uint index = address.scopeId().toUInt(&numeric);
                in6->sin6_scope_id = numeric ? index : if_nametoindex(address.scopeId().toLatin1().constData());
            }
            length = sizeof(sockaddr_in6);
        } else {
            auto *in4 = reinterpret_cast<sockaddr_in *>(&storage);
            in4->sin_family = AF_INET;
            in4->sin_port = htons(m_port);
            in4->sin_addr.s_addr = htonl(address.toIPv4Address());
            length = sizeof(sockaddr_in);
        }
        m_fd = ::socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (m_fd < 0) {
            lastError = errno;
            continue;
        }
        const int one = 1;
        ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        int result = 0;
        do {
            result = ::connect(m_fd, reinterpret_cast<const sockaddr *>(&storage), length);
        } while (result < 0 && errno == EINTR);
        if (result == 0 || errno == EINPROGRESS) {
            // Loopback usually connects at once; either way the write notifier says when it is up.
            m_connecting = true;
            m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, m_context);
            QObject::connect(m_writeNotifier, &QSocketNotifier::activated, m_context, [this] { onWritable(); });
            return;
        }
        lastError = errno;
        closeSocket();
    }
    m_connecting = false;
    m_closed = true;
    // The owner learns of it from the event loop, as of any other failure: never inside exchange().
    m_socketError = lastError;
    later(&ClientConnection::failWithSocketError);
}

void ClientConnection::onWritable()
{
    if (m_connecting) {
        onConnectResult();
        return;
    }
    writePending();
}

void ClientConnection::onConnectResult()
{
    int error = 0;
    socklen_t length = sizeof error;
    if (::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length) < 0)
        error = errno;
    if (error != 0) {
        closeSocket();
        if (!m_addresses.isEmpty()) {
            connectNextAddress();
            return;
        }
        m_connecting = false;
        m_closed = true;
        m_socketError = error;
        if (m_inFlight)
            failWithSocketError();
        return;
    }
    m_connecting = false;
    m_addresses.clear();
    sockaddr_storage local{};
    socklen_t localLength = sizeof local;
    if (::getsockname(m_fd, reinterpret_cast<sockaddr *>(&local), &localLength) == 0)
        m_localPort = ntohs(local.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6 *>(&local)->sin6_port
                                                        : reinterpret_cast<sockaddr_in *>(&local)->sin_port);
    m_readNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, m_context);
    QObject::connect(m_readNotifier, &QSocketNotifier::activated, m_context, [this] { onReadable(); });
    if (m_unsentFrom < m_unsent.size())
        writePending();
    else
        m_writeNotifier->setEnabled(false);
}

void ClientConnection::exchange(const QByteArray &wire, const QByteArray &method, int timeoutMs)
{
    m_parser.reset();
    m_parser.setRequestMethod(method);
    m_received = false;
    m_inFlight = true;
    m_timeoutMs = timeoutMs;
    // The timer is armed once and re-armed only when it fires early (see onTimeout): starting and
    // stopping a timer per request costs a load run more than the request itself.
    m_deadline.setRemainingTime(timeoutMs > 0 ? timeoutMs : -1, Qt::PreciseTimer);
    if (timeoutMs > 0 && (!m_timer->isActive() || m_deadline < m_timerFiresAt)) {
        m_timer->start(timeoutMs);
        m_timerFiresAt = m_deadline;
    }
    // Shared, not copied; released once written so the owner can reuse its buffer.
    m_unsent = wire;
    m_unsentFrom = 0;
    if (m_fd >= 0 && !m_connecting) {
        // A send that finds the connection gone is handled from the event loop: the owner is in
        // the middle of starting this exchange and must not hear of its end before it returns.
        m_inExchange = true;
        writePending();
        m_inExchange = false;
    }
}

void ClientConnection::later(void (ClientConnection::*step)())
{
    const std::weak_ptr<bool> alive = m_alive;
    QMetaObject::invokeMethod(m_context, [this, alive, step] {
        if (!alive.expired() && m_inFlight)
            (this->*step)();
    }, Qt::QueuedConnection);
}

void ClientConnection::writePending()
{
    while (m_unsentFrom < m_unsent.size()) {
        const ssize_t written = ::send(m_fd, m_unsent.constData() + m_unsentFrom, size_t(m_unsent.size() - m_unsentFrom), MSG_NOSIGNAL);
        if (written > 0) {
            m_unsentFrom += written;
            continue;
        }
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            m_writeNotifier->setEnabled(true);
            return;
        }
        m_socketError = errno;
        m_unsent = QByteArray();
        m_unsentFrom = 0;
        if (m_inExchange)
            later(&ClientConnection::onSendFailed);
        else
            onSendFailed();
        return;
    }
    m_unsent = QByteArray();
    m_unsentFrom = 0;
    if (m_writeNotifier->isEnabled())
        m_writeNotifier->setEnabled(false);
}

void ClientConnection::onSendFailed()
{
    if (m_socketError == EPIPE || m_socketError == ECONNRESET) {
        // The server closed first; what it said before closing, if anything, is still to be read.
        onReadable(true);
        return;
    }
    failWithSocketError();
}

void ClientConnection::failWithSocketError()
{
    fail(socketError(m_socketError));
}

void ClientConnection::onReadable(bool peerGone)
{
    char chunk[ReadChunk];
    bool peerClosed = peerGone;
    int readError = 0;   // other than a reset, which is a close
    while (m_fd >= 0) {
        const ssize_t count = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (count > 0) {
            m_buffer.append(chunk, count);
            if (count < qsizetype(sizeof chunk))
                break;
            continue;
        }
        if (count == 0) {
            peerClosed = true;
            break;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            break;
        // A reset is the server's way of closing too (it closed with our request unread).
        if (errno == ECONNRESET)
            peerClosed = true;
        else
            readError = errno;
        break;
    }
    if (peerClosed || readError != 0 || (!m_inFlight && !m_buffer.isEmpty())) {
        m_closed = true;
        closeSocket();
    }
    if (!m_inFlight) {
        // Nothing was asked: whatever the server says now (a 408 before closing) ends the connection.
        m_buffer.clear();
        return;
    }
    if (!m_buffer.isEmpty()) {
        m_received = true;
        switch (m_parser.parse(m_buffer)) {
        case HttpResponseParser::Result::NeedMore:
            break;
        case HttpResponseParser::Result::Complete:
            // Bytes after the response were not asked for; a well-behaved server sends none.
            if (!m_buffer.isEmpty()) {
                m_buffer.clear();
                m_closed = true;
                closeSocket();
            }
            complete();
            return;
        case HttpResponseParser::Result::Error:
            fail(u"malformed response: " + QString::fromLatin1(m_parser.errorReason()));
            return;
        }
    }
    if (readError != 0) {
        m_socketError = readError;
        failWithSocketError();
        return;
    }
    if (peerClosed)
        onPeerClosed();
}

void ClientConnection::onPeerClosed()
{
    if (m_parser.readsUntilClose() && m_parser.finish(m_buffer) == HttpResponseParser::Result::Complete) {
        complete();
        return;
    }
    fail(m_received ? QStringLiteral("connection closed by the server before the response was complete")
                    : QStringLiteral("connection closed by the server before any response"),
         ClosedByServer);
}

void ClientConnection::onTimeout()
{
    if (!m_inFlight || m_deadline.isForever())
        return;
    if (!m_deadline.hasExpired()) {
        m_timer->start(int(std::max<qint64>(1, m_deadline.remainingTime())));
        m_timerFiresAt = m_deadline;
        return;
    }
    fail(u"timed out after " + QString::number(m_timeoutMs) + u" ms");
}

void ClientConnection::closeSocket()
{
    // Off before the descriptor is closed: its number is reused by the next socket at once.
    if (m_readNotifier) {
        m_readNotifier->setEnabled(false);
        QObject::disconnect(m_readNotifier, nullptr, nullptr, nullptr);
        m_readNotifier->deleteLater();
        m_readNotifier = nullptr;
    }
    if (m_writeNotifier) {
        m_writeNotifier->setEnabled(false);
        QObject::disconnect(m_writeNotifier, nullptr, nullptr, nullptr);
        m_writeNotifier->deleteLater();
        m_writeNotifier = nullptr;
    }
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

void ClientConnection::complete()
{
    m_inFlight = false;
    if (m_unsentFrom < m_unsent.size()) {
        // Answered before the request was all sent (a 413 to a large body): the rest can no longer
        // be told apart from the next request, so this connection ends here, as a browser's does.
        m_unsent = QByteArray();
        m_unsentFrom = 0;
        m_closed = true;
        closeSocket();
    }
    Outcome outcome;
    outcome.ok = true;
    outcome.response = m_parser.takeResponse();
    // A copy: the owner may destroy this connection, and with it m_finished, from the handler.
    const FinishedHandler finished = m_finished;
    finished(std::move(outcome));
}

void ClientConnection::fail(const QString &error, FailureKind kind)
{
    m_timer->stop();
    m_inFlight = false;
    m_closed = true;
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    closeSocket();
    m_buffer.clear();
    m_unsent = QByteArray();
    m_unsentFrom = 0;
    Outcome outcome;
    outcome.error = error;
    outcome.closedBeforeAnyResponse = kind == ClosedByServer && !m_received;
    const FinishedHandler finished = m_finished;
    finished(std::move(outcome));
}

} // namespace gw
