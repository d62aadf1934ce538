#include "loadrunner.h"

#include "common/labclock.h"
#include "common/labthreads.h"
#include "podevidence.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>

#include <algorithm>
#include <atomic>

namespace gw {

namespace {
constexpr int MaxErrorExamples = 5;
}

// What the workers share. Counters are atomics (progress is polled from the GUI thread); each
// worker owns its sample list and pod table, and each client index is written by one worker only.
class LoadRunner::Run
{
public:
    Plan plan;
    qint64 total = 0;
    std::atomic<int> nextClient{0};
    std::atomic<qint64> completed{0};
    std::atomic<qint64> failed{0};
    std::atomic<bool> cancelled{false};
    std::atomic<bool> running{true};
    std::atomic<int> activeWorkers{0};
    std::atomic<qint64> finishedElapsedMs{-1};
    QElapsedTimer elapsed;
    QList<CookieJar> jars;                       // by client index
    std::vector<QList<Sample>> samples;          // by worker, handed over when the worker ends
    std::vector<QStringList> podNames;           // by worker
    QMutex errorMutex;
    QStringList errorExamples;
    QPointer<LoadRunner> owner;

    void noteError(const QString &error)
    {
        const QMutexLocker locker(&errorMutex);
        if (errorExamples.size() < MaxErrorExamples && !errorExamples.contains(error))
            errorExamples.append(error);
    }
};

// One event-loop thread's share of the clients: `slotCount` clients in flight at once, each taking
// the next client index from the shared counter when the previous client of its slot is done.
class LoadRunner::Worker final : public QObject
{
public:
    Worker(std::shared_ptr<Run> run, const LabClock &clock, int index, int slotCount)
        : m_run(std::move(run))
        , m_clock(clock)
        , m_index(index)
        , m_slotCount(slotCount)
    {
        const qint64 share = m_run->total / std::max(1, m_run->plan.threads) + 16;
        m_samples.reserve(share);
        m_evidence.header = m_run->plan.podHeader;
        m_evidence.echoBody = m_run->plan.podFromEchoBody;
    }

    void begin()
    {
        m_activeSlots = m_slotCount;
        for (int i = 0; i < m_slotCount; ++i)
            launchClient();
    }

    void cancelNow()
    {
        // Deleting a client closes its connection; its callback never runs.
        const QList<SimulatedClient *> clients = findChildren<SimulatedClient *>(Qt::FindDirectChildrenOnly);
        for (SimulatedClient *client : clients)
            delete client;
        if (m_activeSlots > 0) {
            m_activeSlots = 0;
            finishWorker();
        }
    }

private:
    void launchClient()
    {
        const Plan &plan = m_run->plan;
        const int index = m_run->cancelled.load(std::memory_order_relaxed) ? plan.clients : m_run->nextClient.fetch_add(1);
        if (index >= plan.clients) {
            if (--m_activeSlots == 0)
                finishWorker();
            return;
        }
        auto *client = new SimulatedClient(plan.clientNamePrefix + QString::number(index + 1), m_clock, this);
        client->setConnectionPolicy(plan.connectionPolicy);
        client->setUsesCookieJar(plan.useCookieJars);
        sendNext(client, index, plan.requestsPerClient);
    }

    void sendNext(SimulatedClient *client, int index, int remaining)
    {
        client->send(m_run->plan.request, [this, client, index, remaining](ClientResult &&result) {
            record(result, index);
            if (remaining > 1 && !m_run->cancelled.load(std::memory_order_relaxed)) {
                sendNext(client, index, remaining - 1);
                return;
            }
            if (m_run->plan.keepCookieJars && m_run->plan.useCookieJars)
                m_run->jars[index] = client->cookieJar();
            client->deleteLater();
            launchClient();
        });
    }

    void record(const ClientResult &result, int index)
    {
        Sample sample;
        sample.startedAtMs = result.startedAtMs;
        sample.durationUs = qint32(std::min<qint64>(result.durationUs, std::numeric_limits<qint32>::max()));
        sample.status = result.ok ? qint16(result.response.status) : qint16(0);
        sample.localPort = result.localPort;
        sample.clientIndex = index;
        sample.requestOnConnection = result.requestOnConnection;
        sample.sentCookie = result.request.headers.contains("cookie");
        if (result.ok) {
            sample.receivedSetCookie = result.response.headers.contains("set-cookie");
            if (!m_evidence.isEmpty())
                sample.podIndex = podIndex(PodEvidence::fromResponse(result.response, m_evidence));
        } else {
            m_run->failed.fetch_add(1, std::memory_order_relaxed);
            m_run->noteError(result.error);
        }
        m_samples.append(sample);
        if (result.requestOnConnection == 1 && result.localPort != 0 && m_run->plan.connectionOpened)
            m_run->plan.connectionOpened(index, result.localPort, result.startedAtMs);
        m_run->completed.fetch_add(1, std::memory_order_relaxed);
    }

    qint16 podIndex(const QString &pod)
    {
        if (pod.isEmpty())
            return -1;
        const auto found = m_podIndex.constFind(pod);
        if (found != m_podIndex.cend())
            return *found;
        if (m_podNames.size() >= std::numeric_limits<qint16>::max())
            return -1;
        const auto index = qint16(m_podNames.size());
        m_podNames.append(pod);
        m_podIndex.insert(pod, index);
        return index;
    }

    void finishWorker()
    {
        m_run->samples[size_t(m_index)] = std::move(m_samples);
        m_run->podNames[size_t(m_index)] = std::move(m_podNames);
        if (m_run->activeWorkers.fetch_sub(1) == 1) {
            m_run->finishedElapsedMs.store(m_run->elapsed.elapsed());
            m_run->running.store(false);
            if (LoadRunner *owner = m_run->owner.data())
                QMetaObject::invokeMethod(owner, [owner] { owner->collect(); }, Qt::QueuedConnection);
        }
    }

    std::shared_ptr<Run> m_run;
    const LabClock &m_clock;
    const int m_index;
    const int m_slotCount;
    int m_activeSlots = 0;
    QList<Sample> m_samples;
    QStringList m_podNames;
    PodEvidence::Source m_evidence;
    QHash<QString, qint16> m_podIndex;
};

LoadRunner::LoadRunner(const LabClock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
}

LoadRunner::~LoadRunner()
{
    cancel();
    for (auto &thread : m_threads) {
        thread->quit();
        thread->wait();
    }
}

bool LoadRunner::isRunning() const
{
    return m_run && m_run->running.load();
}

bool LoadRunner::start(const Plan &plan)
{
    if (isRunning() || plan.clients <= 0 || plan.requestsPerClient <= 0 || plan.concurrency <= 0)
        return false;
    for (auto &thread : m_threads) {
        thread->quit();
        thread->wait();
    }
    m_threads.clear();
    m_workers.clear();
    m_samples.clear();
    m_jars.clear();
    m_podNames.clear();
    m_errorExamples.clear();

    auto run = std::make_shared<Run>();
    run->plan = plan;
    const int concurrency = std::min(plan.concurrency, plan.clients);
    run->plan.threads = std::clamp(plan.threads, 1, concurrency);
    run->total = qint64(plan.clients) * plan.requestsPerClient;
    run->jars.resize(plan.keepCookieJars && plan.useCookieJars ? plan.clients : 0);
    run->owner = this;
    run->activeWorkers.store(run->plan.threads);
    run->samples.resize(size_t(run->plan.threads));
    run->podNames.resize(size_t(run->plan.threads));
    m_run = run;
    run->elapsed.start();
    for (int i = 0; i < run->plan.threads; ++i) {
        const int slots = concurrency / run->plan.threads + (i < concurrency % run->plan.threads ? 1 : 0);
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("load-runner-%1").arg(i + 1));
        auto *worker = new Worker(run, m_clock, i, slots);
        worker->moveToThread(thread.get());
        connect(thread.get(), &QThread::finished, worker, &QObject::deleteLater);
        LabThreads::start(*thread);
        QMetaObject::invokeMethod(worker, [worker] { worker->begin(); }, Qt::QueuedConnection);
        m_threads.push_back(std::move(thread));
        m_workers.push_back(worker);
    }
    return true;
}

void LoadRunner::cancel()
{
    if (!m_run || !m_run->running.load())
        return;
    m_run->cancelled.store(true);
    // Workers live until their thread is joined (in collect() or the destructor, both on this
    // thread), so the pointers are valid here.
    for (Worker *worker : m_workers)
        QMetaObject::invokeMethod(worker, [worker] { worker->cancelNow(); }, Qt::QueuedConnection);
}

LoadRunner::Progress LoadRunner::progress() const
{
    Progress progress;
    if (!m_run)
        return progress;
    progress.total = m_run->total;
    progress.completed = m_run->completed.load(std::memory_order_relaxed);
    progress.failed = m_run->failed.load(std::memory_order_relaxed);
    progress.running = m_run->running.load();
    const qint64 finishedAt = m_run->finishedElapsedMs.load();
    progress.elapsedMs = finishedAt >= 0 ? finishedAt : m_run->elapsed.elapsed();
    progress.cancelled = m_run->cancelled.load();
    return progress;
}

void LoadRunner::collect()
{
    // Every worker has finished and handed its results to the run: the threads are only joined.
    for (auto &thread : m_threads) {
        thread->quit();
        thread->wait();
    }
    m_threads.clear();
    m_workers.clear();
    const std::shared_ptr<Run> run = m_run;
    qsizetype count = 0;
    for (const QList<Sample> &part : run->samples)
        count += part.size();
    m_samples.reserve(count);
    for (size_t worker = 0; worker < run->samples.size(); ++worker) {
        // Each worker numbered its pods on its own; renumber into one table.
        QList<qint16> remap;
        for (const QString &pod : run->podNames[worker]) {
            qsizetype at = m_podNames.indexOf(pod);
            if (at < 0) {
                at = m_podNames.size();
                m_podNames.append(pod);
            }
            remap.append(qint16(at));
        }
        for (Sample sample : run->samples[worker]) {
            if (sample.podIndex >= 0)
                sample.podIndex = remap.value(sample.podIndex, -1);
            m_samples.append(sample);
        }
    }
    std::stable_sort(m_samples.begin(), m_samples.end(), [](const Sample &a, const Sample &b) {
        return a.startedAtMs * 1000 + a.durationUs < b.startedAtMs * 1000 + b.durationUs;
    });
    run->samples.clear();
    m_jars = std::move(run->jars);
    {
        const QMutexLocker locker(&run->errorMutex);
        m_errorExamples = run->errorExamples;
    }
    Q_EMIT finished();
}

} // namespace gw
