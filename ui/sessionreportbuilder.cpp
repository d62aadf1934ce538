#include "sessionreportbuilder.h"

#include "lab/simulation.h"
#include "scenario/loadanalysis.h"

#include <QDateTime>
#include <QMap>
#include <QSet>

namespace gw::ui {

QString SessionReportBuilder::stickyKeyword(FlowRecord::StickyDecision decision)
{
    switch (decision) {
    case FlowRecord::StickyDecision::None: return QStringLiteral("none");
    case FlowRecord::StickyDecision::Issued: return QStringLiteral("issued");
    case FlowRecord::StickyDecision::Honoured: return QStringLiteral("honoured");
    case FlowRecord::StickyDecision::Repinned: return QStringLiteral("repinned");
    }
    return {};
}

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
    e.pod = record.podKey;
    e.podSource = QStringLiteral("flow log");
    e.gatewayKey = record.gatewayKey;
    e.listener = record.listenerName;
    if (!record.routeKey.isEmpty())
        e.route = record.routeKey + u"#rule" + QString::number(record.ruleIndex);
    e.service = record.serviceKey;
    e.endpoint = record.endpointKey;
    e.stickyDecision = stickyKeyword(record.stickyDecision);
    e.cookieName = record.cookieName;
    e.cookieReceived = record.cookieReceived;
    e.cookieIssued = record.cookieIssued;
    e.decisionTrail = record.decisionTrail();
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
    QHash<QString, QList<const FlowRecord *>> byClient;
    for (const FlowRecord &record : input.flows) {
        QString client = input.clientName ? input.clientName(record) : QString();
        if (client.isEmpty())
            client = QString::fromLatin1(record.clientAddress) + u':' + QString::number(record.clientPort);
        if (!byClient.contains(client))
            clientOrder << client;
        byClient[client].append(&record);
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
        int repeat = 0;
        for (qsizetype i = 0; i < records.size(); ++i) {
            ++repeat;
            if (i < skip)
                continue;
            ExchangeReport e = exchange(*records.at(i), client);
            e.repeatIndex = repeat;
            step.exchanges.append(e);
        }
        // A request that got no answer is what a session can fail on.
        if (statuses.contains(0)) {
            step.status = StepReport::Status::Error;
            step.message = QStringLiteral("%1 request(s) got no response").arg(statuses.value(0)) + (step.message.isEmpty() ? QString() : u"; " + step.message);
        }
        scenario.steps.append(step);
    }

    // The session as a whole, in the load section's terms.
    LoadReport &load = scenario.load;
    load.ran = !input.flows.isEmpty();
    load.clients = int(clientOrder.size());
    load.requestsPerClient = clientOrder.isEmpty() ? 0 : int(input.flows.size() / clientOrder.size());
    load.concurrency = 1;
    QSet<QString> urls;
    QList<qint32> durations;
    durations.reserve(input.flows.size());
    QMap<QString, QList<qint32>> podDurations;
    QMap<QString, qint64> podErrors;
    for (const FlowRecord &record : input.flows) {
        urls.insert(QStringLiteral("http://%1:%2").arg(QString::fromLatin1(record.gatewayAddress)).arg(record.gatewayPort));
        const qint32 us = qint32(qMin<qint64>(record.durationUs, std::numeric_limits<qint32>::max()));
        durations.append(us);
        ++load.statuses[record.status];
        if (record.status == 0)
            ++load.failed;
        const QString pod = record.podKey.isEmpty() ? record.endpointKey : record.podKey;
        if (!pod.isEmpty()) {
            podDurations[pod].append(us);
            podErrors[pod] += record.status >= 500 ? 1 : 0;
        }
    }
    load.url = QStringList(urls.values()).join(QStringLiteral(", "));
    load.total = input.flows.size();
    load.completed = input.flows.size();
    load.durationMs = input.flows.isEmpty() ? 0 : qMax<qint64>(1, input.flows.constLast().startedAtMs - input.flows.constFirst().startedAtMs);
    load.requestsPerSecond = load.durationMs > 0 ? double(load.completed) * 1000.0 / double(load.durationMs) : 0;
    std::sort(durations.begin(), durations.end());
    if (!durations.isEmpty()) {
        LatencyReport &latency = load.latency;
        latency.count = durations.size();
        double sum = 0;
        for (const qint32 us : std::as_const(durations))
            sum += us;
        latency.minMs = durations.constFirst() / 1000.0;
        latency.maxMs = durations.constLast() / 1000.0;
        latency.avgMs = sum / double(durations.size()) / 1000.0;
        latency.p50Ms = LoadAnalysis::percentile(durations, 50) / 1000.0;
        latency.p90Ms = LoadAnalysis::percentile(durations, 90) / 1000.0;
        latency.p95Ms = LoadAnalysis::percentile(durations, 95) / 1000.0;
        latency.p99Ms = LoadAnalysis::percentile(durations, 99) / 1000.0;
    }
    for (auto it = podDurations.begin(); it != podDurations.end(); ++it) {
        std::sort(it->begin(), it->end());
        PodShareReport pod;
        pod.pod = it.key();
        pod.requests = it->size();
        pod.sharePercent = load.completed ? 100.0 * double(pod.requests) / double(load.completed) : 0;
        pod.errors = podErrors.value(it.key());
        pod.p95Ms = LoadAnalysis::percentile(*it, 95) / 1000.0;
        load.pods.append(pod);
    }
    load.podSource = QStringLiteral("flow log");
    load.sessions = input.sessions.mid(0, LoadReport::SessionLimit);
    load.sessionCount = input.sessions.size();
    load.stickyEligible = input.stickyHonoured + input.stickyRepinned;
    load.stickyKept = input.stickyHonoured;
    load.stickinessKnown = true;
    load.stickinessNote = QStringLiteral("requests that carried a sticky cookie and were pinned by it, of all that carried one");
    // Requests and p95 per second of the session.
    if (!input.flows.isEmpty()) {
        const qint64 start = input.flows.constFirst().startedAtMs;
        QMap<qint64, QList<qint32>> buckets;
        for (const FlowRecord &record : input.flows)
            buckets[(record.startedAtMs - start) / 1000].append(qint32(qMin<qint64>(record.durationUs, std::numeric_limits<qint32>::max())));
        for (auto it = buckets.begin(); it != buckets.end(); ++it) {
            std::sort(it->begin(), it->end());
            load.timeline.append(TimelinePoint{it.key() * 1000, it->size(), LoadAnalysis::percentile(*it, 95) / 1000.0});
        }
    }
    report.scenarios.append(scenario);
    return report;
}

} // namespace gw::ui
