#include "controller.h"

#include "common/fnv1a.h"

#include "profilerules.h"
#include "routing/hostnames.h"
#include "routing/matchprecedence.h"
#include "sticky/stickycookie.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <random>

namespace gw {

namespace {

const QString GatewayApiGroup = QStringLiteral("gateway.networking.k8s.io");
const QString HttpRouteKind = QStringLiteral("HTTPRoute");

bool isCoreGroup(const QString &group)
{
    return group.isEmpty() || group == u"core";
}

bool isGatewayApiGroup(const QString &group)
{
    return group.isEmpty() || group == GatewayApiGroup;
}

// Creation order as the API server would report it: explicit creationTimestamps when both objects
// have one (equal ones tie, and the tie goes to namespace/name, as both the spec's and FSM's sorts
// break it), otherwise the order of `kubectl apply`.
bool olderThan(const ObjectMeta &a, const ObjectMeta &b)
{
    if (a.creationTimestamp.isValid() && b.creationTimestamp.isValid()) {
        if (a.creationTimestamp != b.creationTimestamp)
            return a.creationTimestamp < b.creationTimestamp;
        return a.key() < b.key();
    }
    if (a.loadOrder != b.loadOrder)
        return a.loadOrder < b.loadOrder;
    return a.key() < b.key();
}

// The protocols that may share a port: HTTPS and TLS both start with a TLS handshake.
QString protocolFamily(const QString &protocol)
{
    if (protocol == u"HTTPS" || protocol == u"TLS")
        return QStringLiteral("TLS");
    return protocol;
}

const QStringList &supportedMethods()
{
    static const QStringList methods{QStringLiteral("GET"),     QStringLiteral("HEAD"),    QStringLiteral("POST"),
                                     QStringLiteral("PUT"),     QStringLiteral("DELETE"),  QStringLiteral("CONNECT"),
                                     QStringLiteral("OPTIONS"), QStringLiteral("TRACE"),   QStringLiteral("PATCH")};
    return methods;
}

// Why a backendRef does not resolve, as the route's ResolvedRefs condition names it.
struct RefProblem
{
    QString reason;                 // RefNotPermitted, InvalidKind, BackendNotFound, UnsupportedProtocol
    QString message;
};

// Why a rule cannot be programmed, as the route's Accepted condition names it.
struct RuleProblem
{
    QString reason;                 // UnsupportedValue, IncompatibleFilters
    QString message;
};

struct ListenerState
{
    const Listener *listener = nullptr;
    ObjectStatus::Listener status;
    bool acceptsHttpRoute = false;
    bool valid = true;              // accepted and not conflicted
    bool served = false;
    int socketIndex = -1;
    int slotIndex = -1;             // into the socket's listeners
};

struct GatewayState
{
    const Gateway *gateway = nullptr;
    QString controllerName;
    Profile profile = Profile::Spec;
    bool accepted = true;
    QString notAcceptedMessage;
    QByteArray address;
    QList<ListenerState> listeners;
    int statusIndex = -1;
};

struct RouteState
{
    QList<std::shared_ptr<RouteRuleConfig>> rules;   // valid rules only
    QList<RuleProblem> dropped;                      // one per invalid rule
    QStringList droppedRules;                        // "rule 1: ..." for PartiallyInvalid
    std::optional<RefProblem> refProblem;            // the first unresolved reference
};

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
        buildGatewayClasses();
        collectStickyPolicies();
        buildGateways();
        rankRoutes();
        attachRoutes();
        finishGatewayStatuses();
        buildHostStructures();
        // Statuses read in the order kubectl lists kinds: classes, gateways, routes, policies.
        QList<ObjectStatus> statuses = m_classStatuses + m_gatewayStatuses + m_routeStatuses + m_policyStatuses;
        return {m_config, m_diagnostics, statuses};
    }

private:
    void buildGatewayClasses();
    void collectStickyPolicies();
    void buildGateways();
    void buildListeners(GatewayState &state);
    void rankRoutes();
    void attachRoutes();
    void attachParent(const HTTPRoute &route, int parentIndex, RouteState &routeState, ObjectStatus &status);
    void finishGatewayStatuses();
    void buildHostStructures();
    RouteState &routeState(const HTTPRoute &route);
    std::optional<RuleProblem> validateRule(const HTTPRouteRule &rule) const;
    std::optional<RuleProblem> validateFilters(const QList<HTTPRouteFilter> &filters, const HTTPRouteRule &rule) const;
    std::shared_ptr<RouteRuleConfig> buildRule(const HTTPRoute &route, int ruleIndex, RouteState &state);
    std::shared_ptr<const FilterChain> compileFilters(const HTTPRoute &route, const QList<HTTPRouteFilter> &filters, const QString &path,
                                                      RouteState &state);
    RouteBackend resolveBackend(const HTTPRoute &route, const BackendObjectReference &ref, const QString &path, RouteState &state);
    std::shared_ptr<BackendService> backendService(const Service &service, const ServicePort &port);
    bool referenceGranted(const QString &fromKind, const QString &fromNamespace, const QString &toNamespace, const QString &toKind,
                          const QString &toName) const;
    bool secretExists(const QString &namespaceName, const QString &name) const;
    QString namespaceRejection(const Gateway &gateway, const Listener &listener, const HTTPRoute &route) const;

    const Cluster &m_cluster;
    const Controller::Options &m_options;
    quint64 m_version;
    std::shared_ptr<GatewayConfig> m_config;
    Diagnostics m_diagnostics;
    QHash<QString, StickyConfig> m_stickyByServicePort;                  // "ns/svc:port"
    QHash<QString, std::shared_ptr<BackendService>> m_services;
    QHash<QString, RouteState> m_routeStates;                             // per route key
    QHash<QString, int> m_routeAge;                                       // route key → rank, 0 = oldest
    QList<GatewayState> m_gatewayStateList;
    QHash<QString, int> m_gatewayIndex;                                   // gateway key → index in m_gatewayStateList
    QHash<QString, QString> m_classControllers;                           // class name → controllerName
    QList<ObjectStatus> m_classStatuses;
    QList<ObjectStatus> m_gatewayStatuses;
    QList<ObjectStatus> m_routeStatuses;
    QList<ObjectStatus> m_policyStatuses;
};

void Builder::buildGatewayClasses()
{
    for (const GatewayClass &gatewayClass : m_cluster.manifests().gatewayClasses) {
        m_classControllers.insert(gatewayClass.meta.name, gatewayClass.controllerName);
        ObjectStatus status;
        status.apiVersion = gatewayClass.meta.apiVersion.isEmpty() ? QStringLiteral("gateway.networking.k8s.io/v1") : gatewayClass.meta.apiVersion;
        status.kind = QStringLiteral("GatewayClass");
        status.name = gatewayClass.meta.name;
        const Profile profile = Controller::profileFor(gatewayClass.controllerName);
        // The lab runs a controller for every controllerName: FSM's for flomesh.io/gateway-controller,
        // the specification's for any other.
        ObjectStatus::setCondition(status.conditions, QStringLiteral("Accepted"), true, QStringLiteral("Accepted"),
                                   QStringLiteral("Gateways of this class follow the lab's %1 profile").arg(profileName(profile)));
        m_classStatuses.append(status);
    }
}

void Builder::collectStickyPolicies()
{
    QList<const SessionStickyPolicy *> policies;
    for (const SessionStickyPolicy &policy : m_cluster.manifests().sessionStickyPolicies)
        policies.append(&policy);
    // policies.go sessionStickies(): oldest first, then ns/name; the oldest wins per Service port.
    std::stable_sort(policies.begin(), policies.end(),
                     [](const SessionStickyPolicy *a, const SessionStickyPolicy *b) { return olderThan(a->meta, b->meta); });
    QHash<const SessionStickyPolicy *, ObjectStatus::Condition> verdicts;
    for (const SessionStickyPolicy *policy : policies) {
        const auto &target = policy->targetRef;
        const QString ns = target.namespaceName.isEmpty() ? policy->meta.namespaceName : target.namespaceName;
        // service_policy_status_processor.go: Invalid for a wrong group/kind, TargetNotFound, Conflicted.
        if (target.kind != u"Service" || !isCoreGroup(target.group)) {
            // ServiceImport (flomesh.io multi-cluster) has no local meaning in the lab.
            verdicts.insert(policy, {QStringLiteral("Accepted"), QStringLiteral("False"), QStringLiteral("Invalid"),
                                     QStringLiteral("%1 %2/%3 is not simulated; only core Services are").arg(target.kind, ns, target.name)});
            continue;
        }
        const Service *service = m_cluster.findService(ns, target.name);
        if (!service) {
            verdicts.insert(policy, {QStringLiteral("Accepted"), QStringLiteral("False"), QStringLiteral("TargetNotFound"),
                                     QStringLiteral("Service %1/%2 not found").arg(ns, target.name)});
            continue;
        }
        QString conflictWith;
        for (const SessionStickyPolicy::PortConfig &port : policy->ports) {
            const auto effective = policy->effectiveConfig(port.port);
            if (!effective)
                continue;
            const QString key = ns + u'/' + target.name + u':' + QString::number(port.port);
            if (const auto existing = m_stickyByServicePort.constFind(key); existing != m_stickyByServicePort.cend()) {
                if (existing->cookieName != effective->cookieName.toUtf8() || existing->expires != effective->expires) {
                    conflictWith = existing->policyKey;
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
        if (!conflictWith.isEmpty()) {
            verdicts.insert(policy, {QStringLiteral("Accepted"), QStringLiteral("False"), QStringLiteral("Conflicted"),
                                     QStringLiteral("Conflict with SessionStickyPolicy: %1").arg(conflictWith)});
        } else {
            verdicts.insert(policy, {QStringLiteral("Accepted"), QStringLiteral("True"), QStringLiteral("Accepted"), QStringLiteral("Accepted")});
        }
    }
    for (const SessionStickyPolicy &policy : m_cluster.manifests().sessionStickyPolicies) {
        ObjectStatus status;
        status.apiVersion = policy.meta.apiVersion.isEmpty() ? QStringLiteral("gateway.flomesh.io/v1alpha1") : policy.meta.apiVersion;
        status.kind = QStringLiteral("SessionStickyPolicy");
        status.namespaceName = policy.meta.namespaceName;
        status.name = policy.meta.name;
        status.conditions.append(verdicts.value(&policy));
        m_policyStatuses.append(status);
    }
}

void Builder::buildGateways()
{
    const ManifestSet &set = m_cluster.manifests();
    // FSM: among the Gateways of its class in one namespace only the oldest is accepted.
    QHash<QString, const Gateway *> oldestFsmGateway;
    for (const Gateway &gateway : set.gateways) {
        const auto controller = m_classControllers.constFind(gateway.gatewayClassName);
        if (controller == m_classControllers.cend() || !ProfileRules::oneGatewayPerNamespace(Controller::profileFor(*controller)))
            continue;
        const Gateway *&oldest = oldestFsmGateway[gateway.meta.namespaceName];
        if (!oldest || olderThan(gateway.meta, oldest->meta))
            oldest = &gateway;
    }

    int gatewayIndex = 0;
    for (const Gateway &gateway : set.gateways) {
        ObjectStatus status;
        status.apiVersion = gateway.meta.apiVersion.isEmpty() ? QStringLiteral("gateway.networking.k8s.io/v1") : gateway.meta.apiVersion;
        status.kind = QStringLiteral("Gateway");
        status.namespaceName = gateway.meta.namespaceName;
        status.name = gateway.meta.name;
        const auto controller = m_classControllers.constFind(gateway.gatewayClassName);
        if (controller == m_classControllers.cend()) {
            m_diagnostics.append(Diagnostic::warning(gateway.meta.location, QStringLiteral("spec.gatewayClassName"),
                                                     QStringLiteral("GatewayClass \"%1\" does not exist; Gateway %2 is not programmed")
                                                         .arg(gateway.gatewayClassName, gateway.meta.key())));
            // No controller owns it: the CRD's defaults stay, as on a cluster.
            status.conditions.append({QStringLiteral("Accepted"), QStringLiteral("Unknown"), QStringLiteral("Pending"),
                                      QStringLiteral("Waiting for controller")});
            status.conditions.append({QStringLiteral("Programmed"), QStringLiteral("Unknown"), QStringLiteral("Pending"),
                                      QStringLiteral("Waiting for controller")});
            m_gatewayStatuses.append(status);
            continue;
        }
        GatewayState state;
        state.gateway = &gateway;
        state.controllerName = *controller;
        state.profile = Controller::profileFor(*controller);
        state.address = Controller::gatewayAddress(gatewayIndex++);
        if (ProfileRules::oneGatewayPerNamespace(state.profile) && oldestFsmGateway.value(gateway.meta.namespaceName) != &gateway) {
            state.accepted = false;
            // The message FSM's gateway_controller.go setUnaccepted writes.
            state.notAcceptedMessage = QStringLiteral("Gateway %1 is not accepted as it's not the oldest one in namespace \"%2\".")
                                           .arg(gateway.meta.key(), gateway.meta.namespaceName);
            m_diagnostics.append(Diagnostic::warning(gateway.meta.location, QStringLiteral("metadata.name"),
                                                     QStringLiteral("FSM deploys one Gateway per namespace, the oldest (%1); Gateway %2 is not "
                                                                    "accepted and not served")
                                                         .arg(oldestFsmGateway.value(gateway.meta.namespaceName)->meta.key(), gateway.meta.key())));
        }
        state.statusIndex = int(m_gatewayStatuses.size());
        m_gatewayStatuses.append(status);
        buildListeners(state);
        m_gatewayIndex.insert(gateway.meta.key(), int(m_gatewayStateList.size()));
        m_gatewayStateList.append(state);
    }
}

void Builder::buildListeners(GatewayState &state)
{
    const Gateway &gateway = *state.gateway;
    for (int i = 0; i < gateway.listeners.size(); ++i) {
        const Listener &listener = gateway.listeners[i];
        ListenerState ls;
        ls.listener = &listener;
        ls.status.name = listener.name;
        const bool httpFamily = listener.protocol == u"HTTP" || listener.protocol == u"HTTPS";

        // Kinds: the protocol's default (HTTPRoute for HTTP and HTTPS), or the listed ones the lab
        // supports; an unsupported listed kind is InvalidRouteKinds (test GatewayInvalidRouteKind).
        QStringList invalidKinds;
        if (listener.allowedKinds.isEmpty()) {
            if (httpFamily)
                ls.status.supportedKinds.append(RouteGroupKind{GatewayApiGroup, HttpRouteKind});
        } else {
            for (const RouteGroupKind &kind : listener.allowedKinds) {
                if (httpFamily && kind.kind == HttpRouteKind && isGatewayApiGroup(kind.group))
                    ls.status.supportedKinds.append(RouteGroupKind{GatewayApiGroup, HttpRouteKind});
                else
                    invalidKinds << kind.kind;
            }
        }
        ls.acceptsHttpRoute = !ls.status.supportedKinds.isEmpty();

        // Accepted: the lab serves plain HTTP; HTTPS is understood (routes attach) but not terminated.
        if (httpFamily) {
            ObjectStatus::setCondition(ls.status.conditions, QStringLiteral("Accepted"), true, QStringLiteral("Accepted"),
                                       QStringLiteral("Listener is accepted"));
        } else {
            ls.valid = false;
            ObjectStatus::setCondition(ls.status.conditions, QStringLiteral("Accepted"), false, QStringLiteral("UnsupportedProtocol"),
                                       QStringLiteral("protocol %1 is not simulated; the lab serves HTTP listeners").arg(listener.protocol));
        }

        // ResolvedRefs: route kinds, then TLS certificates.
        QString refReason, refMessage;
        if (!invalidKinds.isEmpty()) {
            refReason = QStringLiteral("InvalidRouteKinds");
            refMessage = QStringLiteral("route kinds not supported: %1").arg(invalidKinds.join(QStringLiteral(", ")));
        } else if (listener.protocol == u"HTTPS" || (listener.protocol == u"TLS" && listener.tlsMode != u"Passthrough")) {
            if (listener.certificateRefs.isEmpty()) {
                refReason = QStringLiteral("InvalidCertificateRef");
                refMessage = QStringLiteral("no certificateRefs");
            }
            for (const SecretObjectReference &ref : listener.certificateRefs) {
                const QString ns = ref.namespaceName.isEmpty() ? gateway.meta.namespaceName : ref.namespaceName;
                if (!isCoreGroup(ref.group) || ref.kind != u"Secret") {
                    refReason = QStringLiteral("InvalidCertificateRef");
                    refMessage = QStringLiteral("certificateRef %1 %2 is not a Secret").arg(ref.kind, ref.name);
                } else if (ns != gateway.meta.namespaceName
                           && !referenceGranted(QStringLiteral("Gateway"), gateway.meta.namespaceName, ns, QStringLiteral("Secret"), ref.name)) {
                    refReason = QStringLiteral("RefNotPermitted");
                    refMessage = QStringLiteral("no ReferenceGrant lets Gateways of %1 use Secret %2/%3").arg(gateway.meta.namespaceName, ns, ref.name);
                } else if (!secretExists(ns, ref.name)) {
                    refReason = QStringLiteral("InvalidCertificateRef");
                    refMessage = QStringLiteral("Secret %1/%2 not found").arg(ns, ref.name);
                }
                if (!refReason.isEmpty())
                    break;
            }
        }
        if (refReason.isEmpty()) {
            ObjectStatus::setCondition(ls.status.conditions, QStringLiteral("ResolvedRefs"), true, QStringLiteral("ResolvedRefs"),
                                       QStringLiteral("All references resolved"));
        } else {
            ObjectStatus::setCondition(ls.status.conditions, QStringLiteral("ResolvedRefs"), false, refReason, refMessage);
        }

        // Conflicted: listeners that share a port must differ by protocol family and hostname.
        QString conflictReason, conflictWith;
        for (int j = 0; j < gateway.listeners.size(); ++j) {
            const Listener &other = gateway.listeners[j];
            if (j == i || other.port != listener.port)
                continue;
            if (protocolFamily(other.protocol) != protocolFamily(listener.protocol)) {
                conflictReason = QStringLiteral("ProtocolConflict");
                conflictWith = other.name;
                break;
            }
            if (other.protocol == listener.protocol && other.hostname.compare(listener.hostname, Qt::CaseInsensitive) == 0) {
                conflictReason = QStringLiteral("HostnameConflict");
                conflictWith = other.name;
            }
        }
        if (conflictReason.isEmpty()) {
            ObjectStatus::setCondition(ls.status.conditions, QStringLiteral("Conflicted"), false, QStringLiteral("NoConflicts"),
                                       QStringLiteral("No conflicts"));
        } else {
            // No winner is picked among conflicting listeners: none of them is served.
            ls.valid = false;
            ObjectStatus::setCondition(ls.status.conditions, QStringLiteral("Conflicted"), true, conflictReason,
                                       QStringLiteral("conflicts with listener %1 on port %2").arg(conflictWith).arg(listener.port));
        }

        ls.served = state.accepted && ls.valid && listener.protocol == u"HTTP";
        if (ls.served) {
            const quint16 port = Controller::bindPort(listener.port, m_options.portOffset);
            int socketIndex = -1;
            for (int s = 0; s < m_config->sockets.size(); ++s) {
                if (m_config->sockets[s].address == state.address && m_config->sockets[s].bindPort == port)
                    socketIndex = s;
            }
            if (socketIndex < 0) {
                ListenSocketConfig socket;
                socket.gatewayKey = gateway.meta.key();
                socket.address = state.address;
                socket.bindPort = port;
                socket.listenerPort = listener.port;
                socket.profile = state.profile;
                m_config->sockets.append(socket);
                socketIndex = int(m_config->sockets.size() - 1);
            }
            ListenerConfig config;
            config.gatewayKey = gateway.meta.key();
            config.name = listener.name;
            config.port = listener.port;
            config.hostname = listener.hostname;
            config.hostnamePattern = listener.hostname.toLower().toLatin1();
            // Most specific first (§1.1): exact names outrank every wildcard, any hostname the catch-all.
            config.hostnameRank = listener.hostname.isEmpty()             ? -1
                                  : Hostnames::isWildcard(listener.hostname) ? Hostnames::specificity(listener.hostname)
                                                                             : (qint64(1) << 40) + listener.hostname.size();
            config.profile = state.profile;
            m_config->sockets[socketIndex].listeners.append(config);
            ls.socketIndex = socketIndex;
            ls.slotIndex = int(m_config->sockets[socketIndex].listeners.size() - 1);
            ObjectStatus::setCondition(ls.status.conditions, QStringLiteral("Programmed"), true, QStringLiteral("Programmed"),
                                       QStringLiteral("served on %1").arg(m_config->sockets[socketIndex].url()));
        } else {
            QString why;
            if (!state.accepted)
                why = QStringLiteral("the Gateway is not accepted");
            else if (!conflictReason.isEmpty())
                why = QStringLiteral("the listener conflicts with listener %1").arg(conflictWith);
            else if (listener.protocol == u"HTTPS")
                why = QStringLiteral("the lab does not terminate TLS, so HTTPS listeners are not served");
            else
                why = QStringLiteral("protocol %1 is not simulated").arg(listener.protocol);
            ObjectStatus::setCondition(ls.status.conditions, QStringLiteral("Programmed"), false, QStringLiteral("Invalid"), why);
            if (state.accepted && listener.protocol != u"HTTP") {
                m_diagnostics.append(Diagnostic::warning(listener.location, QStringLiteral("spec.listeners[%1].protocol").arg(i),
                                                         QStringLiteral("listener %1 of Gateway %2 uses %3; only plain HTTP listeners are simulated")
                                                             .arg(listener.name, gateway.meta.key(), listener.protocol)));
            }
        }
        state.listeners.append(ls);
    }
}

void Builder::rankRoutes()
{
    QList<const HTTPRoute *> routes;
    for (const HTTPRoute &route : m_cluster.manifests().httpRoutes)
        routes.append(&route);
    std::stable_sort(routes.begin(), routes.end(), [](const HTTPRoute *a, const HTTPRoute *b) { return olderThan(a->meta, b->meta); });
    for (int i = 0; i < routes.size(); ++i)
        m_routeAge.insert(routes[i]->meta.key(), i);
}

QString Builder::namespaceRejection(const Gateway &gateway, const Listener &listener, const HTTPRoute &route) const
{
    const QString &from = listener.allowedNamespacesFrom;
    if (from == u"Same" && route.meta.namespaceName != gateway.meta.namespaceName)
        return QStringLiteral("listener %1 allows routes from namespace %2 only").arg(listener.name, gateway.meta.namespaceName);
    if (from == u"Selector" && !listener.allowedNamespacesSelector.matches(m_cluster.namespaceLabels(route.meta.namespaceName)))
        return QStringLiteral("listener %1's namespace selector does not select namespace %2").arg(listener.name, route.meta.namespaceName);
    if (from == u"None")
        return QStringLiteral("listener %1 allows no routes").arg(listener.name);
    return {};
}

RouteState &Builder::routeState(const HTTPRoute &route)
{
    auto it = m_routeStates.find(route.meta.key());
    if (it != m_routeStates.end())
        return *it;
    RouteState state;
    for (int r = 0; r < route.rules.size(); ++r) {
        if (const auto problem = validateRule(route.rules[r])) {
            state.dropped.append(*problem);
            state.droppedRules << QStringLiteral("rule %1: %2").arg(r).arg(problem->message);
            m_diagnostics.append(Diagnostic::warning(route.rules[r].location.isKnown() ? route.rules[r].location : route.meta.location,
                                                     QStringLiteral("spec.rules[%1]").arg(r),
                                                     QStringLiteral("%1: %2; the rule is dropped").arg(problem->reason, problem->message)));
            continue;
        }
        state.rules.append(buildRule(route, r, state));
    }
    return *m_routeStates.insert(route.meta.key(), state);
}

std::optional<RuleProblem> Builder::validateRule(const HTTPRouteRule &rule) const
{
    for (const HTTPRouteMatch &match : rule.matches) {
        const QString &type = match.path.type;
        if (type != u"Exact" && type != u"PathPrefix" && type != u"RegularExpression")
            return RuleProblem{QStringLiteral("UnsupportedValue"), QStringLiteral("path match type %1 is not supported").arg(type)};
        if (type == u"RegularExpression" && !QRegularExpression(match.path.value).isValid())
            return RuleProblem{QStringLiteral("UnsupportedValue"), QStringLiteral("path regular expression %1 does not compile").arg(match.path.value)};
        for (const QList<HTTPHeaderMatch> *list : {&match.headers, &match.queryParams}) {
            for (const HTTPHeaderMatch &value : *list) {
                if (value.type != u"Exact" && value.type != u"RegularExpression")
                    return RuleProblem{QStringLiteral("UnsupportedValue"), QStringLiteral("match type %1 of %2 is not supported").arg(value.type, value.name)};
                if (value.type == u"RegularExpression" && !QRegularExpression(value.value).isValid())
                    return RuleProblem{QStringLiteral("UnsupportedValue"), QStringLiteral("regular expression %1 does not compile").arg(value.value)};
            }
        }
        if (!match.method.isEmpty() && !supportedMethods().contains(match.method))
            return RuleProblem{QStringLiteral("UnsupportedValue"), QStringLiteral("method %1 is not supported").arg(match.method)};
    }
    if (const auto problem = validateFilters(rule.filters, rule))
        return problem;
    for (const HTTPBackendRef &backend : rule.backendRefs) {
        if (const auto problem = validateFilters(backend.filters, rule))
            return problem;
    }
    return std::nullopt;
}

std::optional<RuleProblem> Builder::validateFilters(const QList<HTTPRouteFilter> &filters, const HTTPRouteRule &rule) const
{
    static const QStringList known{QStringLiteral("RequestHeaderModifier"), QStringLiteral("ResponseHeaderModifier"),
                                   QStringLiteral("RequestRedirect"),       QStringLiteral("URLRewrite"),
                                   QStringLiteral("RequestMirror"),         QStringLiteral("CORS"),
                                   QStringLiteral("ExtensionRef")};
    QSet<QString> seen;
    for (const HTTPRouteFilter &filter : filters) {
        if (!known.contains(filter.type))
            return RuleProblem{QStringLiteral("UnsupportedValue"), QStringLiteral("filter type %1 is not supported").arg(filter.type)};
        // RequestMirror and ExtensionRef may repeat; every other type at most once (§2.4).
        if (filter.type != u"RequestMirror" && filter.type != u"ExtensionRef" && seen.contains(filter.type))
            return RuleProblem{QStringLiteral("IncompatibleFilters"), QStringLiteral("filter %1 appears more than once").arg(filter.type)};
        seen.insert(filter.type);
        const auto checkPath = [&rule](const std::optional<HTTPPathModifier> &path) -> std::optional<RuleProblem> {
            if (!path)
                return std::nullopt;
            if (path->type != u"ReplaceFullPath" && path->type != u"ReplacePrefixMatch")
                return RuleProblem{QStringLiteral("UnsupportedValue"), QStringLiteral("path modifier type %1 is not supported").arg(path->type)};
            if (path->type == u"ReplacePrefixMatch") {
                for (const HTTPRouteMatch &match : rule.matches) {
                    if (match.path.type != u"PathPrefix")
                        return RuleProblem{QStringLiteral("UnsupportedValue"),
                                           QStringLiteral("ReplacePrefixMatch needs PathPrefix matches, the rule has %1").arg(match.path.type)};
                }
            }
            return std::nullopt;
        };
        if (filter.requestRedirect) {
            if (!RequestRedirect::isSupportedStatus(filter.requestRedirect->statusCode))
                return RuleProblem{QStringLiteral("UnsupportedValue"),
                                   QStringLiteral("redirect status code %1 is not supported").arg(filter.requestRedirect->statusCode)};
            const QString &scheme = filter.requestRedirect->scheme;
            if (!scheme.isEmpty() && scheme != u"http" && scheme != u"https")
                return RuleProblem{QStringLiteral("UnsupportedValue"), QStringLiteral("redirect scheme %1 is not supported").arg(scheme)};
            if (const auto problem = checkPath(filter.requestRedirect->path))
                return problem;
        }
        if (filter.urlRewrite) {
            if (const auto problem = checkPath(filter.urlRewrite->path))
                return problem;
        }
    }
    if (seen.contains(QStringLiteral("URLRewrite")) && seen.contains(QStringLiteral("RequestRedirect")))
        return RuleProblem{QStringLiteral("IncompatibleFilters"), QStringLiteral("URLRewrite and RequestRedirect cannot be combined")};
    return std::nullopt;
}

void Builder::attachRoutes()
{
    for (const HTTPRoute &route : m_cluster.manifests().httpRoutes) {
        ObjectStatus status;
        status.apiVersion = route.meta.apiVersion.isEmpty() ? QStringLiteral("gateway.networking.k8s.io/v1") : route.meta.apiVersion;
        status.kind = HttpRouteKind;
        status.namespaceName = route.meta.namespaceName;
        status.name = route.meta.name;
        RouteState &state = routeState(route);
        for (int p = 0; p < route.parentRefs.size(); ++p)
            attachParent(route, p, state, status);
        m_routeStatuses.append(status);
    }
}

void Builder::attachParent(const HTTPRoute &route, int parentIndex, RouteState &routeState, ObjectStatus &status)
{
    const ParentReference &parent = route.parentRefs[parentIndex];
    const QString path = QStringLiteral("spec.parentRefs[%1]").arg(parentIndex);
    const SourceLocation where = parent.location.isKnown() ? parent.location : route.meta.location;
    if (parent.kind != u"Gateway" || parent.group != GatewayApiGroup)
        return;   // a mesh parent (Service) or another kind: not a Gateway this lab controls
    const QString gatewayKey = (parent.namespaceName.isEmpty() ? route.meta.namespaceName : parent.namespaceName) + u'/' + parent.name;
    const auto stateIndex = m_gatewayIndex.constFind(gatewayKey);
    if (stateIndex == m_gatewayIndex.cend()) {
        m_diagnostics.append(Diagnostic::warning(where, path,
                                                 QStringLiteral("Gateway %1 does not exist or is not programmed; HTTPRoute %2 is not attached to it")
                                                     .arg(gatewayKey, route.meta.key())));
        return;   // no controller owns that parent, so none writes its status
    }
    GatewayState &gateway = m_gatewayStateList[*stateIndex];

    ObjectStatus::Parent parentStatus;
    parentStatus.parentRef = parent;
    parentStatus.controllerName = gateway.controllerName;
    const auto finish = [&](bool accepted, const QString &reason, const QString &message) {
        ObjectStatus::setCondition(parentStatus.conditions, QStringLiteral("Accepted"), accepted, reason, message);
        if (routeState.refProblem) {
            ObjectStatus::setCondition(parentStatus.conditions, QStringLiteral("ResolvedRefs"), false, routeState.refProblem->reason,
                                       routeState.refProblem->message);
        } else {
            ObjectStatus::setCondition(parentStatus.conditions, QStringLiteral("ResolvedRefs"), true, QStringLiteral("ResolvedRefs"),
                                       QStringLiteral("All references resolved"));
        }
        if (accepted && !routeState.droppedRules.isEmpty()) {
            ObjectStatus::setCondition(parentStatus.conditions, QStringLiteral("PartiallyInvalid"), true, QStringLiteral("UnsupportedValue"),
                                       QStringLiteral("Dropped Rule(s): %1").arg(routeState.droppedRules.join(QStringLiteral("; "))));
        }
        status.parents.append(parentStatus);
        if (!accepted) {
            m_diagnostics.append(Diagnostic::warning(where, path,
                                                     QStringLiteral("HTTPRoute %1 is not attached to Gateway %2: %3 (%4)")
                                                         .arg(route.meta.key(), gatewayKey, message, reason)));
        }
    };

    if (!gateway.accepted) {
        finish(false, QStringLiteral("NoMatchingParent"), gateway.notAcceptedMessage);
        return;
    }
    QList<int> selected;
    for (int i = 0; i < gateway.listeners.size(); ++i) {
        const Listener &listener = *gateway.listeners[i].listener;
        if ((!parent.sectionName.isEmpty() && parent.sectionName != listener.name) || (parent.port && *parent.port != listener.port))
            continue;
        selected.append(i);
    }
    if (selected.isEmpty()) {
        QString message;
        if (!parent.sectionName.isEmpty() && parent.port)
            message = QStringLiteral("no listener is named %1 on port %2").arg(parent.sectionName).arg(*parent.port);
        else if (!parent.sectionName.isEmpty())
            message = QStringLiteral("no listener is named %1").arg(parent.sectionName);
        else if (parent.port)
            message = QStringLiteral("no listener on port %1").arg(*parent.port);
        else
            message = QStringLiteral("the Gateway has no listeners");
        finish(false, QStringLiteral("NoMatchingParent"), message);
        return;
    }
    if (routeState.rules.isEmpty() && !routeState.dropped.isEmpty()) {
        finish(false, routeState.dropped.first().reason, QStringLiteral("every rule is invalid: %1").arg(routeState.droppedRules.join(QStringLiteral("; "))));
        return;
    }

    QStringList kindOrNamespace, hostname;
    int attached = 0;
    for (int i : std::as_const(selected)) {
        ListenerState &ls = gateway.listeners[i];
        const Listener &listener = *ls.listener;
        if (!ls.acceptsHttpRoute) {
            kindOrNamespace << QStringLiteral("listener %1 does not allow HTTPRoute").arg(listener.name);
            continue;
        }
        if (const QString why = namespaceRejection(*gateway.gateway, listener, route); !why.isEmpty()) {
            kindOrNamespace << why;
            continue;
        }
        const auto hostnames = Hostnames::effective(listener.hostname, route.hostnames);
        if (!hostnames) {
            hostname << QStringLiteral("no hostname of the route intersects listener %1's %2").arg(listener.name, listener.hostname);
            continue;
        }
        ++attached;
        ++ls.status.attachedRoutes;
        if (!ls.served)
            continue;
        ListenerConfig &target = m_config->sockets[ls.socketIndex].listeners[ls.slotIndex];
        if (std::any_of(target.routes.cbegin(), target.routes.cend(), [&route](const AttachedRoute &r) { return r.key == route.meta.key(); }))
            continue;   // two parentRefs naming the same listener attach once
        target.routes.append(AttachedRoute{route.meta.key(), m_routeAge.value(route.meta.key()), *hostnames, routeState.rules});
    }
    if (attached > 0) {
        finish(true, QStringLiteral("Accepted"), QStringLiteral("Route is accepted"));
        return;
    }
    // A listener that would take the route but for its hostname is the more precise reason.
    if (!hostname.isEmpty())
        finish(false, QStringLiteral("NoMatchingListenerHostname"), hostname.join(QStringLiteral("; ")));
    else
        finish(false, QStringLiteral("NotAllowedByListeners"), kindOrNamespace.join(QStringLiteral("; ")));
}

void Builder::finishGatewayStatuses()
{
    for (const GatewayState &state : std::as_const(m_gatewayStateList)) {
        ObjectStatus &status = m_gatewayStatuses[state.statusIndex];
        int valid = 0, served = 0;
        for (const ListenerState &ls : state.listeners) {
            status.listeners.append(ls.status);
            valid += ls.valid ? 1 : 0;
            served += ls.served ? 1 : 0;
        }
        if (!state.accepted) {
            ObjectStatus::setCondition(status.conditions, QStringLiteral("Accepted"), false, ProfileRules::fsmUnacceptedReason(),
                                       state.notAcceptedMessage);
        } else if (valid == state.listeners.size()) {
            ObjectStatus::setCondition(status.conditions, QStringLiteral("Accepted"), true, QStringLiteral("Accepted"),
                                       QStringLiteral("Gateway is accepted"));
        } else {
            // Accepted with only the valid subset of listeners, or not at all when none is valid.
            ObjectStatus::setCondition(status.conditions, QStringLiteral("Accepted"), valid > 0, QStringLiteral("ListenersNotValid"),
                                       QStringLiteral("%1 of %2 listeners are not valid").arg(state.listeners.size() - valid).arg(state.listeners.size()));
        }
        if (served > 0) {
            ObjectStatus::setCondition(status.conditions, QStringLiteral("Programmed"), true, QStringLiteral("Programmed"),
                                       QStringLiteral("served on %1").arg(QString::fromLatin1(state.address)));
            status.addresses << QString::fromLatin1(state.address);
        } else {
            ObjectStatus::setCondition(status.conditions, QStringLiteral("Programmed"), false, QStringLiteral("Invalid"),
                                       QStringLiteral("no listener of the Gateway is served"));
        }
    }
}

void Builder::buildHostStructures()
{
    for (ListenSocketConfig &socket : m_config->sockets) {
        for (int li = 0; li < socket.listeners.size(); ++li) {
            ListenerConfig &listener = socket.listeners[li];
            // Spec profile: one group per effective route hostname, most specific first.
            for (int ri = 0; ri < listener.routes.size(); ++ri) {
                const AttachedRoute &route = listener.routes[ri];
                const QStringList hostnames = route.hostnames.isEmpty() ? QStringList{QString()} : route.hostnames;
                for (const QString &hostname : hostnames) {
                    auto group = std::find_if(listener.hostGroups.begin(), listener.hostGroups.end(),
                                              [&hostname](const HostGroup &g) { return g.hostname == hostname; });
                    if (group == listener.hostGroups.end()) {
                        listener.hostGroups.append(HostGroup{hostname, hostname.toLatin1(), Hostnames::specificity(hostname), {}});
                        group = listener.hostGroups.end() - 1;
                    }
                    for (int rule = 0; rule < route.rules.size(); ++rule) {
                        for (int m = 0; m < route.rules[rule]->matches.size(); ++m)
                            group->candidates.append(RouteCandidate{li, ri, rule, m});
                    }
                }
            }
            std::stable_sort(listener.hostGroups.begin(), listener.hostGroups.end(), [](const HostGroup &a, const HostGroup &b) {
                return a.specificity != b.specificity ? a.specificity > b.specificity : a.hostname < b.hostname;
            });
        }
        // FSM profile: one host table for the port, in config order: listeners as declared, routes as attached.
        for (int li = 0; li < socket.listeners.size(); ++li) {
            const ListenerConfig &listener = socket.listeners[li];
            for (int ri = 0; ri < listener.routes.size(); ++ri) {
                const AttachedRoute &route = listener.routes[ri];
                // GetValidHostnames: a route without hostnames gets the listener's, or "*".
                QStringList hostnames = route.hostnames;
                if (hostnames.isEmpty())
                    hostnames << (listener.hostname.isEmpty() ? QStringLiteral("*") : listener.hostname.toLower());
                for (const QString &hostname : std::as_const(hostnames)) {
                    auto entry = std::find_if(socket.fsmHosts.begin(), socket.fsmHosts.end(),
                                              [&hostname](const FsmHostEntry &e) { return e.hostname == hostname; });
                    if (entry == socket.fsmHosts.end()) {
                        const bool wildcard = hostname == u"*" || Hostnames::isWildcard(hostname);
                        socket.fsmHosts.append(FsmHostEntry{hostname, hostname.toLatin1(), wildcard, li, {}});
                        entry = socket.fsmHosts.end() - 1;
                    }
                    for (int rule = 0; rule < route.rules.size(); ++rule) {
                        for (int m = 0; m < route.rules[rule]->matches.size(); ++m)
                            entry->candidates.append(RouteCandidate{li, ri, rule, m});
                    }
                }
            }
        }
        const auto entryOf = [&socket](const RouteCandidate &c) {
            const AttachedRoute &route = socket.listeners[c.listenerIndex].routes[c.routeIndex];
            return MatchPrecedence::Entry{&route.rules[c.ruleIndex]->matches[c.matchIndex], route.ageRank, route.key, c.ruleIndex, c.matchIndex};
        };
        const auto sortBy = [&entryOf](ProfileRules::MatchOrderKind order, QList<RouteCandidate> &candidates) {
            std::stable_sort(candidates.begin(), candidates.end(), [&](const RouteCandidate &a, const RouteCandidate &b) {
                return MatchPrecedence::before(order, entryOf(a), entryOf(b));
            });
        };
        for (ListenerConfig &listener : socket.listeners) {
            for (HostGroup &group : listener.hostGroups)
                sortBy(ProfileRules::MatchOrderKind::GatewayApiPrecedence, group.candidates);
        }
        for (FsmHostEntry &entry : socket.fsmHosts)
            sortBy(ProfileRules::MatchOrderKind::FsmTrafficMatchOrder, entry.candidates);
    }
}

std::shared_ptr<RouteRuleConfig> Builder::buildRule(const HTTPRoute &route, int ruleIndex, RouteState &state)
{
    const HTTPRouteRule &rule = route.rules[ruleIndex];
    auto config = std::make_shared<RouteRuleConfig>();
    config->routeKey = route.meta.key();
    config->ruleIndex = ruleIndex;
    config->ruleName = rule.name;
    config->timeouts = rule.timeouts;
    QList<HTTPRouteMatch> matches = rule.matches;
    if (matches.isEmpty())
        matches.append(HTTPRouteMatch{});   // the CRD default: PathPrefix "/"
    for (const HTTPRouteMatch &match : matches)
        config->matches.append(CompiledMatch::compile(match));
    config->filters = compileFilters(route, rule.filters, QStringLiteral("spec.rules[%1].filters").arg(ruleIndex), state);
    QList<int> weights;
    for (int b = 0; b < rule.backendRefs.size(); ++b) {
        const HTTPBackendRef &ref = rule.backendRefs[b];
        const QString path = QStringLiteral("spec.rules[%1].backendRefs[%2]").arg(ruleIndex).arg(b);
        RouteBackend backend = resolveBackend(route, ref.ref, path, state);
        backend.weight = ref.weight;
        backend.filters = compileFilters(route, ref.filters, path + QStringLiteral(".filters"), state);
        config->backends.append(backend);
        weights.append(ref.weight);
    }
    config->backendBalancer = std::make_unique<PipyRoundRobin>(weights);
    return config;
}

std::shared_ptr<const FilterChain> Builder::compileFilters(const HTTPRoute &route, const QList<HTTPRouteFilter> &filters, const QString &path,
                                                           RouteState &state)
{
    if (filters.isEmpty())
        return nullptr;
    auto chain = std::make_shared<FilterChain>();
    for (int f = 0; f < filters.size(); ++f) {
        const HTTPRouteFilter &filter = filters[f];
        if (filter.requestHeaderModifier && filter.type == u"RequestHeaderModifier") {
            const HeaderModifier modifier(*filter.requestHeaderModifier);
            chain->requestSteps.append({FilterChain::StepKind::RequestHeaders, int(chain->requestHeaders.size())});
            chain->requestHeaders.append(modifier);
            chain->descriptions << QStringLiteral("RequestHeaderModifier: %1").arg(modifier.describe());
        } else if (filter.responseHeaderModifier && filter.type == u"ResponseHeaderModifier") {
            const HeaderModifier modifier(*filter.responseHeaderModifier);
            chain->responseHeaders.append(modifier);
            chain->descriptions << QStringLiteral("ResponseHeaderModifier: %1").arg(modifier.describe());
        } else if (filter.requestRedirect && filter.type == u"RequestRedirect") {
            chain->redirect = RequestRedirect(*filter.requestRedirect);
            chain->descriptions << QStringLiteral("RequestRedirect (%1)").arg(filter.requestRedirect->statusCode);
        } else if (filter.urlRewrite && filter.type == u"URLRewrite") {
            FilterChain::UrlRewrite rewrite;
            rewrite.hostname = filter.urlRewrite->hostname.toLatin1();
            if (filter.urlRewrite->path)
                rewrite.path = PathModifier(*filter.urlRewrite->path);
            chain->rewrite = rewrite;
            chain->requestSteps.append({FilterChain::StepKind::UrlRewrite, 0});
            QStringList parts;
            if (!filter.urlRewrite->hostname.isEmpty())
                parts << QStringLiteral("hostname %1").arg(filter.urlRewrite->hostname);
            if (filter.urlRewrite->path) {
                const HTTPPathModifier &modifier = *filter.urlRewrite->path;
                parts << QStringLiteral("%1 %2").arg(modifier.type, modifier.type == u"ReplacePrefixMatch" ? modifier.replacePrefixMatch : modifier.replaceFullPath);
            }
            chain->descriptions << QStringLiteral("URLRewrite: %1").arg(parts.join(QStringLiteral(", ")));
        } else if (filter.requestMirror && filter.type == u"RequestMirror") {
            const HTTPRequestMirrorFilter &mirror = *filter.requestMirror;
            auto target = std::make_unique<FilterChain::Mirror>();
            const RouteBackend resolved = resolveBackend(route, mirror.backendRef, path + QStringLiteral("[%1].requestMirror.backendRef").arg(f), state);
            target->displayName = resolved.displayName;
            target->service = resolved.service;
            target->invalidReason = resolved.invalidReason;
            if (mirror.percent) {
                target->numerator = quint64(*mirror.percent);
                target->denominator = 100;
            } else if (mirror.fractionNumerator) {
                target->numerator = quint64(*mirror.fractionNumerator);
                target->denominator = quint64(qMax(1, mirror.fractionDenominator));
            }
            chain->descriptions << QStringLiteral("RequestMirror to %1 (%2 of %3 requests)%4")
                                       .arg(target->displayName)
                                       .arg(target->numerator)
                                       .arg(target->denominator)
                                       .arg(target->service ? QString() : QStringLiteral(": dropped, ") + target->invalidReason);
            chain->requestSteps.append({FilterChain::StepKind::Mirror, int(chain->mirrors.size())});
            chain->mirrors.push_back(std::move(target));
        } else if (filter.cors && filter.type == u"CORS") {
            chain->cors = CorsPolicy(*filter.cors);
            chain->descriptions << QStringLiteral("CORS: origins %1").arg(filter.cors->allowOrigins.join(QStringLiteral(", ")));
        } else if (filter.type == u"ExtensionRef") {
            // An unresolvable ExtensionRef must not be skipped (§1.5): its requests get 500.
            const QString what = filter.extensionRef ? QStringLiteral("%1/%2 %3").arg(filter.extensionRef->group, filter.extensionRef->kind, filter.extensionRef->name)
                                                     : QStringLiteral("(empty)");
            chain->failure = QStringLiteral("ExtensionRef %1 cannot be resolved: the lab has no extension filters").arg(what);
            chain->descriptions << chain->failure;
            m_diagnostics.append(Diagnostic::warning(filter.location.isKnown() ? filter.location : route.meta.location, path,
                                                     chain->failure + QStringLiteral("; requests the rule matches get 500")));
        }
    }
    return chain;
}

bool Builder::referenceGranted(const QString &fromKind, const QString &fromNamespace, const QString &toNamespace, const QString &toKind,
                               const QString &toName) const
{
    for (const ReferenceGrant &grant : m_cluster.manifests().referenceGrants) {
        if (grant.meta.namespaceName != toNamespace)
            continue;
        const bool fromOk = std::any_of(grant.from.cbegin(), grant.from.cend(), [&](const ReferenceGrant::From &from) {
            return from.group == GatewayApiGroup && from.kind == fromKind && from.namespaceName == fromNamespace;
        });
        const bool toOk = std::any_of(grant.to.cbegin(), grant.to.cend(), [&](const ReferenceGrant::To &to) {
            return isCoreGroup(to.group) && to.kind == toKind && (to.name.isEmpty() || to.name == toName);
        });
        if (fromOk && toOk)
            return true;
    }
    return false;
}

bool Builder::secretExists(const QString &namespaceName, const QString &name) const
{
    const auto &aside = m_cluster.manifests().setAside;
    return std::any_of(aside.cbegin(), aside.cend(), [&](const ObjectMeta &meta) {
        return meta.kind == u"Secret" && meta.namespaceName == namespaceName && meta.name == name;
    });
}

RouteBackend Builder::resolveBackend(const HTTPRoute &route, const BackendObjectReference &ref, const QString &path, RouteState &state)
{
    RouteBackend backend;
    const QString ns = ref.namespaceName.isEmpty() ? route.meta.namespaceName : ref.namespaceName;
    backend.displayName = ns + u'/' + ref.name + (ref.port ? u':' + QString::number(*ref.port) : QString());
    const SourceLocation where = ref.location.isKnown() ? ref.location : route.meta.location;
    const auto invalid = [&](const QString &reason, const QString &message) {
        backend.invalidReason = message;
        if (!state.refProblem)
            state.refProblem = RefProblem{reason, message};
        m_diagnostics.append(Diagnostic::warning(where, path, message + QStringLiteral(" (%1); its share of requests is answered with 500").arg(reason)));
        return backend;
    };
    if (!isCoreGroup(ref.group) || ref.kind != u"Service")
        return invalid(QStringLiteral("InvalidKind"), QStringLiteral("backend kind %1 (group \"%2\") is not supported").arg(ref.kind, ref.group));
    // The grant is checked first: without one, the route may not even learn whether the Service exists.
    if (ns != route.meta.namespaceName && !referenceGranted(HttpRouteKind, route.meta.namespaceName, ns, QStringLiteral("Service"), ref.name)) {
        return invalid(QStringLiteral("RefNotPermitted"), QStringLiteral("no ReferenceGrant in namespace %1 allows HTTPRoutes from %2 to use Service %3")
                                                              .arg(ns, route.meta.namespaceName, ref.name));
    }
    const Service *service = m_cluster.findService(ns, ref.name);
    if (!service)
        return invalid(QStringLiteral("BackendNotFound"), QStringLiteral("Service %1/%2 not found").arg(ns, ref.name));
    if (!ref.port)
        return invalid(QStringLiteral("BackendNotFound"), QStringLiteral("port is required for a Service backend"));
    const ServicePort *port = service->findPort(*ref.port);
    if (!port)
        return invalid(QStringLiteral("BackendNotFound"), QStringLiteral("Service %1/%2 has no port %3").arg(ns, ref.name).arg(*ref.port));
    // The lab speaks HTTP/1.1 to backends: h2c and WebSocket ports cannot be served (§2.5).
    if (!port->appProtocol.isEmpty() && port->appProtocol.compare(u"http", Qt::CaseInsensitive) != 0
        && port->appProtocol != u"kubernetes.io/http") {
        return invalid(QStringLiteral("UnsupportedProtocol"),
                       QStringLiteral("port %1 of Service %2/%3 has appProtocol %4, which the lab cannot speak").arg(*ref.port).arg(ns, ref.name, port->appProtocol));
    }
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

} // namespace

const ObjectStatus *Controller::Result::status(const QString &kind, const QString &key) const
{
    for (const ObjectStatus &candidate : statuses) {
        if (candidate.kind == kind && candidate.key() == key)
            return &candidate;
    }
    return nullptr;
}

Controller::Result Controller::build(const Cluster &cluster, const Options &options, quint64 version)
{
    return Builder(cluster, options, version).run();
}

Profile Controller::profileFor(const QString &controllerName)
{
    return controllerName == Cluster::fsmControllerName() ? Profile::Fsm : Profile::Spec;
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
