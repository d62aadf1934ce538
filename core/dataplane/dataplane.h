#pragma once

#include "common/labclock.h"
#include "controller/gatewayconfig.h"
#include "dataplaneoptions.h"
#include "flow/flowlog.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QThread>
#include <atomic>
#include <memory>
#include <vector>

namespace gw {

class DataPlaneWorker;
class ListenSocket;

// The gateway itself: listening sockets and worker threads that route, balance, pin sessions and
// proxy to the endpoints, recording every exchange in the flow log. Nothing here runs on the
// thread that owns the DataPlane (the GUI thread in the app).
class DataPlane final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DataPlane)

public:
    DataPlane(FlowLog &flowLog, LabClock &clock, DataPlaneOptions options, QObject *parent = nullptr);
    ~DataPlane() override;

    // Swaps in a new configuration atomically: new listening sockets are bound first, requests that
    // already started finish on the snapshot they hold, sockets no longer configured are closed.
    // Returns one message per socket that could not be bound, e.g.
    // "gateway server/simple-fsm-gateway: cannot listen on 127.0.0.2:8000: address already in use".
    QStringList applyConfig(std::shared_ptr<const GatewayConfig> config);
    std::shared_ptr<const GatewayConfig> config() const { return m_config.load(std::memory_order_acquire); }
    // Closes every listening socket and client connection and stops the threads.
    void stop();
    bool isRunning() const { return !m_workers.empty(); }
    QStringList listeningAddresses() const;

    FlowLog &flowLog() const { return m_flowLog; }
    LabClock &clock() const { return m_clock; }
    const DataPlaneOptions &options() const { return m_options; }
    quint64 nextConnectionId() { return m_connectionIds.fetch_add(1, std::memory_order_relaxed) + 1; }

private:
    void startThreads();
    void dispatch(qintptr socketDescriptor);

    FlowLog &m_flowLog;
    LabClock &m_clock;
    DataPlaneOptions m_options;
    std::vector<std::unique_ptr<QThread>> m_threads;
    std::vector<DataPlaneWorker *> m_workers;
    QHash<QString, ListenSocket *> m_listenSockets;     // "address:port", living on the first worker's thread
    std::atomic<std::shared_ptr<const GatewayConfig>> m_config;
    std::atomic<quint64> m_connectionIds{0};
    std::atomic<unsigned> m_nextWorker{0};
};

} // namespace gw
