#pragma once

#include "clientrequest.h"
#include "simulatedclient.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QThread>
#include <functional>
#include <memory>
#include <vector>

namespace gw {

class LabClock;

// N clients × M requests with at most `concurrency` in flight, on its own threads, never on the
// caller's: the GUI stays responsive and the CLI can wait on `finished`. Each client is a
// SimulatedClient (own jar, own connection), so a load run and a hand-fired request look the same
// in the gateway's flow log. Progress is read from atomics: no signal per request.
class LoadRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadRunner)

public:
    struct Plan
    {
        ClientRequest request;
        int clients = 10;
        int requestsPerClient = 10;
        int concurrency = 10;                  // clients with a request in flight at once
        SimulatedClient::ConnectionPolicy connectionPolicy = SimulatedClient::ConnectionPolicy::KeepAlive;
        bool useCookieJars = true;
        QString clientNamePrefix = QStringLiteral("load-");
        // Event-loop threads the clients are spread over. Two by default: one thread is CPU-bound
        // long before a loopback gateway is, and the load generator must never be what is measured.
        int threads = 2;
        bool keepCookieJars = true;            // copy each client's jar at its end, for cookieJars()
        // Pod evidence for a gateway whose flow log is out of reach (--target): a response header
        // naming the pod, and/or the "pod" field of an echo JSON body. Empty/false: not looked for.
        QByteArray podHeader;
        bool podFromEchoBody = false;
        // Told of each connection a client opens, as soon as its first answer is in (local port and
        // when that request started, lab clock): the app names a flow's client while the run goes
        // on. Runs on the run's threads, so it must be thread-safe.
        std::function<void(int clientIndex, quint16 localPort, qint64 startedAtMs)> connectionOpened;
    };
    // One finished request; small and flat so a run of a million fits in memory.
    struct Sample
    {
        qint64 startedAtMs = 0;
        qint32 durationUs = 0;
        qint16 status = 0;                     // 0: no response (see error count)
        qint16 podIndex = -1;                  // into podNames(); -1: no evidence looked for or found
        quint16 localPort = 0;
        qint32 clientIndex = 0;
        qint32 requestOnConnection = 0;
        bool sentCookie = false;               // the request carried a Cookie header (jar or plan)
        bool receivedSetCookie = false;        // the response set one
    };
    struct Progress
    {
        qint64 total = 0;
        qint64 completed = 0;                  // answered or failed
        qint64 failed = 0;                     // no response
        qint64 elapsedMs = 0;
        bool running = false;
        bool cancelled = false;
    };

    explicit LoadRunner(const LabClock &clock, QObject *parent = nullptr);
    ~LoadRunner() override;                    // cancels and waits for the run's threads

    // Starts a run and returns at once. Only one run at a time: false while one is running or when
    // the plan asks for nothing (no clients, no requests, no concurrency).
    bool start(const Plan &plan);
    void cancel();
    bool isRunning() const;
    Progress progress() const;
    // The run's samples, ordered by completion; complete once `finished` was emitted.
    QList<Sample> samples() const { return m_samples; }
    // Cookie jars of the run's clients after the run (for session maps), by client index.
    QList<CookieJar> cookieJars() const { return m_jars; }
    // Pods named by the evidence, indexed by Sample::podIndex.
    QStringList podNames() const { return m_podNames; }
    // The first few failures' messages (how a run failed, without keeping every message).
    QStringList errorExamples() const { return m_errorExamples; }

Q_SIGNALS:
    void finished();

private:
    class Run;
    class Worker;
    void collect();

    const LabClock &m_clock;
    std::vector<std::unique_ptr<QThread>> m_threads;
    std::vector<Worker *> m_workers;           // each lives on its thread until the thread is joined
    std::shared_ptr<Run> m_run;
    QList<Sample> m_samples;
    QList<CookieJar> m_jars;
    QStringList m_podNames;
    QStringList m_errorExamples;
};

} // namespace gw
