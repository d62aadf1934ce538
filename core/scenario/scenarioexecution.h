#pragma once

#include "report/runreport.h"
#include "scenario.h"

#include <QHash>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>

namespace gw {

class LabClock;
class Simulation;
class SimulatedClient;
struct ClientRequest;
struct ClientResult;

// Runs one scenario once, step after step, on the calling thread, which must be a thread of its
// own (ScenarioRunner gives it one): requests wait for their answers in local event loops, so the
// code reads in the order the steps run. Against the simulation it owns a Simulation for the run;
// against a target URL it only sends requests.
class ScenarioExecution
{
public:
    struct Hooks
    {
        std::function<void(int index, const QString &name)> stepStarted;
        std::function<void(int index, const StepReport &step)> stepFinished;
        std::function<void(qint64 total)> loadStarted;
        std::function<void(qint64 completed, qint64 total, qint64 failed)> loadProgress;
    };
    struct Options
    {
        QString targetUrl;                 // empty: run the simulation
        int portOffset = 0;                // added to every listener port of the simulation
        const std::atomic<bool> *cancelled = nullptr;
    };
    struct Outcome
    {
        QList<StepReport> steps;
        LoadReport load;
        QList<ThresholdReport> thresholds;
        Diagnostics diagnostics;
        QString runtimeError;
    };

    ScenarioExecution(const Scenario &scenario, Options options, Hooks hooks);
    ~ScenarioExecution();
    Q_DISABLE_COPY_MOVE(ScenarioExecution)

    Outcome run();

    // Where a request goes: a listener address in the simulation, the target URL otherwise.
    struct Destination
    {
        QByteArray host;
        quint16 port = 0;
        QString gatewayKey;
        QString listener;
        QString error;                     // cannot be resolved
    };

private:
    bool isSimulation() const { return m_options.targetUrl.isEmpty(); }
    bool cancelled() const { return m_options.cancelled && m_options.cancelled->load(); }
    bool setUpSimulation(Outcome &outcome);
    Destination resolve(const ScenarioRequest &request);
    ClientRequest clientRequest(const ScenarioRequest &request, const Destination &destination) const;
    ClientResult exchange(SimulatedClient &client, const ClientRequest &request);
    SimulatedClient &client(const QString &name);
    StepReport runRequestStep(const ScenarioStep &step);
    StepReport runActionStep(const ScenarioStep &step, Outcome &outcome);
    ExchangeReport exchangeReport(const ClientResult &result, const Destination &destination, int repeatIndex) const;
    void attachFlowRecords(QList<ExchangeReport> &exchanges, quint64 afterId);
    void runLoad(Outcome &outcome);
    QString podKey(const QString &pod) const;
    // Waits on the event loop (never a sleep) up to `timeoutMs` for `done` to hold.
    static bool waitFor(const std::function<bool()> &done, int timeoutMs);

    Scenario m_scenario;
    Options m_options;
    Hooks m_hooks;
    std::unique_ptr<LabClock> m_targetClock;
    std::unique_ptr<Simulation> m_simulation;
    QHash<QString, SimulatedClient *> m_clients;
    QHash<QString, QString> m_podByStep;
    QString m_gateway;                     // inherited by requests that name none
    QString m_listener;
    QString m_targetHostHeader;
};

} // namespace gw
