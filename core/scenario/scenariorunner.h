#pragma once

#include "report/runreport.h"
#include "scenario.h"

#include <QObject>
#include <QString>
#include <QThread>
#include <atomic>
#include <memory>

namespace gw {

// Runs a scenario on a thread of its own and reports as it goes, so the GUI thread never waits:
// start() returns at once, the signals arrive on the runner's own thread (queued), and report()
// holds the result once `finished` was emitted. The same object runs `gatewaylab test`.
class ScenarioRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScenarioRunner)

public:
    struct Options
    {
        QString targetUrl;           // --target: run against this gateway instead of the simulation
        QString compareUrl;          // --compare: run the simulation and this gateway, and diff them
        int portOffset = 0;          // added to the simulation's listener ports
    };

    explicit ScenarioRunner(QObject *parent = nullptr);
    ~ScenarioRunner() override;      // cancels and waits for the run's thread

    // False while a run is going on.
    bool start(const Scenario &scenario, const Options &options);
    void cancel();
    bool isRunning() const { return m_running; }
    ScenarioReport report() const { return m_report; }

Q_SIGNALS:
    void phaseStarted(const QString &phase);             // "simulation" or "target"
    void stepStarted(int index, const QString &name);
    void stepFinished(int index, const gw::StepReport &step);
    void loadStarted(qint64 total);
    void loadProgress(qint64 completed, qint64 total, qint64 failed);
    void finished();

private:
    void execute(const Scenario &scenario, const Options &options);

    std::unique_ptr<QThread> m_thread;
    std::shared_ptr<std::atomic<bool>> m_cancelled;
    ScenarioReport m_report;
    bool m_running = false;
};

} // namespace gw
