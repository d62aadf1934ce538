#pragma once

#include "http/httpresponse.h"
#include "http/httpresponseparser.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QList>
#include <QString>
#include <functional>
#include <memory>

class QHostAddress;
class QObject;
class QSocketNotifier;
class QTimer;

namespace gw {

// One TCP connection of a simulated client and the exchange in flight on it, on a non-blocking
// socket of its own rather than a QTcpSocket. A load run is a client race against a gateway on
// the same two cores, and QTcpSocket spends per request what the gateway needs for a whole one:
// an ioctl before every read, a copy through its ring buffer, and a write notifier switched on
// and off around every write (each switch wakes the thread's event loop). Here a request is one
// send() and its response usually one recv(); the read notifier stays on for the connection's
// life, and the write notifier is on only while connecting or while the kernel's buffer is full.
//
// `finished` is the owner's handler; it may destroy this connection, so every call to it is the
// last thing a method does.
class ClientConnection
{
public:
    struct Outcome
    {
        bool ok = false;
        QString error;                 // why not, for a failure
        HttpResponse response;
        // The server closed or reset the connection before one byte of a response: on a kept-alive
        // connection, the race of a request against the server's idle close (worth one retry).
        bool closedBeforeAnyResponse = false;
    };
    using FinishedHandler = std::function<void(Outcome &&)>;

    // Starts connecting at once; `host` is an IP address or a name to look up.
    ClientConnection(const QByteArray &host, quint16 port, FinishedHandler finished);
    ~ClientConnection();
    Q_DISABLE_COPY_MOVE(ClientConnection)

    // Not closed by either side, and no failure seen: worth sending the next request on.
    bool isUsable() const { return !m_closed; }
    quint16 localPort() const { return m_localPort; }
    int nextRequestNumber() { return ++m_requests; }

    // Sends `wire` (written as soon as the connection is up) and reads one response to `method`.
    void exchange(const QByteArray &wire, const QByteArray &method, int timeoutMs);

private:
    enum FailureKind { OtherFailure, ClosedByServer };
    void connectNextAddress();
    void onConnectResult();
    void onWritable();
    void onSendFailed();
    // Runs `step` from the event loop, unless the connection is gone or idle by then.
    void later(void (ClientConnection::*step)());
    // `peerGone`: a send found the connection closed; read what is left, then end it.
    void onReadable(bool peerGone = false);
    void onTimeout();
    void onPeerClosed();
    void writePending();
    void closeSocket();
    void complete();
    void fail(const QString &error, FailureKind kind = OtherFailure);
    QString where() const;
    // "connection refused by HOST:PORT", or "connection error with HOST:PORT: " and the system's words.
    QString socketError(int error) const;
    void failWithSocketError();

    QByteArray m_host;
    quint16 m_port;
    FinishedHandler m_finished;
    // Owns the notifiers and the timer, and is released with deleteLater: the connection may be
    // destroyed from inside one of their signals.
    QObject *m_context;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QTimer *m_timer;
    int m_fd = -1;
    bool m_connecting = false;
    QList<QHostAddress> m_addresses;   // still to try, for a name that resolved to several
    int m_lookupId = -1;
    std::shared_ptr<bool> m_alive;     // the host lookup's callback checks it: it may outlive us

    HttpResponseParser m_parser;
    QByteArray m_buffer;               // received, not yet parsed
    QByteArray m_unsent;               // the request's bytes the kernel has not taken yet
    qsizetype m_unsentFrom = 0;
    quint16 m_localPort = 0;
    int m_requests = 0;
    int m_timeoutMs = 0;
    QDeadlineTimer m_deadline;         // the request in flight's
    QDeadlineTimer m_timerFiresAt;     // about when m_timer fires, if active
    int m_socketError = 0;             // errno of the last failed connect, send or recv
    bool m_inExchange = false;         // exchange() is on the stack: the owner must not hear back yet
    bool m_inFlight = false;
    bool m_received = false;
    bool m_closed = false;
};

} // namespace gw
