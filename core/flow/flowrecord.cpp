#include "flowrecord.h"

#include "controller/gatewayconfig.h"
#include "http/httprequest.h"
#include "routing/router.h"

#include <QDateTime>

namespace gw {

QString FlowRecord::endpointChoiceName(EndpointChoice choice)
{
    switch (choice) {
    case EndpointChoice::None: return QStringLiteral("none");
    case EndpointChoice::Cookie: return QStringLiteral("cookie");
    case EndpointChoice::Balancer: return QStringLiteral("balancer");
    case EndpointChoice::ConnectionPinned: return QStringLiteral("connection");
    }
    return {};
}

QString FlowRecord::stickyDecisionName(StickyDecision decision)
{
    switch (decision) {
    case StickyDecision::None: return QStringLiteral("none");
    case StickyDecision::Issued: return QStringLiteral("new cookie");
    case StickyDecision::Honoured: return QStringLiteral("cookie honoured");
    case StickyDecision::Repinned: return QStringLiteral("re-pinned");
    }
    return {};
}

QStringList FlowRecord::decisionTrail() const
{
    QStringList trail;
    trail << QStringLiteral("listener %1 of Gateway %2 (%3 profile) on %4:%5")
                 .arg(listenerName.isEmpty() ? QStringLiteral("(none)") : listenerName, gatewayKey, profileName(profile),
                      QString::fromLatin1(gatewayAddress))
                 .arg(gatewayPort);
    const QStringList why = routingExplanation();
    trail << why;
    if (listenerName.isEmpty()) {
        trail << QStringLiteral("no listener accepts host %1: 404").arg(QString::fromLatin1(host));
        return trail;
    }
    if (routeKey.isEmpty()) {
        trail << QStringLiteral("no rule of the attached routes matches %1 %2 on host %3: 404")
                     .arg(QString::fromLatin1(method), QString::fromLatin1(target), QString::fromLatin1(host));
        return trail;
    }
    trail << QStringLiteral("HTTPRoute %1 rule %2 match %3 accepted the request%4")
                 .arg(routeKey)
                 .arg(ruleIndex)
                 .arg(matchIndex)
                 .arg(matchedHostname.isEmpty() ? QString() : QStringLiteral(" (hostname %1)").arg(matchedHostname));
    for (const QString &filter : filterDescriptions())
        trail << QStringLiteral("filter %1").arg(filter);
    for (const QString &endpoint : mirroredTo)
        trail << QStringLiteral("a copy of the request was mirrored to %1; its answer is ignored").arg(endpoint);
    if (status >= 300 && status < 400 && responseHeaders.contains("location"))
        trail << QStringLiteral("redirected with %1 to %2").arg(status).arg(QString::fromLatin1(responseHeaders.value("location")));
    if (serviceKey.isEmpty()) {
        if (!error.isEmpty())
            trail << error;
        return trail;
    }
    trail << (backendCount > 1 ? QStringLiteral("Service %1 chosen by backendRef weight among %2 backends").arg(serviceKey).arg(backendCount)
                               : QStringLiteral("Service %1 is the rule's only backend").arg(serviceKey));
    switch (stickyDecision) {
    case StickyDecision::None:
        trail << QStringLiteral("no SessionStickyPolicy on %1").arg(serviceKey);
        break;
    case StickyDecision::Honoured:
        trail << QStringLiteral("cookie %1=%2 names endpoint %3: balancer bypassed, no Set-Cookie")
                     .arg(QString::fromLatin1(cookieName), QString::fromLatin1(cookieReceived), endpointKey);
        break;
    case StickyDecision::Issued:
        trail << QStringLiteral("no %1 cookie in the request: the balancer chooses").arg(QString::fromLatin1(cookieName));
        break;
    case StickyDecision::Repinned:
        trail << QStringLiteral("cookie %1=%2 names no current endpoint of %3 (pod gone, new IP or garbage): the balancer chooses")
                     .arg(QString::fromLatin1(cookieName), QString::fromLatin1(cookieReceived), serviceKey);
        break;
    }
    if (endpointKey.isEmpty()) {
        trail << (error.isEmpty() ? QStringLiteral("no endpoint available") : error);
        return trail;
    }
    const QString pod = podKey.isEmpty() ? QStringLiteral("an address outside the cluster") : QStringLiteral("pod %1").arg(podKey);
    switch (endpointChoice) {
    case EndpointChoice::Balancer:
        trail << QStringLiteral("balancer (round robin) picked %1, %2").arg(endpointKey, pod);
        break;
    case EndpointChoice::ConnectionPinned:
        trail << QStringLiteral("endpoint %1, %2, pinned to this client connection by an earlier request (HTTP/1 per-connection balancing)")
                     .arg(endpointKey, pod);
        break;
    case EndpointChoice::Cookie:
        trail << QStringLiteral("endpoint %1, %2, from the cookie").arg(endpointKey, pod);
        break;
    case EndpointChoice::None:
        break;
    }
    if (!cookieIssued.isNull())
        trail << QStringLiteral("Set-Cookie %1=%2 added to the response").arg(QString::fromLatin1(cookieName), QString::fromLatin1(cookieIssued));
    trail << (upstreamReused ? QStringLiteral("upstream connection reused from the pool") : QStringLiteral("new upstream connection"));
    if (!error.isEmpty())
        trail << error;
    return trail;
}

QStringList FlowRecord::routingExplanation() const
{
    if (!config)
        return {};
    const ListenSocketConfig *socket = config->findSocket(gatewayAddress, gatewayPort);
    if (!socket)
        return {};
    HttpRequest request;
    request.method = method;
    request.target = target;
    request.headers = requestHeaders;
    return Router::explain(*socket, RequestFacts::of(request, host));
}

QStringList FlowRecord::filterDescriptions() const
{
    QStringList descriptions;
    if (!config || routeKey.isEmpty())
        return descriptions;
    const ListenSocketConfig *socket = config->findSocket(gatewayAddress, gatewayPort);
    if (!socket)
        return descriptions;
    for (const ListenerConfig &listener : socket->listeners) {
        for (const AttachedRoute &route : listener.routes) {
            if (route.key != routeKey)
                continue;
            for (const auto &rule : route.rules) {
                if (rule->ruleIndex != ruleIndex)
                    continue;
                if (rule->filters)
                    descriptions << rule->filters->descriptions;
                for (const RouteBackend &backend : rule->backends) {
                    const QString key = backend.service ? backend.service->key : backend.displayName;
                    if (key == serviceKey && backend.filters)
                        descriptions << backend.filters->descriptions;
                }
                return descriptions;
            }
        }
    }
    return descriptions;
}

QString FlowRecord::summaryLine() const
{
    const QString time = QDateTime::fromMSecsSinceEpoch(startedAtMs, Qt::UTC).toString(Qt::ISODateWithMs);
    QString line = QStringLiteral("%1 #%2 %3:%4 %5 %6 %7 → %8")
                       .arg(time)
                       .arg(id)
                       .arg(QString::fromLatin1(clientAddress))
                       .arg(clientPort)
                       .arg(QString::fromLatin1(method), QString::fromLatin1(host), QString::fromLatin1(target))
                       .arg(status);
    line += QStringLiteral(" %1us").arg(durationUs);
    if (!routeKey.isEmpty())
        line += QStringLiteral(" route=%1#%2").arg(routeKey).arg(ruleIndex);
    if (!serviceKey.isEmpty())
        line += QStringLiteral(" service=%1").arg(serviceKey);
    if (!endpointKey.isEmpty())
        line += QStringLiteral(" endpoint=%1").arg(endpointKey);
    if (!podKey.isEmpty())
        line += QStringLiteral(" pod=%1").arg(podKey);
    line += QStringLiteral(" by=%1").arg(endpointChoiceName(endpointChoice));
    if (stickyDecision != StickyDecision::None) {
        line += QStringLiteral(" sticky=\"%1\"").arg(stickyDecisionName(stickyDecision));
        if (!cookieReceived.isNull())
            line += QStringLiteral(" cookie=%1").arg(QString::fromLatin1(cookieReceived));
        if (!cookieIssued.isNull())
            line += QStringLiteral(" set-cookie=%1").arg(QString::fromLatin1(cookieIssued));
    }
    line += upstreamReused ? QStringLiteral(" upstream=reused") : QString();
    if (!error.isEmpty())
        line += QStringLiteral(" error=\"%1\"").arg(error);
    return line;
}

} // namespace gw
