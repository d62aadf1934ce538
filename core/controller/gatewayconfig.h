#pragma once

#include "backendservice.h"
#include "filterchain.h"
#include "manifest/httproute.h"
#include "profile.h"

#include <QDateTime>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <memory>

namespace gw {

// The controller's output: an immutable, versioned snapshot of everything the data plane needs.
// A new snapshot is built for every change and swapped in atomically; requests in flight keep
// the snapshot they started with (it is held by shared_ptr). Everything a request compares is
// stored as bytes, so matching a request allocates nothing.

struct RouteBackend
{
    QString displayName;                           // "ns/name:port" or the ref as written
    int weight = 1;
    std::shared_ptr<BackendService> service;       // null: invalid reference, answered with invalidStatus
    int invalidStatus = 500;
    QString invalidReason;                         // e.g. "Service gateway-conformance-web-backend/x not found"
    std::shared_ptr<const FilterChain> filters;    // backendRefs[].filters; null when none
};

// A match with its regular expressions compiled once, when the snapshot is built.
struct CompiledMatch
{
    enum class PathKind { Exact, Prefix, Regex };
    struct ValueMatch
    {
        QByteArray name;
        QByteArray value;
        QRegularExpression regex;                  // valid only for RegularExpression matches
        bool isRegex = false;
    };

    HTTPRouteMatch match;                          // as written, for display and status
    PathKind pathKind = PathKind::Prefix;
    QByteArray pathValue;                          // as written
    QByteArray prefixWithoutSlash;                 // Prefix: pathValue without trailing '/' ("/" → "")
    QRegularExpression pathRegex;                  // anchored
    QByteArray method;
    QList<ValueMatch> headers;
    QList<ValueMatch> queryParams;

    static CompiledMatch compile(const HTTPRouteMatch &match);
    // "PathPrefix /v2, header version=two" for the decision trail.
    QString describe() const;
};

struct RouteRuleConfig
{
    QString routeKey;                              // namespace/name of the HTTPRoute
    int ruleIndex = 0;
    QString ruleName;
    QList<CompiledMatch> matches;
    std::shared_ptr<const FilterChain> filters;    // rules[].filters; null when none
    QList<RouteBackend> backends;
    std::unique_ptr<PipyRoundRobin> backendBalancer;   // over backends by weight (FSM §3.2)
    HTTPRouteTimeouts timeouts;

    // "rule 2 of HTTPRoute ns/name" (or its name when the rule has one).
    QString displayName() const;
};

struct AttachedRoute
{
    QString key;                                   // namespace/name
    int ageRank = 0;                               // 0 = oldest route of the configuration
    QStringList hostnames;                         // effective for this listener (lower-case); empty = any host
    QList<std::shared_ptr<RouteRuleConfig>> rules;
};

// One (route, rule, match) a request can select.
struct RouteCandidate
{
    int listenerIndex = 0;                         // into ListenSocketConfig::listeners
    int routeIndex = 0;                            // into ListenerConfig::routes
    int ruleIndex = 0;                             // into AttachedRoute::rules
    int matchIndex = 0;                            // into RouteRuleConfig::matches
};

// Spec profile: the candidates of one listener that serve one effective route hostname, in
// precedence order (spec/gateway-api.md §2.3 steps 1-8). A listener's groups run from the most
// specific hostname to "any host", which is step 0 of the precedence.
struct HostGroup
{
    QString hostname;                              // empty: any host
    QByteArray pattern;                            // lower-case bytes of hostname
    qint64 specificity = -1;
    QList<RouteCandidate> candidates;
};

// FSM profile: one entry of the per-port host table route.js looks hosts up in (spec/fsm-gateway.md §5),
// its candidates in FSM's ByHTTPTrafficMatch order.
struct FsmHostEntry
{
    QString hostname;                              // "*" for a route served on any host
    QByteArray pattern;                            // lower-case bytes
    bool wildcard = false;                         // "*" or "*.suffix"
    int listenerIndex = 0;                         // the first listener that contributed it
    QList<RouteCandidate> candidates;
};

struct ListenerConfig
{
    QString gatewayKey;                            // namespace/name
    QString name;
    int port = 0;                                  // as written in the Gateway
    QString hostname;                              // empty: any host
    QByteArray hostnamePattern;                    // lower-case bytes
    qint64 hostnameRank = -1;                      // exact above every wildcard, wildcards by length, -1 = any host
    Profile profile = Profile::Fsm;
    QList<AttachedRoute> routes;
    QList<HostGroup> hostGroups;                   // most specific hostname first

    QString displayName() const { return gatewayKey + u'/' + name; }
};

// One socket the data plane listens on; several listeners of one Gateway may share it (same port,
// different hostnames), and the Host header picks among them. Both profiles' host structures are
// built for every socket so that the decision trail can say what the other profile would do.
struct ListenSocketConfig
{
    QString gatewayKey;
    QByteArray address;                            // 127.0.0.x
    quint16 bindPort = 0;                          // listener port, +60000 below 1024 (FSM), + offset
    int listenerPort = 0;
    Profile profile = Profile::Fsm;
    QList<ListenerConfig> listeners;
    QList<FsmHostEntry> fsmHosts;                  // exact and wildcard entries in config order

    QString url() const;
};

struct GatewayConfig
{
    quint64 version = 0;
    QDateTime builtAt;
    QList<ListenSocketConfig> sockets;
    QList<std::shared_ptr<BackendService>> services;

    const ListenSocketConfig *findSocket(QByteArrayView address, quint16 port) const;
};

} // namespace gw
