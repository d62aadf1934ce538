#include "sessionreportbuilder.h"

#include "lab/simulation.h"
#include "scenario/loadanalysis.h"

#include <QDateTime>
#include <QMap>

#include <limits>

namespace gw::ui {

ExchangeReport SessionReportBuilder::exchange(const FlowRecord &record, const QString &client)
{
    ExchangeReport e;
    e.client = client;
    e.method = record.method;
    e.url = QStringLiteral("http://%1:%2%3").arg(QString::fromLatin1(record.gatewayAddress)).arg(record.gatewayPort).arg(QString::fromLatin1(record.target));
    e.serverAddress = QString::fromLatin1(record.gatewayAddress);
    e.requestHeaders = record.requestHeaders;
    e.requestBody = record.requestBody;
    e.ok = record.status != 0;
    e.error = record.error;
    e.status = record.status;
    e.reason = record.reason;
    e.responseHeaders = record.responseHeaders;
    e.responseBody = record.responseBody;
    e.responseBodySize = record.responseBodySize;
    e.startedAtMs = record.startedAtMs;
    e.durationUs = record.durationUs;
    e.localPort = record.clientPort;
    e.requestOnConnection = record.requestOnConnection;
    e.newConnection = record.requestOnConnection == 1;
    e.takeGatewayDecisions(record);
    return e;
}

namespace {

QList<StepReport> configurationSteps(const Simulation &simulation)
{
    QList<StepReport> steps;
    const auto config = simulation.config();
    if (!config)
        return steps;
    const Cluster &cluster = simulation.cluster();
    const auto podsOf = [&cluster](const BackendService &service) {
        QStringList pods;
        for (const EndpointTarget &endpoint : service.endpoints) {
            const ClusterPod *pod = cluster.findPod(endpoint.podKey);
            pods << (pod ? pod->name + u" (" + endpoint.key + u", " + ClusterPod::stateName(pod->state) + u')' : endpoint.key);
        }
        return pods.isEmpty() ? QStringLiteral("no ready endpoint") : pods.join(QStringLiteral(", "));
    };
    for (const ListenSocketConfig &socket : config->sockets) {
        for (const ListenerConfig &listener : socket.listeners) {
            for (const AttachedRoute &route : listener.routes) {
                for (const auto &rule : route.rules) {
                    QStringList backends;
                    for (const RouteBackend &backend : rule->backends) {
                        if (!backend.service) {
                            backends << backend.displayName + u" (" + backend.invalidReason + u')';
                            continue;
                        }
                        QString text = backend.service->key;
                        if (rule->backends.size() > 1)
                            text += u" weight " + QString::number(backend.weight);
                        if (backend.service->sticky)
                            text += u" [sticky cookie " + QString::fromLatin1(backend.service->sticky->cookieName) + u", "
                                    + QString::number(backend.service->sticky->expires) + u" s]";
                        backends << text + u" → " + podsOf(*backend.service);
                    }
                    QStringList matches;
                    for (const CompiledMatch &match : rule->matches)
                        matches << match.match.path.type + u' ' + match.match.path.value;
                    StepReport step;
                    step.kind = QStringLiteral("configuration");
                    step.name = listener.displayName();
                    step.description = socket.url() + u" → HTTPRoute " + route.key + u" rule " + QString::number(rule->ruleIndex) + u" ("
                                       + (matches.isEmpty() ? QStringLiteral("every request") : matches.join(QStringLiteral(", "))) + u") → "
                                       + backends.join(QStringLiteral("; "));
                    steps.append(step);
                }
            }
        }
    }
    return steps;
}

} // namespace

RunReport SessionReportBuilder::build(const Simulation &simulation, const Input &input)
{
    RunReport report;
    report.name = QStringLiteral("Gateway Lab session");
    report.version = QStringLiteral(GATEWAYLAB_VERSION);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    report.startedAtMs = input.flows.isEmpty() ? now : input.flows.constFirst().startedAtMs;
    report.finishedAtMs = input.flows.isEmpty() ? now : qMax(now, input.flows.constLast().startedAtMs);

    ScenarioReport scenario;
    scenario.name = QStringLiteral("Desktop session");
    scenario.file = input.loadedPaths.join(QStringLiteral(", "));
    scenario.mode = ScenarioReport::Mode::Simulation;
    scenario.manifests = simulation.cluster().manifests().files;
    scenario.namespaceName = simulation.options().defaultNamespace;
    scenario.seed = simulation.options().seed;
    scenario.startedAtMs = report.startedAtMs;
    scenario.finishedAtMs = report.finishedAtMs;
    scenario.diagnostics = simulation.diagnostics();
    scenario.steps = configurationSteps(simulation);

    // Traffic, one step per client in order of first appearance.
    QStringList clientOrder;
    QHash<QString, qint32> indexOfClient;
    QHash<QString, QList<const FlowRecord *>> byClient;
    QList<qint32> clientIndex;   // by flow
    clientIndex.reserve(input.flows.size());
    for (const FlowRecord &record : input.flows) {
        QString client = input.clientName ? input.clientName(record) : QString();
        if (client.isEmpty())
            client = QString::fromLatin1(record.clientAddress) + u':' + QString::number(record.clientPort);
        auto known = indexOfClient.constFind(client);
        if (known == indexOfClient.cend()) {
            known = indexOfClient.insert(client, qint32(clientOrder.size()));
            clientOrder << client;
        }
        byClient[client].append(&record);
        clientIndex.append(*known);
    }
    for (const QString &client : clientOrder) {
        const QList<const FlowRecord *> &records = byClient[client];
        StepReport step;
        step.kind = QStringLiteral("traffic");
        step.name = client;
        QMap<int, int> statuses;
        qint64 totalUs = 0;
        for (const FlowRecord *record : records) {
            ++statuses[record->status];
            totalUs += record->durationUs;
        }
        QStringList counts;
        for (auto it = statuses.cbegin(); it != statuses.cend(); ++it)
            counts << (it.key() == 0 ? QStringLiteral("no response") : QString::number(it.key())) + u" ×" + QString::number(it.value());
        step.description = QString::number(records.size()) + (records.size() == 1 ? u" request: " : u" requests: ") + counts.join(QStringLiteral(", "));
        step.startedAtMs = records.constFirst()->startedAtMs;
        step.durationUs = totalUs;
        const qsizetype skip = input.maxExchangesPerClient < 0 ? 0 : qMax<qsizetype>(0, records.size() - input.maxExchangesPerClient);
        if (skip > 0)
            step.message = QStringLiteral("the %1 newest requests are listed; the HAR export has all %2").arg(records.size() - skip).arg(records.size());
        for (qsizetype i = skip; i < records.size(); ++i) {
            ExchangeReport e = exchange(*records.at(i), client);
            e.repeatIndex = int(i + 1);
            step.exchanges.append(e);
        }
        // A request that got no answer is what a session can fail on.
        if (statuses.contains(0)) {
            step.status = StepReport::Status::Error;
            step.message = QStringLiteral("%1 request(s) got no response").arg(statuses.value(0)) + (step.message.isEmpty() ? QString() : u"; " + step.message);
        }
        scenario.steps.append(step);
    }

    // The session as a whole, in the load section's terms: each flow is one request of the
    // client that sent it.
    LoadReport base;
    base.ran = !input.flows.isEmpty();
    base.clients = int(clientOrder.size());
    base.requestsPerClient = clientOrder.isEmpty() ? 0 : int(input.flows.size() / clientOrder.size());
    base.concurrency = 1;
    base.total = input.flows.size();
    QStringList urls;
    QList<LoadRunner::Sample> samples;
    samples.reserve(input.flows.size());
    qint64 endMs = 0;
    for (qsizetype i = 0; i < input.flows.size(); ++i) {
        const FlowRecord &record = input.flows.at(i);
        const QString url = QStringLiteral("http://%1:%2/").arg(QString::fromLatin1(record.gatewayAddress)).arg(record.gatewayPort);
        if (!urls.contains(url))
            urls << url;
        LoadRunner::Sample sample;
        sample.startedAtMs = record.startedAtMs;
        sample.durationUs = qint32(qMin<qint64>(record.durationUs, std::numeric_limits<qint32>::max()));
        sample.status = qint16(record.status);
        sample.localPort = record.clientPort;
        sample.clientIndex = clientIndex.at(i);
        sample.requestOnConnection = record.requestOnConnection;
        sample.sentCookie = !record.cookieReceived.isNull();
        sample.receivedSetCookie = !record.cookieIssued.isNull();
        samples.append(sample);
        endMs = qMax(endMs, record.startedAtMs + record.durationUs / 1000);
    }
    base.url = urls.join(QStringLiteral(", "));
    const qint64 elapsedMs = input.flows.isEmpty() ? 0 : qMax<qint64>(1, endMs - input.flows.constFirst().startedAtMs);
    scenario.load = LoadAnalysis::fromSimulation(base, samples, input.flows, elapsedMs);
    report.scenarios.append(scenario);
    return report;
}

} // namespace gw::ui
