#pragma once

#include "clientrequest.h"
#include "clientresult.h"
#include "cookiejar.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>

namespace gw {

class ClientConnection;
class LabClock;

// A named client with its own cookie jar and its own connection(s), as a browser tab or one curl
// user would be. It sends one request at a time on its connection (HTTP/1.1 keep-alive) or opens a
// new connection per request. Lives on a thread with an event loop (never blocks it); `send` must
// be called on that thread.
class SimulatedClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimulatedClient)

public:
    enum class ConnectionPolicy { KeepAlive, NewConnectionPerRequest };
    using Callback = std::function<void(ClientResult &&)>;

    SimulatedClient(const QString &name, const LabClock &clock, QObject *parent = nullptr);
    ~SimulatedClient() override;

    QString name() const { return m_name; }
    void setConnectionPolicy(ConnectionPolicy policy) { m_policy = policy; }
    ConnectionPolicy connectionPolicy() const { return m_policy; }
    // Without a jar the client never sends or stores cookies (a fresh curl each time).
    void setUsesCookieJar(bool uses) { m_usesJar = uses; }
    bool usesCookieJar() const { return m_usesJar; }
    CookieJar &cookieJar() { return m_jar; }
    const CookieJar &cookieJar() const { return m_jar; }

    // Queues the request; `done` runs on this client's thread when the answer (or failure) is in,
    // never before `send` returns.
    void send(const ClientRequest &request, Callback done);
    // Closes the kept-alive connection (the next request opens a new one).
    void disconnectNow();
    // Requests queued or in flight.
    qsizetype pendingCount() const { return m_queue.size() + (m_busy ? 1 : 0); }

private:
    struct Pending
    {
        ClientRequest request;
        Callback done;
    };
    void startNext();
    void transmit(bool retry);
    void onFinished(bool ok, const QString &error, HttpResponse &&response, bool closedBeforeAnyResponse);
    void dropConnection();
    static QString cookieHost(const ClientRequest &request);
    const QString &cachedCookieHost(const ClientRequest &request);

    QString m_name;
    const LabClock &m_clock;
    ConnectionPolicy m_policy = ConnectionPolicy::KeepAlive;
    bool m_usesJar = true;
    CookieJar m_jar;
    std::unique_ptr<ClientConnection> m_connection;
    QList<Pending> m_queue;
    bool m_busy = false;
    bool m_inCallback = false;     // `done` is running: a `send` from it is started right after it
    bool m_kickPosted = false;
    // The request in flight.
    Pending m_current;
    ClientResult m_result;
    QByteArray m_wire;
    QElapsedTimer m_elapsed;
    QPair<QByteArray, quint16> m_hostFor;  // the default Host header, built once per destination
    QByteArray m_host;
    QByteArray m_cookieHostFor;            // the Host header or address cookies were last filed under
    QString m_cookieHost;
};

} // namespace gw
