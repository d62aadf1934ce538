#include "clientpool.h"

#include "clientdirectory.h"
#include "common/labthreads.h"

namespace gw::ui {

ClientPool::ClientPool(const LabClock &clock, ClientDirectory &directory, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_directory(directory)
    , m_context(new QObject)
{
    m_thread.setObjectName(QStringLiteral("gatewaylab-clients"));
    m_context->moveToThread(&m_thread);
    LabThreads::start(m_thread);
}

ClientPool::~ClientPool()
{
    const QList<SimulatedClient *> clients = m_clients.values();
    // Deleted on their own thread (their sockets live there), and before it stops, so no callback
    // can run against a pool that is gone.
    QObject *context = m_context;
    QMetaObject::invokeMethod(
        m_context,
        [clients, context] {
            qDeleteAll(clients);
            delete context;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool ClientPool::addClient(const Client &client)
{
    if (client.name.trimmed().isEmpty() || m_clients.contains(client.name))
        return false;
    auto *simulated = new SimulatedClient(client.name, m_clock);
    simulated->setConnectionPolicy(client.policy);
    simulated->setUsesCookieJar(client.usesCookieJar);
    simulated->moveToThread(&m_thread);
    m_clients.insert(client.name, simulated);
    m_settings.insert(client.name, client);
    m_order.append(client.name);
    Q_EMIT clientsChanged();
    return true;
}

bool ClientPool::removeClient(const QString &name)
{
    SimulatedClient *simulated = m_clients.take(name);
    if (!simulated)
        return false;
    m_settings.remove(name);
    m_order.removeAll(name);
    // A request still in flight ends with the client: its callback never runs.
    QMetaObject::invokeMethod(simulated, [simulated] { delete simulated; }, Qt::BlockingQueuedConnection);
    Q_EMIT clientsChanged();
    return true;
}

ClientPool::Client ClientPool::client(const QString &name) const
{
    return m_settings.value(name);
}

bool ClientPool::setConnectionPolicy(const QString &name, SimulatedClient::ConnectionPolicy policy)
{
    SimulatedClient *simulated = m_clients.value(name);
    if (!simulated)
        return false;
    m_settings[name].policy = policy;
    // The client reads its policy on its own thread, so it is changed there.
    QMetaObject::invokeMethod(simulated, [simulated, policy] {
        simulated->setConnectionPolicy(policy);
        simulated->disconnectNow();
    });
    Q_EMIT clientsChanged();
    return true;
}

bool ClientPool::setUsesCookieJar(const QString &name, bool uses)
{
    SimulatedClient *simulated = m_clients.value(name);
    if (!simulated)
        return false;
    m_settings[name].usesCookieJar = uses;
    QMetaObject::invokeMethod(simulated, [simulated, uses] { simulated->setUsesCookieJar(uses); });
    Q_EMIT clientsChanged();
    return true;
}

CookieJar *ClientPool::cookieJar(const QString &name) const
{
    SimulatedClient *simulated = m_clients.value(name);
    return simulated ? &simulated->cookieJar() : nullptr;
}

void ClientPool::disconnectClient(const QString &name)
{
    if (SimulatedClient *simulated = m_clients.value(name))
        QMetaObject::invokeMethod(simulated, [simulated] { simulated->disconnectNow(); });
}

quint64 ClientPool::send(const QString &name, const ClientRequest &request)
{
    SimulatedClient *simulated = m_clients.value(name);
    if (!simulated)
        return 0;
    const quint64 ticket = ++m_nextTicket;
    ++m_inFlight;
    // Callbacks run on the clients' thread, where the destructor also deletes the clients, so a
    // callback never outlives the pool; the answer reaches the pool through its own event queue.
    ClientPool *pool = this;
    QMetaObject::invokeMethod(simulated, [simulated, request, ticket, pool] {
        simulated->send(request, [simulated, ticket, pool](ClientResult &&result) {
            pool->m_directory.record(result.localPort, simulated->name(), result.startedAtMs);
            QMetaObject::invokeMethod(
                pool,
                [pool, ticket, result = std::move(result)] {
                    --pool->m_inFlight;
                    Q_EMIT pool->resultReady(ticket, result);
                },
                Qt::QueuedConnection);
        });
    });
    return ticket;
}

} // namespace gw::ui
