#pragma once

#include "http/httpresponse.h"
#include "http/httpresponseparser.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QTcpSocket>
#include <QTimer>
#include <functional>

namespace gw {

// One connection from the gateway to an endpoint, reused for many requests (one at a time) while
// both sides keep it alive. Lives on a data-plane worker thread; its signals are connected once.
class UpstreamConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamConnection)

public:
    enum class Failure { None, Refused, Timeout, ClosedEarly, Protocol, Abandoned, Other };
    struct Result
    {
        Failure failure = Failure::None;
        QString message;
        HttpResponse response;
        bool reused = false;             // the connection had served an earlier request
        bool receivedAnything = false;   // false: safe to retry on a fresh connection
        qint64 connectUs = -1;           // -1 when reused
        qint64 waitUs = 0;
    };
    using Callback = std::function<void(Result &&)>;

    UpstreamConnection(const QByteArray &host, quint16 port, QObject *parent = nullptr);
    ~UpstreamConnection() override;

    // Sends one serialised request; `done` runs exactly once, on this thread.
    void send(const QByteArray &requestBytes, const QByteArray &method, int timeoutMs, Callback done);
    // Ends the exchange in progress, if any, with `message` (the data plane is stopping): its
    // callback runs now, so no exchange is left waiting for an answer that will never come.
    void abandon(const QString &message);
    // Idle, connected and not asked to close: it can serve another request.
    bool isReusable() const;
    bool isIdle() const { return !m_done; }
    const QByteArray &endpointKey() const { return m_key; }

Q_SIGNALS:
    // The connection closed or failed while idle in the pool: the pool drops it.
    void idleClosed(UpstreamConnection *connection);

private:
    void onConnected();
    void onReadyRead();
    void onDisconnected();
    void onError(QAbstractSocket::SocketError error);
    void onTimeout();
    void complete(Result &&result);
    void fail(Failure failure, const QString &message);

    QTcpSocket m_socket;
    QByteArray m_host;
    quint16 m_port;
    QByteArray m_key;
    QTimer m_timer;
    HttpResponseParser m_parser;
    QByteArray m_buffer;
    QByteArray m_method;                // of the request in flight: HEAD answers have no body
    QByteArray m_pending;               // request bytes waiting for the connection to be established
    Callback m_done;
    QElapsedTimer m_clock;
    qint64 m_connectUs = -1;
    int m_requestsServed = 0;
    bool m_keepAlive = true;
    bool m_receivedAnything = false;
};

} // namespace gw
