#pragma once

#include "http/httpresponse.h"
#include "mockpod.h"

#include <QObject>
#include <QSet>
#include <QString>
#include <QTcpServer>

namespace gw {

struct HttpRequest;
class HttpServerConnection;
class MockRequestLog;

// The real HTTP server behind one mock pod endpoint, on 127.0.0.1. It answers as the pod's container
// would (a Pipy one-liner's fixed message, or echo-basic's JSON) and can be stopped, restarted on the
// same port and slowed down, the way a pod goes away, comes back or struggles. Lives on one thread.
class MockPodServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MockPodServer)

public:
    explicit MockPodServer(const MockPod &pod, QObject *parent = nullptr);
    ~MockPodServer() override;

    const MockPod &pod() const { return m_pod; }

    // Listens on an ephemeral port the first time, on the previous one afterwards (another when that
    // one was taken meanwhile). False with errorString() when it cannot listen at all.
    bool start();
    // Closes the listening socket and every open connection; new connections are refused.
    void stop();
    bool isRunning() const { return m_server.isListening(); }
    // The port last listened on (kept while stopped), 0 before the first start.
    quint16 port() const { return m_port; }
    QString errorString() const { return m_error; }

    // Every answer waits this long first (0: answer at once).
    void setDelayMs(int delayMs) { m_delayMs = qMax(0, delayMs); }
    int delayMs() const { return m_delayMs; }
    qsizetype openConnections() const { return m_connections.size(); }
    // Where every request received is recorded (nothing is recorded while unset).
    void setRequestLog(MockRequestLog *log) { m_requestLog = log; }

private:
    void acceptConnections();
    void handle(HttpServerConnection &connection, HttpRequest &&request);

    MockPod m_pod;
    QTcpServer m_server;
    HttpResponse m_staticResponse;             // built once for a Pipy pod
    QSet<HttpServerConnection *> m_connections;
    quint16 m_port = 0;
    int m_delayMs = 0;
    QString m_error;
    MockRequestLog *m_requestLog = nullptr;
};

} // namespace gw
