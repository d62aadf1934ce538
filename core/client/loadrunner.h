#pragma once

#include "clientrequest.h"
#include "simulatedclient.h"

#include <QList>
#include <QObject>
#include <QThread>
#include <atomic>
#include <memory>

namespace gw {

class LabClock;

// N clients × M requests with at most `concurrency` in flight, on its own thread(s), never on the
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
    };
    // One finished request; small and flat so a run of a million fits in memory.
    struct Sample
    {
        qint64 startedAtMs = 0;
        qint32 durationUs = 0;
        qint16 status = 0;                     // 0: no response (see error count)
        quint16 localPort = 0;
        qint32 clientIndex = 0;
        qint32 requestOnConnection = 0;
        bool sentCookie = false;               // the request carried a cookie from the jar
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
    ~LoadRunner() override;                    // cancels and waits for the run's thread

    // Starts a run and returns at once. Only one run at a time.
    bool start(const Plan &plan);
    void cancel();
    Progress progress() const;
    // The run's samples, in completion order; complete once `finished` was emitted.
    QList<Sample> samples() const;
    // Cookie jars of the run's clients after the run (for session maps), by client index.
    QList<CookieJar> cookieJars() const;

Q_SIGNALS:
    void finished();

private:
    class Run;
    const LabClock &m_clock;
    std::unique_ptr<QThread> m_thread;
    std::shared_ptr<Run> m_run;
};

} // namespace gw
