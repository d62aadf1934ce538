#include "dataplane.h"

#include "common/labthreads.h"
#include "dataplaneworker.h"
#include "listensocket.h"

#include <QHostAddress>
#include <QMetaObject>
#include <QSet>

namespace gw {

namespace {

template<typename Fn>
void runBlocking(QObject *context, Fn &&fn)
{
    if (context->thread() == QThread::currentThread())
        fn();
    else
        QMetaObject::invokeMethod(context, std::forward<Fn>(fn), Qt::BlockingQueuedConnection);
}

QString socketKey(const ListenSocketConfig &socket)
{
    return QString::fromLatin1(socket.address) + u':' + QString::number(socket.bindPort);
}

} // namespace

DataPlane::DataPlane(FlowLog &flowLog, LabClock &clock, DataPlaneOptions options, QObject *parent)
    : QObject(parent)
    , m_flowLog(flowLog)
    , m_clock(clock)
    , m_options(options)
{
    m_options.workerThreads = qBound(1, m_options.workerThreads, 64);
}

DataPlane::~DataPlane()
{
    stop();
}

void DataPlane::startThreads()
{
    for (int i = 0; i < m_options.workerThreads; ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("dataplane-%1").arg(i));
        auto *worker = new DataPlaneWorker(*this, m_options);
        worker->moveToThread(thread.get());
        LabThreads::start(*thread);
        m_workers.push_back(worker);
        m_threads.push_back(std::move(thread));
    }
}

QStringList DataPlane::applyConfig(std::shared_ptr<const GatewayConfig> config)
{
    if (m_workers.empty())
        startThreads();
    QStringList errors;
    QSet<QString> wanted;
    DataPlaneWorker *acceptor = m_workers.front();
    for (const ListenSocketConfig &socket : config->sockets) {
        const QString key = socketKey(socket);
        wanted.insert(key);
        if (m_listenSockets.contains(key))
            continue;
        runBlocking(acceptor, [&, key] {
            auto *listenSocket = new ListenSocket([this](qintptr fd) { dispatch(fd); }, acceptor);
            // The kernel's accept queue (Qt's default is 50): bursts of connects beyond it would be
            // retransmitted a second later and show up as gateway latency.
            listenSocket->setListenBacklogSize(1024);
            if (listenSocket->listen(QHostAddress(QString::fromLatin1(socket.address)), socket.bindPort)) {
                m_listenSockets.insert(key, listenSocket);
                return;
            }
            const QString reason = listenSocket->serverError() == QAbstractSocket::AddressInUseError ? QStringLiteral("address already in use")
                                                                                                      : listenSocket->errorString();
            errors.append(QStringLiteral("gateway %1: cannot listen on %2: %3").arg(socket.gatewayKey, key, reason));
            delete listenSocket;
        });
    }
    m_config.store(std::move(config), std::memory_order_release);
    for (auto it = m_listenSockets.begin(); it != m_listenSockets.end();) {
        if (wanted.contains(it.key())) {
            ++it;
            continue;
        }
        ListenSocket *listenSocket = it.value();
        runBlocking(acceptor, [listenSocket] { delete listenSocket; });
        it = m_listenSockets.erase(it);
    }
    return errors;
}

QStringList DataPlane::listeningAddresses() const
{
    QStringList addresses = m_listenSockets.keys();
    addresses.sort();
    return addresses;
}

void DataPlane::dispatch(qintptr socketDescriptor)
{
    DataPlaneWorker *worker = m_workers[m_nextWorker.fetch_add(1, std::memory_order_relaxed) % m_workers.size()];
    QMetaObject::invokeMethod(worker, [worker, socketDescriptor] { worker->adoptConnection(socketDescriptor); }, Qt::QueuedConnection);
}

void DataPlane::stop()
{
    if (m_workers.empty())
        return;
    DataPlaneWorker *acceptor = m_workers.front();
    runBlocking(acceptor, [this] {
        qDeleteAll(m_listenSockets);
    });
    m_listenSockets.clear();
    for (size_t i = 0; i < m_workers.size(); ++i) {
        DataPlaneWorker *worker = m_workers[i];
        runBlocking(worker, [worker] {
            worker->closeAll();
            delete worker;
        });
        m_threads[i]->quit();
        m_threads[i]->wait();
    }
    m_workers.clear();
    m_threads.clear();
}

} // namespace gw
