#include "topologytext.h"

#include "controller/controller.h"
#include "mock/mockbehaviour.h"
#include "sticky/stickycookie.h"

#include <QTextStream>

namespace gw {

namespace {

QString describeMatch(const HTTPRouteMatch &match)
{
    QStringList parts{match.path.type + u' ' + match.path.value};
    if (!match.method.isEmpty())
        parts << match.method;
    for (const HTTPHeaderMatch &header : match.headers)
        parts << QStringLiteral("header %1%2%3").arg(header.name, header.type == u"Exact" ? QStringLiteral("=") : QStringLiteral("~"), header.value);
    for (const HTTPQueryParamMatch &param : match.queryParams)
        parts << QStringLiteral("query %1%2%3").arg(param.name, param.type == u"Exact" ? QStringLiteral("=") : QStringLiteral("~"), param.value);
    return parts.join(QStringLiteral(", "));
}

QString describeParent(const ParentReference &parent, const QString &routeNamespace)
{
    QString text = (parent.namespaceName.isEmpty() ? routeNamespace : parent.namespaceName) + u'/' + parent.name;
    if (!parent.sectionName.isEmpty())
        text += QStringLiteral(" listener %1").arg(parent.sectionName);
    if (parent.port)
        text += QStringLiteral(" port %1").arg(*parent.port);
    return text;
}

} // namespace

QString TopologyText::render(const Cluster &cluster, const GatewayConfig &config)
{
    QString text;
    QTextStream out(&text);
    const ManifestSet &set = cluster.manifests();

    out << "Gateways\n";
    if (set.gateways.isEmpty())
        out << "  (none)\n";
    for (const Gateway &gateway : set.gateways) {
        const ListenSocketConfig *anySocket = nullptr;
        for (const ListenSocketConfig &socket : config.sockets) {
            if (socket.gatewayKey == gateway.meta.key())
                anySocket = &socket;
        }
        out << "  " << gateway.meta.key() << "  class " << gateway.gatewayClassName;
        const bool classKnown = std::any_of(set.gatewayClasses.cbegin(), set.gatewayClasses.cend(),
                                            [&gateway](const GatewayClass &c) { return c.meta.name == gateway.gatewayClassName; });
        if (anySocket)
            out << " (" << profileName(anySocket->profile) << " profile)";
        else if (classKnown)
            out << " (no plain HTTP listener to serve)";
        else
            out << " (not programmed: unknown class)";
        out << '\n';
        for (const Listener &listener : gateway.listeners) {
            out << "    listener " << listener.name << "  " << listener.protocol << " port " << listener.port;
            if (!listener.hostname.isEmpty())
                out << " hostname " << listener.hostname;
            out << "  routes from " << listener.allowedNamespacesFrom;
            const ListenerConfig *served = nullptr;
            const ListenSocketConfig *servedSocket = nullptr;
            for (const ListenSocketConfig &socket : config.sockets) {
                for (const ListenerConfig &candidate : socket.listeners) {
                    if (candidate.gatewayKey == gateway.meta.key() && candidate.name == listener.name) {
                        served = &candidate;
                        servedSocket = &socket;
                    }
                }
            }
            if (served) {
                out << "  → " << servedSocket->url() << "  " << served->routes.size() << (served->routes.size() == 1 ? " route" : " routes");
            } else {
                out << "  (not served)";
            }
            out << '\n';
        }
    }

    out << "\nRoutes\n";
    if (set.httpRoutes.isEmpty())
        out << "  (none)\n";
    for (const HTTPRoute &route : set.httpRoutes) {
        out << "  " << route.meta.key();
        if (!route.hostnames.isEmpty())
            out << "  hostnames " << route.hostnames.join(QStringLiteral(", "));
        out << '\n';
        for (const ParentReference &parent : route.parentRefs) {
            const QString gatewayKey = (parent.namespaceName.isEmpty() ? route.meta.namespaceName : parent.namespaceName) + u'/' + parent.name;
            QStringList attachedTo;
            for (const ListenSocketConfig &socket : config.sockets) {
                for (const ListenerConfig &listener : socket.listeners) {
                    for (const AttachedRoute &attached : listener.routes) {
                        if (attached.key == route.meta.key() && listener.gatewayKey == gatewayKey)
                            attachedTo << listener.name;
                    }
                }
            }
            out << "    parent " << describeParent(parent, route.meta.namespaceName) << ": "
                << (attachedTo.isEmpty() ? QStringLiteral("not attached") : QStringLiteral("attached to listener %1").arg(attachedTo.join(QStringLiteral(", "))))
                << '\n';
        }
        for (int r = 0; r < route.rules.size(); ++r) {
            const HTTPRouteRule &rule = route.rules[r];
            QStringList matches;
            for (const HTTPRouteMatch &match : rule.matches)
                matches << describeMatch(match);
            if (matches.isEmpty())
                matches << QStringLiteral("PathPrefix / (default)");
            QStringList backends;
            for (const HTTPBackendRef &backend : rule.backendRefs) {
                const QString ns = backend.ref.namespaceName.isEmpty() ? route.meta.namespaceName : backend.ref.namespaceName;
                backends << QStringLiteral("%1/%2%3 weight %4")
                                .arg(ns, backend.ref.name, backend.ref.port ? u':' + QString::number(*backend.ref.port) : QString())
                                .arg(backend.weight);
            }
            out << "    rule " << r << "  " << matches.join(QStringLiteral(" | ")) << "  → "
                << (backends.isEmpty() ? QStringLiteral("(no backends)") : backends.join(QStringLiteral(", "))) << '\n';
            for (const HTTPRouteFilter &filter : rule.filters)
                out << "      filter " << filter.type << '\n';
        }
    }

    out << "\nServices\n";
    if (set.services.isEmpty())
        out << "  (none)\n";
    QHash<QString, const BackendService *> backends;
    for (const auto &backend : config.services)
        backends.insert(backend->key, backend.get());
    QHash<QString, MockBehaviour> behaviours;
    for (const MockPod &pod : cluster.mockPods())
        behaviours.insert(pod.endpointKey(), pod.behaviour);
    for (const Service &service : set.services) {
        out << "  " << service.meta.key();
        if (service.hasSelector) {
            QStringList selector;
            for (auto it = service.selector.cbegin(); it != service.selector.cend(); ++it)
                selector << it.key() + u'=' + it.value();
            out << "  selector " << selector.join(u',');
        }
        out << '\n';
        for (const ServicePort &port : service.ports) {
            out << "    port " << port.port << " → targetPort "
                << (port.targetPortName.isEmpty() ? QString::number(port.effectiveTargetPortNumber()) : port.targetPortName);
            const QString key = service.meta.key() + u':' + QString::number(port.port);
            const BackendService *backend = backends.value(key);
            std::optional<StickyConfig> sticky = backend ? backend->sticky : std::nullopt;
            if (sticky)
                out << "  sticky cookie " << QString::fromLatin1(sticky->cookieName) << ", max-age " << sticky->expires << " s (" << sticky->policyKey << ')';
            out << '\n';
            const QList<ServiceEndpoint> endpoints = cluster.endpoints(service, port);
            if (endpoints.isEmpty())
                out << "      (no endpoints)\n";
            for (const ServiceEndpoint &endpoint : endpoints) {
                const QString who = endpoint.isPod() ? endpoint.podName : QStringLiteral("(address)");
                out << "      " << who.leftJustified(24) << ' ' << endpoint.key().leftJustified(21) << ' ';
                if (endpoint.isPod()) {
                    const auto behaviour = behaviours.constFind(endpoint.key());
                    out << (behaviour == behaviours.cend() ? QStringLiteral("refuses connections") : behaviour->describe());
                    if (const ClusterPod *pod = cluster.findPod(endpoint.podKey()); pod && pod->state != ClusterPod::State::Running)
                        out << " [" << ClusterPod::stateName(pod->state) << ']';
                } else {
                    out << "real server on this machine";
                }
                if (sticky)
                    out << "  cookie " << QString::fromLatin1(sticky->cookieName) << '=' << QString::fromLatin1(StickyCookie::value(endpoint.key().toLatin1()));
                out << '\n';
            }
        }
    }

    out << "\nPolicies\n";
    if (set.sessionStickyPolicies.isEmpty())
        out << "  (none)\n";
    for (const SessionStickyPolicy &policy : set.sessionStickyPolicies) {
        const QString ns = policy.targetRef.namespaceName.isEmpty() ? policy.meta.namespaceName : policy.targetRef.namespaceName;
        out << "  " << policy.meta.key() << "  SessionStickyPolicy → " << policy.targetRef.kind << ' ' << ns << '/' << policy.targetRef.name;
        if (policy.targetRef.kind == u"Service" && !cluster.findService(ns, policy.targetRef.name))
            out << " (not found)";
        out << '\n';
        for (const SessionStickyPolicy::PortConfig &port : policy.ports) {
            const auto effective = policy.effectiveConfig(port.port);
            out << "    port " << port.port << ": ";
            if (effective)
                out << "cookie " << effective->cookieName << ", expires " << effective->expires << " s";
            else
                out << "no config";
            out << '\n';
        }
    }
    return text;
}

QString TopologyText::renderStatusProblems(const QList<ObjectStatus> &statuses)
{
    // Conditions whose healthy value is False; every other condition is healthy when True.
    const auto unhealthy = [](const ObjectStatus::Condition &condition) {
        const bool healthyWhenFalse = condition.type == u"Conflicted";
        return healthyWhenFalse ? condition.status != u"False" : condition.status != u"True";
    };
    const auto line = [](const QString &who, const ObjectStatus::Condition &condition) {
        return QStringLiteral("  %1: %2=%3 %4: %5\n").arg(who, condition.type, condition.status, condition.reason, condition.message);
    };
    QString text;
    for (const ObjectStatus &status : statuses) {
        const QString who = status.kind + u' ' + status.key();
        for (const ObjectStatus::Condition &condition : status.conditions) {
            if (unhealthy(condition))
                text += line(who, condition);
        }
        for (const ObjectStatus::Listener &listener : status.listeners) {
            for (const ObjectStatus::Condition &condition : listener.conditions) {
                if (unhealthy(condition))
                    text += line(QStringLiteral("%1 listener %2").arg(who, listener.name), condition);
            }
        }
        for (const ObjectStatus::Parent &parent : status.parents) {
            const QString parentKey = (parent.parentRef.namespaceName.isEmpty() ? status.namespaceName : parent.parentRef.namespaceName) + u'/'
                                      + parent.parentRef.name;
            for (const ObjectStatus::Condition &condition : parent.conditions) {
                // PartiallyInvalid is only ever written as True, and then it is the news.
                if (unhealthy(condition) || condition.type == u"PartiallyInvalid")
                    text += line(QStringLiteral("%1 → parent %2").arg(who, parentKey), condition);
            }
        }
    }
    if (text.isEmpty())
        return text;
    return QStringLiteral("\nStatus (conditions that need attention)\n") + text;
}

QString TopologyText::renderDiagnostics(const Diagnostics &diagnostics)
{
    QString text;
    for (const Diagnostic &diagnostic : diagnostics)
        text += diagnostic.toString() + u'\n';
    const qsizetype errors = errorCount(diagnostics);
    const qsizetype warnings = warningCount(diagnostics);
    text += QStringLiteral("%1 %2, %3 %4\n")
                .arg(errors)
                .arg(errors == 1 ? QStringLiteral("error") : QStringLiteral("errors"))
                .arg(warnings)
                .arg(warnings == 1 ? QStringLiteral("warning") : QStringLiteral("warnings"));
    return text;
}

} // namespace gw
