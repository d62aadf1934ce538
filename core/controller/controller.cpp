#include "controller.h"

#include "routing/hostnames.h"
#include "sticky/stickycookie.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <random>

namespace gw {

namespace {

const QString GatewayApiGroup = QStringLiteral("gateway.networking.k8s.io");

quint64 fnv1a(QByteArrayView text)
{
    quint64 h = 0xcbf29ce484222325ULL;
    for (char c : text) {
        h ^= quint8(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

bool isCoreGroup(const QString &group)
{
    return group.isEmpty() || group == u"core";
}

// Creation order as the API server would report it: an explicit creationTimestamp wins, then the
// order of `kubectl apply`.
bool olderThan(const ObjectMeta &a, const ObjectMeta &b)
{
    if (a.creationTimestamp.isValid() && b.creationTimestamp.isValid() && a.creationTimestamp != b.creationTimestamp)
        return a.creationTimestamp < b.creationTimestamp;
    if (a.loadOrder != b.loadOrder)
        return a.loadOrder < b.loadOrder;
    return a.key() < b.key();
}

class Builder
{
public:
    Builder(const Cluster &cluster, const Controller::Options &options, quint64 version)
        : m_cluster(cluster), m_options(options), m_version(version)
    {
        m_config = std::make_shared<GatewayConfig>();
        m_config->version = version;
        m_config->builtAt = QDateTime::currentDateTimeUtc();
    }

    Controller::Result run()
    {
        collectStickyPolicies();
        buildGateways();
        attachRoutes();
        sortCandidates();
        return {m_config, m_diagnostics};
    }

private:
    void collectStickyPolicies();
    void buildGateways();
    void attachRoutes();
    void sortCandidates();
    std::shared_ptr<RouteRuleConfig> buildRule(const HTTPRoute &route, int ruleIndex);
    RouteBackend resolveBackend(const HTTPRoute &route, const HTTPBackendRef &ref, const QString &path);
    std::shared_ptr<BackendService> backendService(const Service &service, const ServicePort &port);
    bool referenceGranted(const QString &fromNamespace, const QString &toNamespace, const QString &serviceName) const;
    QString listenerRejection(const Gateway &gateway, const Listener &listener, const HTTPRoute &route) const;

    const Cluster &m_cluster;
    const Controller::Options &m_options;
    quint64 m_version;
    std::shared_ptr<GatewayConfig> m_config;
    Diagnostics m_diagnostics;
    QHash<QString, StickyConfig> m_stickyByServicePort;                  // "ns/svc:port"
    QHash<QString, std::shared_ptr<BackendService>> m_services;
    QHash<QString, QList<std::shared_ptr<RouteRuleConfig>>> m_ruleCache;  // per route key
    // Where each accepted Gateway's listeners ended up: gateway key → (listener name → socket, index).
    QHash<QString, QList<QPair<int, int>>> m_listenerSlots;
    QHash<QString, const Gateway *> m_gateways;
};

void Builder::collectStickyPolicies()
{
    QList<const SessionStickyPolicy *> policies;
    for (const SessionStickyPolicy &policy : m_cluster.manifests().sessionStickyPolicies)
        policies.append(&policy);
    // policies.go sessionStickies(): oldest first, then ns/name; the oldest wins per Service port.
    std::stable_sort(policies.begin(), policies.end(),
                     [](const SessionStickyPolicy *a, const SessionStickyPolicy *b) { return olderThan(a->meta, b->meta); });
    for (const SessionStickyPolicy *policy : policies) {
        const auto &target = policy->targetRef;
        const QString ns = target.namespaceName.isEmpty() ? policy->meta.namespaceName : target.namespaceName;
        if (target.kind != u"Service" || !isCoreGroup(target.group))
            continue;   // ServiceImport (flomesh.io multi-cluster) has no local meaning in the lab
        const Service *service = m_cluster.findService(ns, target.name);
        if (!service)
            continue;   // TargetNotFound, reported by the cluster stage
        for (const SessionStickyPolicy::PortConfig &port : policy->ports) {
            const auto effective = policy->effectiveConfig(port.port);
            if (!effective)
                continue;
            const QString key = ns + u'/' + target.name + u':' + QString::number(port.port);
            if (const auto existing = m_stickyByServicePort.constFind(key); existing != m_stickyByServicePort.cend()) {
                if (existing->cookieName != effective->cookieName.toUtf8() || existing->expires != effective->expires) {
                    m_diagnostics.append(Diagnostic::warning(port.location.isKnown() ? port.location : policy->meta.location,
                                                             QStringLiteral("spec.ports"),
                                                             QStringLiteral("port %1 of Service %2/%3 already has the sticky settings of the older "
                                                                            "policy %4; this policy is not applied to it (Conflicted)")
                                                                 .arg(port.port).arg(ns, target.name, existing->policyKey)));
                }
                continue;
            }
            m_stickyByServicePort.insert(key, StickyConfig{effective->cookieName.toUtf8(), effective->expires, policy->meta.key()});
        }
    }
}

void Builder::buildGateways()
{
    QHash<QString, const GatewayClass *> classes;
    for (const GatewayClass &gatewayClass : m_cluster.manifests().gatewayClasses)
        classes.insert(gatewayClass.meta.name, &gatewayClass);

    int gatewayIndex = 0;
    for (const Gateway &gateway : m_cluster.manifests().gateways) {
        const GatewayClass *gatewayClass = classes.value(gateway.gatewayClassName);
        if (!gatewayClass) {
            m_diagnostics.append(Diagnostic::warning(gateway.meta.location, QStringLiteral("spec.gatewayClassName"),
                                                     QStringLiteral("GatewayClass \"%1\" does not exist; Gateway %2 is not programmed")
                                                         .arg(gateway.gatewayClassName, gateway.meta.key())));
            continue;
        }
        const Profile profile = gatewayClass->controllerName == Cluster::fsmControllerName() ? Profile::Fsm : Profile::Spec;
        const QByteArray address = Controller::gatewayAddress(gatewayIndex++);
        m_gateways.insert(gateway.meta.key(), &gateway);
        for (int i = 0; i < gateway.listeners.size(); ++i) {
            const Listener &listener = gateway.listeners[i];
            if (listener.protocol != u"HTTP") {
                m_diagnostics.append(Diagnostic::warning(listener.location, QStringLiteral("spec.listeners[%1].protocol").arg(i),
                                                         QStringLiteral("listener %1 of Gateway %2 uses %3; only plain HTTP listeners are simulated")
                                                             .arg(listener.name, gateway.meta.key(), listener.protocol)));
                continue;
            }
            const quint16 port = Controller::bindPort(listener.port, m_options.portOffset);
            int socketIndex = -1;
            for (int s = 0; s < m_config->sockets.size(); ++s) {
                if (m_config->sockets[s].address == address && m_config->sockets[s].bindPort == port)
                    socketIndex = s;
            }
            if (socketIndex < 0) {
                ListenSocketConfig socket;
                socket.gatewayKey = gateway.meta.key();
                socket.address = address;
                socket.bindPort = port;
                socket.listenerPort = listener.port;
                socket.profile = profile;
                m_config->sockets.append(socket);
                socketIndex = int(m_config->sockets.size() - 1);
            }
            ListenerConfig config;
            config.gatewayKey = gateway.meta.key();
            config.name = listener.name;
            config.port = listener.port;
            config.hostname = listener.hostname;
            config.profile = profile;
            m_config->sockets[socketIndex].listeners.append(config);
            m_listenerSlots[gateway.meta.key()].append({socketIndex, int(m_config->sockets[socketIndex].listeners.size() - 1)});
        }
    }
}

QString Builder::listenerRejection(const Gateway &gateway, const Listener &listener, const HTTPRoute &route) const
{
    const QString &from = listener.allowedNamespacesFrom;
    if (from == u"Same" && route.meta.namespaceName != gateway.meta.namespaceName)
        return QStringLiteral("listener %1 allows routes from namespace %2 only").arg(listener.name, gateway.meta.namespaceName);
    if (from == u"Selector" && !listener.allowedNamespacesSelector.matches(m_cluster.namespaceLabels(route.meta.namespaceName)))
        return QStringLiteral("listener %1 does not select namespace %2").arg(listener.name, route.meta.namespaceName);
    if (from == u"None")
        return QStringLiteral("listener %1 allows no routes").arg(listener.name);
    if (!listener.allowedKinds.isEmpty()) {
        const bool allowed = std::any_of(listener.allowedKinds.cbegin(), listener.allowedKinds.cend(), [](const RouteGroupKind &kind) {
            return kind.kind == u"HTTPRoute" && (kind.group.isEmpty() || kind.group == GatewayApiGroup);
        });
        if (!allowed)
            return QStringLiteral("listener %1 does not allow HTTPRoute").arg(listener.name);
    }
    return {};
}

void Builder::attachRoutes()
{
    for (const HTTPRoute &route : m_cluster.manifests().httpRoutes) {
        for (int p = 0; p < route.parentRefs.size(); ++p) {
            const ParentReference &parent = route.parentRefs[p];
            const QString path = QStringLiteral("spec.parentRefs[%1]").arg(p);
            const SourceLocation where = parent.location.isKnown() ? parent.location : route.meta.location;
            if (parent.kind != u"Gateway" || parent.group != GatewayApiGroup)
                continue;
            const QString gatewayKey = (parent.namespaceName.isEmpty() ? route.meta.namespaceName : parent.namespaceName) + u'/' + parent.name;
            const Gateway *gateway = m_gateways.value(gatewayKey);
            if (!gateway) {
                m_diagnostics.append(Diagnostic::warning(where, path,
                                                         QStringLiteral("Gateway %1 does not exist or is not programmed; HTTPRoute %2 is not attached to it")
                                                             .arg(gatewayKey, route.meta.key())));
                continue;
            }
            QStringList rejections;
            int attached = 0;
            int served = 0;   // listeners of this Gateway the data plane serves, in declaration order
            for (const Listener &listener : gateway->listeners) {
                const bool isServed = listener.protocol == u"HTTP";
                const int slotIndex = isServed ? served++ : -1;
                if ((!parent.sectionName.isEmpty() && parent.sectionName != listener.name) || (parent.port && *parent.port != listener.port))
                    continue;
                if (const QString why = listenerRejection(*gateway, listener, route); !why.isEmpty()) {
                    rejections.append(why);
                    continue;
                }
                const auto hostnames = Hostnames::effective(listener.hostname, route.hostnames);
                if (!hostnames) {
                    rejections.append(QStringLiteral("no hostname of the route intersects listener %1's %2").arg(listener.name, listener.hostname));
                    continue;
                }
                if (!isServed)
                    continue;
                const auto [socketIndex, listenerIndex] = m_listenerSlots.value(gatewayKey).at(slotIndex);
                ListenerConfig &target = m_config->sockets[socketIndex].listeners[listenerIndex];
                if (std::any_of(target.routes.cbegin(), target.routes.cend(), [&route](const AttachedRoute &r) { return r.key == route.meta.key(); }))
                    continue;
                if (!m_ruleCache.contains(route.meta.key())) {
                    QList<std::shared_ptr<RouteRuleConfig>> rules;
                    for (int r = 0; r < route.rules.size(); ++r)
                        rules.append(buildRule(route, r));
                    m_ruleCache.insert(route.meta.key(), rules);
                }
                target.routes.append(AttachedRoute{route.meta.key(), route.meta.loadOrder, *hostnames, m_ruleCache.value(route.meta.key())});
                ++attached;
            }
            if (attached == 0) {
                const QString why = rejections.isEmpty() ? QStringLiteral("no listener matches sectionName/port") : rejections.join(QStringLiteral("; "));
                m_diagnostics.append(Diagnostic::warning(where, path,
                                                         QStringLiteral("HTTPRoute %1 is not attached to Gateway %2: %3").arg(route.meta.key(), gatewayKey, why)));
            }
        }
    }
}

std::shared_ptr<RouteRuleConfig> Builder::buildRule(const HTTPRoute &route, int ruleIndex)
{
    const HTTPRouteRule &rule = route.rules[ruleIndex];
    auto config = std::make_shared<RouteRuleConfig>();
    config->routeKey = route.meta.key();
    config->ruleIndex = ruleIndex;
    config->ruleName = rule.name;
    config->filters = rule.filters;
    config->timeouts = rule.timeouts;
    QList<HTTPRouteMatch> matches = rule.matches;
    if (matches.isEmpty())
        matches.append(HTTPRouteMatch{});   // the CRD default: PathPrefix "/"
    for (const HTTPRouteMatch &match : matches)
        config->matches.append(CompiledMatch::compile(match));
    QList<int> weights;
    for (int b = 0; b < rule.backendRefs.size(); ++b) {
        config->backends.append(resolveBackend(route, rule.backendRefs[b], QStringLiteral("spec.rules[%1].backendRefs[%2]").arg(ruleIndex).arg(b)));
        weights.append(rule.backendRefs[b].weight);
    }
    config->backendBalancer = std::make_unique<PipyRoundRobin>(weights);
    return config;
}

bool Builder::referenceGranted(const QString &fromNamespace, const QString &toNamespace, const QString &serviceName) const
{
    for (const ReferenceGrant &grant : m_cluster.manifests().referenceGrants) {
        if (grant.meta.namespaceName != toNamespace)
            continue;
        const bool fromOk = std::any_of(grant.from.cbegin(), grant.from.cend(), [&fromNamespace](const ReferenceGrant::From &from) {
            return from.group == GatewayApiGroup && from.kind == u"HTTPRoute" && from.namespaceName == fromNamespace;
        });
        const bool toOk = std::any_of(grant.to.cbegin(), grant.to.cend(), [&serviceName](const ReferenceGrant::To &to) {
            return isCoreGroup(to.group) && to.kind == u"Service" && (to.name.isEmpty() || to.name == serviceName);
        });
        if (fromOk && toOk)
            return true;
    }
    return false;
}

RouteBackend Builder::resolveBackend(const HTTPRoute &route, const HTTPBackendRef &ref, const QString &path)
{
    RouteBackend backend;
    backend.weight = ref.weight;
    backend.filters = ref.filters;
    const QString ns = ref.ref.namespaceName.isEmpty() ? route.meta.namespaceName : ref.ref.namespaceName;
    backend.displayName = ns + u'/' + ref.ref.name + (ref.ref.port ? u':' + QString::number(*ref.ref.port) : QString());
    const SourceLocation where = ref.ref.location.isKnown() ? ref.ref.location : route.meta.location;
    const auto invalid = [&](const QString &reason) {
        backend.invalidReason = reason;
        m_diagnostics.append(Diagnostic::warning(where, path, reason + QStringLiteral("; its share of requests is answered with 500")));
        return backend;
    };
    if (!isCoreGroup(ref.ref.group) || ref.ref.kind != u"Service")
        return invalid(QStringLiteral("backend kind %1 (group \"%2\") is not supported").arg(ref.ref.kind, ref.ref.group));
    const Service *service = m_cluster.findService(ns, ref.ref.name);
    if (!service)
        return invalid(QStringLiteral("Service %1/%2 not found").arg(ns, ref.ref.name));
    if (ns != route.meta.namespaceName && !referenceGranted(route.meta.namespaceName, ns, ref.ref.name))
        return invalid(QStringLiteral("no ReferenceGrant in namespace %1 allows HTTPRoutes from %2 to use Service %3")
                           .arg(ns, route.meta.namespaceName, ref.ref.name));
    if (!ref.ref.port)
        return invalid(QStringLiteral("port is required for a Service backend"));
    const ServicePort *port = service->findPort(*ref.ref.port);
    if (!port)
        return invalid(QStringLiteral("Service %1/%2 has no port %3").arg(ns, ref.ref.name).arg(*ref.ref.port));
    backend.service = backendService(*service, *port);
    return backend;
}

std::shared_ptr<BackendService> Builder::backendService(const Service &service, const ServicePort &port)
{
    const QString key = service.meta.key() + u':' + QString::number(port.port);
    if (const auto existing = m_services.constFind(key); existing != m_services.cend())
        return *existing;
    auto backend = std::make_shared<BackendService>();
    backend->key = key;
    backend->namespaceName = service.meta.namespaceName;
    backend->name = service.meta.name;
    backend->port = port.port;
    for (const ServiceEndpoint &endpoint : m_cluster.endpoints(service, port)) {
        EndpointTarget target;
        target.key = endpoint.key();
        target.podKey = endpoint.podKey();
        target.stickyValue = StickyCookie::value(target.key.toLatin1());
        // Traffic never leaves the machine: loopback addresses are real servers (a user's own app
        // behind an EndpointSlice); pod addresses are served by mock pods on 127.0.0.1.
        if (endpoint.ip.startsWith(u"127.")) {
            target.connectHost = endpoint.ip.toLatin1();
            target.connectPort = quint16(endpoint.port);
        } else {
            target.connectHost = QByteArrayLiteral("127.0.0.1");
            target.connectPort = m_options.mockPortForEndpoint ? m_options.mockPortForEndpoint(target.key) : 0;
        }
        backend->endpoints.append(target);
    }
    // utils.js shuffles the endpoint list every time the service config is rebuilt; a seeded
    // generator makes the order repeatable from run to run.
    std::mt19937_64 random(m_options.seed ^ fnv1a(key.toUtf8()) ^ (m_version * 0x9e3779b97f4a7c15ULL));
    std::shuffle(backend->endpoints.begin(), backend->endpoints.end(), random);
    for (int i = 0; i < backend->endpoints.size(); ++i)
        backend->stickyTable.insert(backend->endpoints[i].stickyValue, i);
    backend->balancer = std::make_unique<PipyRoundRobin>(QList<int>(backend->endpoints.size(), 1));
    if (const auto sticky = m_stickyByServicePort.constFind(key); sticky != m_stickyByServicePort.cend())
        backend->sticky = *sticky;
    m_services.insert(key, backend);
    m_config->services.append(backend);
    return backend;
}

void Builder::sortCandidates()
{
    for (ListenSocketConfig &socket : m_config->sockets) {
        for (ListenerConfig &listener : socket.listeners) {
            listener.candidates.clear();
            for (int r = 0; r < listener.routes.size(); ++r) {
                for (int rule = 0; rule < listener.routes[r].rules.size(); ++rule) {
                    for (int m = 0; m < listener.routes[r].rules[rule]->matches.size(); ++m)
                        listener.candidates.append(RouteCandidate{r, rule, m});
                }
            }
            const auto matchOf = [&listener](const RouteCandidate &c) -> const CompiledMatch & {
                return listener.routes[c.routeIndex].rules[c.ruleIndex]->matches[c.matchIndex];
            };
            if (listener.profile == Profile::Spec) {
                // Gateway API precedence (spec/gateway-api.md §2.3 steps 1-8); the Host step is the router's.
                std::stable_sort(listener.candidates.begin(), listener.candidates.end(), [&](const RouteCandidate &a, const RouteCandidate &b) {
                    const CompiledMatch &ma = matchOf(a), &mb = matchOf(b);
                    if (ma.pathKind != mb.pathKind)
                        return int(ma.pathKind) < int(mb.pathKind);
                    if (ma.pathValue.size() != mb.pathValue.size())
                        return ma.pathValue.size() > mb.pathValue.size();
                    if (ma.method.isEmpty() != mb.method.isEmpty())
                        return !ma.method.isEmpty();
                    if (ma.headers.size() != mb.headers.size())
                        return ma.headers.size() > mb.headers.size();
                    if (ma.queryParams.size() != mb.queryParams.size())
                        return ma.queryParams.size() > mb.queryParams.size();
                    const AttachedRoute &ra = listener.routes[a.routeIndex], &rb = listener.routes[b.routeIndex];
                    if (ra.creationOrder != rb.creationOrder)
                        return ra.creationOrder < rb.creationOrder;
                    if (ra.key != rb.key)
                        return ra.key < rb.key;
                    if (a.ruleIndex != b.ruleIndex)
                        return a.ruleIndex < b.ruleIndex;
                    return a.matchIndex < b.matchIndex;
                });
            } else {
                // FSM's ByHTTPTrafficMatch (spec/fsm-gateway.md §5): Exact, Prefix, Regex; longer path
                // first; equal length in reverse lexical order with "/" read as "/*"; then more
                // methods, headers, query params. No route-age tie-break: FSM's sort is unstable,
                // the lab keeps load order where FSM's order is undefined.
                std::stable_sort(listener.candidates.begin(), listener.candidates.end(), [&](const RouteCandidate &a, const RouteCandidate &b) {
                    const CompiledMatch &ma = matchOf(a), &mb = matchOf(b);
                    if (ma.pathKind != mb.pathKind)
                        return int(ma.pathKind) < int(mb.pathKind);
                    const QByteArray pa = ma.pathValue == "/" ? QByteArrayLiteral("/*") : ma.pathValue;
                    const QByteArray pb = mb.pathValue == "/" ? QByteArrayLiteral("/*") : mb.pathValue;
                    if (pa.size() != pb.size())
                        return pa.size() > pb.size();
                    if (pa != pb)
                        return pa > pb;
                    if (ma.method.isEmpty() != mb.method.isEmpty())
                        return !ma.method.isEmpty();
                    if (ma.headers.size() != mb.headers.size())
                        return ma.headers.size() > mb.headers.size();
                    return ma.queryParams.size() > mb.queryParams.size();
                });
            }
        }
    }
}

} // namespace

Controller::Result Controller::build(const Cluster &cluster, const Options &options, quint64 version)
{
    return Builder(cluster, options, version).run();
}

quint16 Controller::bindPort(int listenerPort, int portOffset)
{
    const int base = listenerPort < 1024 ? listenerPort + 60000 : listenerPort;
    return quint16(qBound(1, base + portOffset, 65535));
}

QByteArray Controller::gatewayAddress(int gatewayIndex)
{
    // 127.0.0.1 is left to the mock pods and to the user's own servers.
    const int n = gatewayIndex + 2;
    return QByteArrayLiteral("127.") + QByteArray::number((n >> 16) & 0xff) + '.' + QByteArray::number((n >> 8) & 0xff) + '.'
           + QByteArray::number(n & 0xff);
}

} // namespace gw
