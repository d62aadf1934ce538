#pragma once

#include "mockpod.h"
#include "mockrequestlog.h"

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QThread>
#include <functional>
#include <memory>

namespace gw {

class MockPodServer;

// Runs every mock pod's HTTP server on its own event-loop thread (never the GUI thread). All public
// functions are thread-safe and may be called from any thread; they block until the host thread has
// carried them out, so a caller sees the new state as soon as they return.
class MockPodHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MockPodHost)

public:
    struct Endpoint
    {
        QString endpointKey;       // simulated podIP:containerPort
        QString podKey;            // namespace/pod
        quint16 localPort = 0;     // real 127.0.0.1 port, 0 when not listening
        bool running = false;
        int delayMs = 0;
    };

    explicit MockPodHost(QObject *parent = nullptr);
    ~MockPodHost() override;       // stops every server and the thread

    // Replaces the set of served endpoints. Endpoints whose (podKey, endpointKey, behaviour) did not
    // change keep their server, port and state, so reloading YAML does not disturb running traffic.
    // Returns an error text per endpoint that could not listen (empty list on success).
    QStringList setPods(const QList<MockPod> &pods);

    QList<Endpoint> endpoints() const;
    // The real 127.0.0.1 port to connect to for a simulated endpoint; 0 when the endpoint is unknown
    // or its pod is stopped (a gateway answers that as a refused connection).
    quint16 localPort(const QString &endpointKey) const;

    // Pod lifecycle, as a pod going away would be: stop closes the listening socket and every open
    // connection (new connections are refused); start listens again on the same port when it can.
    bool stopPod(const QString &podKey);
    bool startPod(const QString &podKey);
    // Every answer of the pod waits delayMs first (0 restores normal speed).
    bool slowPod(const QString &podKey, int delayMs);
    // Every request the pods received (thread-safe): the lab's pod logs.
    const MockRequestLog &requestLog() const { return m_requestLog; }

Q_SIGNALS:
    void podStateChanged(const QString &podKey);

private:
    template<typename Fn> auto runOnHostThread(Fn &&fn) const;
    // Host thread only: rebuilds the snapshot from the servers.
    void refreshEndpoints();
    // Applies `change` to every server of the pod on the host thread and reports the new state.
    // True when the pod is known and every change succeeded.
    bool changePod(const QString &podKey, const std::function<bool(MockPodServer &)> &change);

    QThread m_thread;
    QObject *m_context = nullptr;                 // lives on m_thread; parent of every server
    QHash<QString, MockPodServer *> m_servers;    // endpointKey → server (touched on m_thread only)
    mutable QMutex m_mutex;                       // guards m_endpoints, the snapshot readers see
    QHash<QString, Endpoint> m_endpoints;
    MockRequestLog m_requestLog;                  // the servers writing to it are deleted in ~MockPodHost, before it
};

} // namespace gw
