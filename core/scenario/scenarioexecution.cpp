#include "scenarioexecution.h"

#include "assertionevaluator.h"
#include "client/loadrunner.h"
#include "client/podevidence.h"
#include "client/simulatedclient.h"
#include "common/labclock.h"
#include "lab/simulation.h"
#include "loadanalysis.h"
#include "thresholdevaluator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>
#include <QUrl>

namespace gw {

namespace {

constexpr int FlowRecordWaitMs = 3'000;

QString relativeNames(const QStringList &files, const QString &baseDir)
{
    const QDir base(baseDir);
    QStringList names;
    for (const QString &file : files)
        names.append(base.relativeFilePath(file));
    return names.join(u", ");
}

} // namespace

ScenarioExecution::ScenarioExecution(const Scenario &scenario, Options options, Hooks hooks)
    : m_scenario(scenario)
    , m_options(std::move(options))
    , m_hooks(std::move(hooks))
    , m_targetClock(std::make_unique<LabClock>())
{
}

ScenarioExecution::~ScenarioExecution()
{
    qDeleteAll(m_clients);
    m_clients.clear();
    if (m_simulation)
        m_simulation->stop();
}

bool ScenarioExecution::waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer elapsed;
    elapsed.start();
    while (!done()) {
        if (elapsed.elapsed() >= timeoutMs)
            return false;
        // Lets this thread's sockets and timers run while the other threads catch up.
        QEventLoop loop;
        QTimer::singleShot(2, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

bool ScenarioExecution::setUpSimulation(Outcome &outcome)
{
    Simulation::Options options;
    options.defaultNamespace = m_scenario.namespaceName;
    options.seed = m_scenario.seed;
    options.portOffset = m_options.portOffset;
    m_simulation = std::make_unique<Simulation>(options);
    const Diagnostics diagnostics = m_simulation->load(m_scenario.manifests);
    outcome.diagnostics.append(diagnostics);
    if (hasErrors(diagnostics))
        return false;
    const QStringList bindErrors = m_simulation->start();
    if (!bindErrors.isEmpty()) {
        outcome.runtimeError = bindErrors.join(u"; ");
        return false;
    }
    // Every request step must reach a listener: a typo in a gateway name is invalid input, found
    // before anything runs.
    QString gateway = m_gateway;
    QString listener = m_listener;
    for (const ScenarioStep &step : m_scenario.steps) {
        if (step.isAction())
            continue;
        // apply steps may add gateways later; only a name that no loaded manifest knows is checked.
        const Destination destination = resolve(step.request);
        const bool laterGateway = std::any_of(m_scenario.steps.cbegin(), m_scenario.steps.cend(), [](const ScenarioStep &s) {
            return s.action && s.action->kind == ScenarioAction::Kind::Apply;
        });
        if (!destination.error.isEmpty() && !laterGateway)
            outcome.diagnostics.append(Diagnostic::error(step.request.location, QStringLiteral("request"), destination.error));
    }
    m_gateway = gateway;
    m_listener = listener;
    return !hasErrors(outcome.diagnostics);
}

QString ScenarioExecution::podKey(const QString &pod) const
{
    return pod.contains(u'/') ? pod : m_scenario.namespaceName + u'/' + pod;
}

ScenarioExecution::Destination ScenarioExecution::resolve(const ScenarioRequest &request)
{
    Destination destination;
    if (!isSimulation()) {
        const QUrl url(m_options.targetUrl);
        destination.host = url.host().toLatin1();
        destination.port = quint16(url.port(80));
        destination.gatewayKey = request.gateway.isEmpty() ? m_gateway : request.gateway;
        destination.listener = request.listener.isEmpty() ? m_listener : request.listener;
        if (!request.gateway.isEmpty())
            m_gateway = request.gateway;
        if (!request.listener.isEmpty())
            m_listener = request.listener;
        return destination;
    }
    QString gateway = request.gateway.isEmpty() ? m_gateway : request.gateway;
    if (!gateway.isEmpty() && !gateway.contains(u'/'))
        gateway = m_scenario.namespaceName + u'/' + gateway;
    const QString listener = request.listener.isEmpty() && request.gateway.isEmpty() ? m_listener : request.listener;
    const QList<Simulation::ListenerAddress> listeners = m_simulation->listeners();
    QList<Simulation::ListenerAddress> candidates;
    QStringList known;
    for (const Simulation::ListenerAddress &address : listeners) {
        known.append(address.gatewayKey + u" listener " + address.listenerName);
        if ((gateway.isEmpty() || address.gatewayKey == gateway) && (listener.isEmpty() || address.listenerName == listener))
            candidates.append(address);
    }
    if (candidates.size() != 1) {
        const QString wanted = (gateway.isEmpty() ? QStringLiteral("any gateway") : u"gateway " + gateway)
                               + (listener.isEmpty() ? QString() : u" listener " + listener);
        destination.error = candidates.isEmpty()
            ? QString(u"no served listener matches " + wanted + u"; served: " + (known.isEmpty() ? QStringLiteral("none") : known.join(u", ")))
            : QString(u"several listeners match " + wanted + u"; name the gateway and the listener");
        return destination;
    }
    const Simulation::ListenerAddress &chosen = candidates.first();
    destination.host = chosen.address;
    destination.port = chosen.port;
    destination.gatewayKey = chosen.gatewayKey;
    destination.listener = chosen.listenerName;
    m_gateway = chosen.gatewayKey;
    m_listener = chosen.listenerName;
    return destination;
}

ClientRequest ScenarioExecution::clientRequest(const ScenarioRequest &request, const Destination &destination) const
{
    ClientRequest client;
    client.connectHost = destination.host;
    client.connectPort = destination.port;
    client.method = request.method.isEmpty() ? QByteArrayLiteral("GET") : request.method;
    client.target = request.path.isEmpty() ? QByteArrayLiteral("/") : request.path;
    client.hostHeader = request.host.isEmpty() ? m_targetHostHeader.toLatin1() : request.host;
    client.headers = request.headers;
    client.body = request.body;
    client.timeoutMs = request.timeoutMs;
    return client;
}

SimulatedClient &ScenarioExecution::client(const QString &name)
{
    SimulatedClient *&client = m_clients[name];
    if (!client)
        client = new SimulatedClient(name, isSimulation() ? m_simulation->clock() : *m_targetClock);
    return *client;
}

ClientResult ScenarioExecution::exchange(SimulatedClient &client, const ClientRequest &request)
{
    ClientResult result;
    QEventLoop loop;
    bool done = false;
    client.send(request, [&result, &loop, &done](ClientResult &&answer) {
        result = std::move(answer);
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    return result;
}

ExchangeReport ScenarioExecution::exchangeReport(const ClientResult &result, const Destination &destination, int repeatIndex) const
{
    ExchangeReport report;
    report.client = result.clientName;
    report.repeatIndex = repeatIndex;
    report.method = result.request.method;
    report.serverAddress = QString::fromLatin1(destination.host);
    report.url = u"http://" + QString::fromLatin1(destination.host) + u':' + QString::number(destination.port) + QString::fromLatin1(result.request.target);
    report.requestHeaders = result.request.headers;
    report.requestBody = result.request.body;
    report.ok = result.ok;
    report.error = result.error;
    if (result.ok) {
        report.status = result.response.status;
        report.reason = result.response.reason;
        report.responseHeaders = result.response.headers;
        report.responseBody = result.response.body.left(ExchangeReport::BodyLimit);
        report.responseBodySize = result.response.body.size();
    }
    report.startedAtMs = result.startedAtMs;
    report.durationUs = result.durationUs;
    report.localPort = result.localPort;
    report.requestOnConnection = result.requestOnConnection;
    report.newConnection = result.newConnection;
    report.gatewayKey = destination.gatewayKey;
    report.listener = destination.listener;
    if (!isSimulation() && result.ok) {
        PodEvidence::Source source;
        source.header = m_scenario.podHeader;
        source.echoBody = true;
        report.pod = PodEvidence::fromResponse(result.response, source);
        if (!report.pod.isEmpty())
            report.podSource = !source.header.isEmpty() && result.response.headers.contains(source.header)
                ? QString(u"header " + QString::fromLatin1(source.header))
                : QStringLiteral("echo body");
    }
    return report;
}

void ScenarioExecution::attachFlowRecords(QList<ExchangeReport> &exchanges, quint64 afterId)
{
    // The gateway logs an exchange just after writing its answer, so the client can be a moment
    // ahead of the log: wait (briefly) until every answered request has its record.
    QHash<QPair<quint16, int>, FlowRecord> byConnection;
    const auto collect = [&]() {
        const QList<FlowRecord> records = m_simulation->flowLog().recordsAfter(afterId);
        for (const FlowRecord &record : records)
            byConnection.insert({record.clientPort, record.requestOnConnection}, record);
        return std::all_of(exchanges.cbegin(), exchanges.cend(), [&byConnection](const ExchangeReport &e) {
            return !e.ok || byConnection.contains({e.localPort, e.requestOnConnection});
        });
    };
    waitFor(collect, FlowRecordWaitMs);
    for (ExchangeReport &exchange : exchanges) {
        const auto found = byConnection.constFind({exchange.localPort, exchange.requestOnConnection});
        if (found == byConnection.cend())
            continue;
        exchange.takeGatewayDecisions(*found);
    }
}

StepReport ScenarioExecution::runRequestStep(const ScenarioStep &step)
{
    StepReport report;
    report.kind = QStringLiteral("request");
    const Destination destination = resolve(step.request);
    const ClientRequest request = clientRequest(step.request, destination);
    report.description = QString::fromLatin1(request.method) + u' ' + QString::fromLatin1(request.target)
                         + (step.repeat > 1 ? QString(u" ×" + QString::number(step.repeat)) : QString());
    if (!destination.error.isEmpty()) {
        report.status = StepReport::Status::Error;
        report.message = destination.error;
        return report;
    }
    SimulatedClient &sender = client(step.client);
    sender.setConnectionPolicy(step.newConnection ? SimulatedClient::ConnectionPolicy::NewConnectionPerRequest
                                                  : SimulatedClient::ConnectionPolicy::KeepAlive);
    const quint64 before = isSimulation() ? m_simulation->flowLog().lastId() : 0;
    for (int i = 0; i < step.repeat && !cancelled(); ++i)
        report.exchanges.append(exchangeReport(exchange(sender, request), destination, i + 1));
    if (isSimulation())
        attachFlowRecords(report.exchanges, before);

    AssertionEvaluator::Context context;
    context.simulation = isSimulation();
    context.podByStep = m_podByStep;
    for (int i = 0; i < report.exchanges.size(); ++i)
        report.assertions.append(AssertionEvaluator::evaluate(step.expect, report.exchanges[i], i, context));
    AssertionEvaluator::conclude(report);
    if (!report.exchanges.isEmpty())
        m_podByStep.insert(step.name, report.exchanges.last().pod);
    if (cancelled() && report.exchanges.size() < step.repeat) {
        report.status = StepReport::Status::Skipped;
        report.message = QStringLiteral("cancelled");
    }
    return report;
}

StepReport ScenarioExecution::runActionStep(const ScenarioStep &step, Outcome &outcome)
{
    const ScenarioAction &action = *step.action;
    StepReport report;
    report.kind = ScenarioAction::keyword(action.kind);
    switch (action.kind) {
    case ScenarioAction::Kind::Apply:
    case ScenarioAction::Kind::Delete:
        report.description = report.kind + u' ' + relativeNames(action.files, m_scenario.baseDir);
        break;
    case ScenarioAction::Kind::SlowPod:
        report.description = report.kind + u' ' + action.pod + u" by " + QString::number(action.delayMs) + u"ms";
        break;
    case ScenarioAction::Kind::AdvanceClock:
        report.description = report.kind + u" by " + QString::number(action.clockMs / 1000.0, 'f', 3) + u"s";
        break;
    default:
        report.description = report.kind + u' ' + action.pod + (action.newIp ? QStringLiteral(" (new IP)") : QString());
        break;
    }
    if (!isSimulation()) {
        report.status = StepReport::Status::Skipped;
        report.message = u"needs the simulator: " + report.kind + u" cannot be done to a real gateway from here; do it on the cluster "
                         u"(kubectl) and run the remaining steps";
        return report;
    }
    const auto fail = [&report](const QString &message) {
        report.status = StepReport::Status::Error;
        report.message = message;
    };
    const QString pod = action.pod.isEmpty() ? QString() : podKey(action.pod);
    switch (action.kind) {
    case ScenarioAction::Kind::Apply:
    case ScenarioAction::Kind::Delete: {
        const Diagnostics diagnostics = action.kind == ScenarioAction::Kind::Apply ? m_simulation->apply(action.files) : m_simulation->remove(action.files);
        if (hasErrors(diagnostics)) {
            QStringList errors;
            for (const Diagnostic &diagnostic : diagnostics) {
                if (diagnostic.isError()) {
                    errors.append(diagnostic.toString());
                    outcome.diagnostics.append(diagnostic);
                }
            }
            fail(errors.join(u'\n'));
        }
        break;
    }
    case ScenarioAction::Kind::StopPod:
        if (!m_simulation->stopPod(pod))
            fail(u"no pod " + pod + u" to stop");
        break;
    case ScenarioAction::Kind::CrashPod:
        if (!m_simulation->crashPod(pod))
            fail(u"no pod " + pod + u" to crash");
        break;
    case ScenarioAction::Kind::StartPod:
        if (!m_simulation->startPod(pod, action.newIp))
            fail(u"no pod " + pod + u" to start");
        break;
    case ScenarioAction::Kind::RestartPod:
        if (!m_simulation->stopPod(pod) || !m_simulation->startPod(pod, action.newIp))
            fail(u"no pod " + pod + u" to restart");
        break;
    case ScenarioAction::Kind::SlowPod:
        if (!m_simulation->slowPod(pod, action.delayMs))
            fail(u"no pod " + pod + u" to slow down");
        break;
    case ScenarioAction::Kind::AdvanceClock:
        m_simulation->clock().advance(action.clockMs);
        break;
    }
    return report;
}

void ScenarioExecution::runLoad(Outcome &outcome)
{
    const ScenarioLoad &load = m_scenario.load;
    LoadReport &report = outcome.load;
    report.clients = load.clients;
    report.requestsPerClient = load.requestsPerClient;
    report.concurrency = load.concurrency;
    report.newConnection = load.newConnection;
    report.total = qint64(load.clients) * load.requestsPerClient;
    const Destination destination = resolve(load.request);
    if (!destination.error.isEmpty()) {
        outcome.runtimeError = u"load: " + destination.error;
        outcome.thresholds = ThresholdEvaluator::evaluate(load.thresholds, report);
        return;
    }
    LoadRunner::Plan plan;
    plan.request = clientRequest(load.request, destination);
    report.url = u"http://" + QString::fromLatin1(destination.host) + u':' + QString::number(destination.port) + QString::fromLatin1(plan.request.target);
    plan.clients = load.clients;
    plan.requestsPerClient = load.requestsPerClient;
    plan.concurrency = load.concurrency;
    plan.connectionPolicy = load.newConnection ? SimulatedClient::ConnectionPolicy::NewConnectionPerRequest : SimulatedClient::ConnectionPolicy::KeepAlive;
    plan.keepCookieJars = false;
    if (!isSimulation()) {
        plan.podHeader = m_scenario.podHeader;
        plan.podFromEchoBody = true;
    }
    const LabClock &clock = isSimulation() ? m_simulation->clock() : *m_targetClock;
    LoadRunner runner(clock);
    const quint64 before = isSimulation() ? m_simulation->flowLog().lastId() : 0;
    QEventLoop loop;
    QObject::connect(&runner, &LoadRunner::finished, &loop, &QEventLoop::quit);
    QTimer progress;
    QObject::connect(&progress, &QTimer::timeout, &loop, [this, &runner] {
        if (cancelled())
            runner.cancel();
        const LoadRunner::Progress now = runner.progress();
        if (m_hooks.loadProgress)
            m_hooks.loadProgress(now.completed, now.total, now.failed);
    });
    if (m_hooks.loadStarted)
        m_hooks.loadStarted(report.total);
    if (!runner.start(plan)) {
        outcome.runtimeError = QStringLiteral("load: the load runner could not start");
        return;
    }
    progress.start(100);
    loop.exec();
    progress.stop();
    const LoadRunner::Progress done = runner.progress();
    if (m_hooks.loadProgress)
        m_hooks.loadProgress(done.completed, done.total, done.failed);

    const QList<LoadRunner::Sample> samples = runner.samples();
    if (isSimulation()) {
        const qint64 answered = done.completed - done.failed;
        QList<FlowRecord> records;
        waitFor([&] {
            records = m_simulation->flowLog().recordsAfter(before, std::max<qint64>(answered * 2, 10'000));
            return qint64(records.size()) >= answered;
        }, FlowRecordWaitMs);
        report = LoadAnalysis::fromSimulation(report, samples, records, done.elapsedMs);
    } else {
        report = LoadAnalysis::fromTarget(report, samples, runner.podNames(), done.elapsedMs,
                                          m_scenario.podHeader.isEmpty() ? QStringLiteral("echo body")
                                                                         : QString(u"header " + QString::fromLatin1(m_scenario.podHeader) + u" or echo body"));
    }
    report.ran = true;
    report.cancelled = done.cancelled;
    report.errorExamples = runner.errorExamples();
    outcome.thresholds = ThresholdEvaluator::evaluate(load.thresholds, report);
}

ScenarioExecution::Outcome ScenarioExecution::run()
{
    Outcome outcome;
    if (isSimulation()) {
        if (!setUpSimulation(outcome))
            return outcome;
    } else {
        const QUrl url(m_options.targetUrl);
        if (!url.isValid() || url.scheme() != u"http" || url.host().isEmpty()) {
            outcome.runtimeError = u"not an http:// URL: " + m_options.targetUrl;
            return outcome;
        }
        // The Host header a browser would send for this URL.
        m_targetHostHeader = url.port() > 0 && url.port() != 80 ? url.host() + u':' + QString::number(url.port()) : url.host();
    }
    for (int i = 0; i < m_scenario.steps.size(); ++i) {
        const ScenarioStep &step = m_scenario.steps[i];
        if (m_hooks.stepStarted)
            m_hooks.stepStarted(i, step.name);
        QElapsedTimer elapsed;
        elapsed.start();
        const qint64 startedAtMs = isSimulation() ? m_simulation->clock().nowMs() : m_targetClock->nowMs();
        StepReport report;
        if (cancelled()) {
            report.kind = step.isAction() ? ScenarioAction::keyword(step.action->kind) : QStringLiteral("request");
            report.status = StepReport::Status::Skipped;
            report.message = QStringLiteral("cancelled");
        } else {
            report = step.isAction() ? runActionStep(step, outcome) : runRequestStep(step);
        }
        report.name = step.name;
        report.file = step.location.file;
        report.line = step.location.line;
        report.startedAtMs = startedAtMs;
        report.durationUs = elapsed.nsecsElapsed() / 1000;
        outcome.steps.append(report);
        if (m_hooks.stepFinished)
            m_hooks.stepFinished(i, report);
    }
    if (m_scenario.load.present && !cancelled())
        runLoad(outcome);
    else if (m_scenario.load.present)
        outcome.thresholds = ThresholdEvaluator::evaluate(m_scenario.load.thresholds, outcome.load);
    qDeleteAll(m_clients);
    m_clients.clear();
    if (m_simulation)
        m_simulation->stop();
    return outcome;
}

} // namespace gw
