#include "mockpodhost.h"

#include "common/labthreads.h"
#include "mockpodserver.h"

#include <QMutexLocker>
#include <QSet>

#include <algorithm>
#include <type_traits>

namespace gw {

using namespace Qt::StringLiterals;

template<typename Fn>
auto MockPodHost::runOnHostThread(Fn &&fn) const
{
    using Result = std::invoke_result_t<Fn>;
    if (QThread::currentThread() == &m_thread)
        return fn();
    if constexpr (std::is_void_v<Result>) {
        QMetaObject::invokeMethod(m_context, std::forward<Fn>(fn), Qt::BlockingQueuedConnection);
    } else {
        Result result{};
        QMetaObject::invokeMethod(m_context, std::forward<Fn>(fn), Qt::BlockingQueuedConnection, &result);
        return result;
    }
}

MockPodHost::MockPodHost(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(u"mock-pods"_s);
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    LabThreads::start(m_thread);
}

MockPodHost::~MockPodHost()
{
    runOnHostThread([this] {
        qDeleteAll(m_servers);
        m_servers.clear();
    });
    m_thread.quit();
    m_thread.wait();
    // The thread has finished, so nothing can be delivering events to the context any more.
    delete m_context;
}

void MockPodHost::refreshEndpoints()
{
    QHash<QString, Endpoint> endpoints;
    endpoints.reserve(m_servers.size());
    for (auto it = m_servers.cbegin(); it != m_servers.cend(); ++it) {
        const MockPodServer *server = it.value();
        const bool running = server->isRunning();
        endpoints.insert(it.key(), Endpoint{it.key(), server->pod().podKey(), running ? server->port() : quint16(0), running,
                                            server->delayMs()});
    }
    QMutexLocker locker(&m_mutex);
    m_endpoints = std::move(endpoints);
}

QStringList MockPodHost::setPods(const QList<MockPod> &pods)
{
    QStringList errors;
    QSet<QString> changedPods;
    runOnHostThread([&] {
        QHash<QString, const MockPod *> wanted;
        for (const MockPod &pod : pods) {
            const QString key = pod.endpointKey();
            if (const MockPod *other = wanted.value(key)) {
                errors.append(u"endpoint %1 is claimed by both %2 and %3; %3 is not served"_s.arg(key, other->podKey(), pod.podKey()));
                continue;
            }
            wanted.insert(key, &pod);
        }
        for (auto it = m_servers.begin(); it != m_servers.end();) {
            const MockPod *pod = wanted.value(it.key());
            if (pod && *pod == it.value()->pod()) {
                ++it;
                continue;
            }
            changedPods.insert(it.value()->pod().podKey());
            delete it.value();
            it = m_servers.erase(it);
        }
        for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
            if (m_servers.contains(it.key()))
                continue;
            auto *server = new MockPodServer(*it.value(), m_context);
            server->setRequestLog(&m_requestLog);
            m_servers.insert(it.key(), server);
            changedPods.insert(it.value()->podKey());
            if (!server->start())
                errors.append(u"%1 (%2): cannot listen on 127.0.0.1: %3"_s.arg(it.value()->podKey(), it.key(), server->errorString()));
        }
        refreshEndpoints();
    });
    for (const QString &podKey : std::as_const(changedPods))
        Q_EMIT podStateChanged(podKey);
    return errors;
}

QList<MockPodHost::Endpoint> MockPodHost::endpoints() const
{
    QMutexLocker locker(&m_mutex);
    QList<Endpoint> result = m_endpoints.values();
    locker.unlock();
    std::sort(result.begin(), result.end(), [](const Endpoint &a, const Endpoint &b) { return a.endpointKey < b.endpointKey; });
    return result;
}

quint16 MockPodHost::localPort(const QString &endpointKey) const
{
    QMutexLocker locker(&m_mutex);
    return m_endpoints.value(endpointKey).localPort;
}

bool MockPodHost::changePod(const QString &podKey, const std::function<bool(MockPodServer &)> &change)
{
    bool found = false;
    const bool succeeded = runOnHostThread([&] {
        bool ok = true;
        for (MockPodServer *server : std::as_const(m_servers)) {
            if (server->pod().podKey() == podKey) {
                found = true;
                ok = change(*server) && ok;
            }
        }
        refreshEndpoints();
        return ok;
    });
    if (found)
        Q_EMIT podStateChanged(podKey);
    return found && succeeded;
}

bool MockPodHost::stopPod(const QString &podKey)
{
    return changePod(podKey, [](MockPodServer &server) {
        server.stop();
        return true;
    });
}

bool MockPodHost::startPod(const QString &podKey)
{
    return changePod(podKey, [](MockPodServer &server) { return server.start(); });
}

bool MockPodHost::slowPod(const QString &podKey, int delayMs)
{
    return changePod(podKey, [delayMs](MockPodServer &server) {
        server.setDelayMs(delayMs);
        return true;
    });
}

} // namespace gw
