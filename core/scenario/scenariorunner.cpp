#include "scenariorunner.h"

#include "common/labclock.h"
#include "common/labthreads.h"
#include "scenariocomparison.h"
#include "scenarioexecution.h"

namespace gw {

ScenarioRunner::ScenarioRunner(QObject *parent)
    : QObject(parent)
{
}

ScenarioRunner::~ScenarioRunner()
{
    cancel();
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
    }
}

void ScenarioRunner::cancel()
{
    if (m_cancelled)
        m_cancelled->store(true);
}

bool ScenarioRunner::start(const Scenario &scenario, const Options &options)
{
    if (m_running)
        return false;
    if (m_thread) {
        m_thread->quit();
        m_thread->wait();
    }
    m_running = true;
    m_report = ScenarioReport();
    m_cancelled = std::make_shared<std::atomic<bool>>(false);
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("scenario-runner"));
    auto *context = new QObject;
    context->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, context, &QObject::deleteLater);
    LabThreads::start(*m_thread);
    QMetaObject::invokeMethod(context, [this, scenario, options] { execute(scenario, options); }, Qt::QueuedConnection);
    return true;
}

// Runs on the runner's thread; everything it tells goes back to this object's thread queued.
void ScenarioRunner::execute(const Scenario &scenario, const Options &options)
{
    ScenarioReport report;
    report.name = scenario.name;
    report.file = scenario.file;
    report.manifests = scenario.manifests;
    report.namespaceName = scenario.namespaceName;
    report.seed = scenario.seed;
    report.mode = !options.compareUrl.isEmpty() ? ScenarioReport::Mode::Compare
                  : !options.targetUrl.isEmpty() ? ScenarioReport::Mode::Target
                                                 : ScenarioReport::Mode::Simulation;
    report.target = report.mode == ScenarioReport::Mode::Compare ? options.compareUrl : options.targetUrl;
    report.startedAtMs = LabClock().nowMs();

    ScenarioExecution::Hooks hooks;
    hooks.stepStarted = [this](int index, const QString &name) {
        QMetaObject::invokeMethod(this, [this, index, name] { Q_EMIT stepStarted(index, name); }, Qt::QueuedConnection);
    };
    hooks.stepFinished = [this](int index, const StepReport &step) {
        QMetaObject::invokeMethod(this, [this, index, step] { Q_EMIT stepFinished(index, step); }, Qt::QueuedConnection);
    };
    hooks.loadStarted = [this](qint64 total) {
        QMetaObject::invokeMethod(this, [this, total] { Q_EMIT loadStarted(total); }, Qt::QueuedConnection);
    };
    hooks.loadProgress = [this](qint64 completed, qint64 total, qint64 failed) {
        QMetaObject::invokeMethod(this, [this, completed, total, failed] { Q_EMIT loadProgress(completed, total, failed); }, Qt::QueuedConnection);
    };
    const auto phase = [this](const QString &name) {
        QMetaObject::invokeMethod(this, [this, name] { Q_EMIT phaseStarted(name); }, Qt::QueuedConnection);
    };

    ScenarioExecution::Options executionOptions;
    executionOptions.portOffset = options.portOffset;
    executionOptions.cancelled = m_cancelled.get();
    if (report.mode != ScenarioReport::Mode::Target) {
        phase(QStringLiteral("simulation"));
        ScenarioExecution::Outcome outcome = ScenarioExecution(scenario, executionOptions, hooks).run();
        report.steps = std::move(outcome.steps);
        report.load = std::move(outcome.load);
        report.thresholds = std::move(outcome.thresholds);
        report.diagnostics = std::move(outcome.diagnostics);
        report.runtimeError = std::move(outcome.runtimeError);
    }
    if (report.mode != ScenarioReport::Mode::Simulation && !report.inputInvalid()) {
        phase(QStringLiteral("target"));
        executionOptions.targetUrl = report.target;
        ScenarioExecution::Outcome outcome = ScenarioExecution(scenario, executionOptions, hooks).run();
        if (report.mode == ScenarioReport::Mode::Target) {
            report.steps = std::move(outcome.steps);
            report.load = std::move(outcome.load);
            report.thresholds = std::move(outcome.thresholds);
        } else {
            report.targetSteps = std::move(outcome.steps);
            report.targetLoad = std::move(outcome.load);
            report.targetThresholds = std::move(outcome.thresholds);
            ScenarioComparison::compare(report.steps, report.targetSteps);
        }
        report.diagnostics.append(outcome.diagnostics);
        if (!outcome.runtimeError.isEmpty())
            report.runtimeError = report.runtimeError.isEmpty() ? outcome.runtimeError : report.runtimeError + u"; " + outcome.runtimeError;
    }
    report.finishedAtMs = LabClock().nowMs();
    QMetaObject::invokeMethod(this, [this, report] {
        m_report = report;
        m_running = false;
        Q_EMIT finished();
    }, Qt::QueuedConnection);
}

} // namespace gw
