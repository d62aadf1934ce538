#pragma once

#include "backendservice.h"
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
// the snapshot they started with (it is held by shared_ptr).

struct RouteBackend
{
    QString displayName;                           // "ns/name:port" or the ref as written
    int weight = 1;
    std::shared_ptr<BackendService> service;       // null: invalid reference, answered with invalidStatus
    int invalidStatus = 500;
    QString invalidReason;                         // e.g. "Service gateway-conformance-web-backend/x not found"
    QList<HTTPRouteFilter> filters;
};

// A match with its regular expressions compiled once, when the snapshot is built.
// Everything is converted to bytes up front so that matching a request allocates nothing.
struct CompiledMatch
{
    enum class PathKind { Exact, Prefix, Regex };
    struct ValueMatch
    {
        QByteArray name;
        QByteArray value;
        QRegularExpression regex;                  // valid only for RegularExpression matches
    };

    HTTPRouteMatch match;                          // as written, for display and status
    PathKind pathKind = PathKind::Prefix;
    QByteArray pathValue;                          // Prefix: without trailing '/' (but "/" stays "/")
    QRegularExpression pathRegex;
    QByteArray method;
    QList<ValueMatch> headers;
    QList<ValueMatch> queryParams;

    static CompiledMatch compile(const HTTPRouteMatch &match);
};

struct RouteRuleConfig
{
    QString routeKey;                              // namespace/name of the HTTPRoute
    int ruleIndex = 0;
    QString ruleName;
    QList<CompiledMatch> matches;
    QList<HTTPRouteFilter> filters;
    QList<RouteBackend> backends;
    std::unique_ptr<PipyRoundRobin> backendBalancer;   // over backends by weight (FSM §3.2)
    HTTPRouteTimeouts timeouts;
};

struct AttachedRoute
{
    QString key;                                   // namespace/name
    int creationOrder = 0;
    QStringList hostnames;                         // effective for this listener; empty = any host
    QList<std::shared_ptr<RouteRuleConfig>> rules;
};

// One (route, rule, match) a request can select, in precedence order within a listener.
struct RouteCandidate
{
    int routeIndex = 0;                            // into ListenerConfig::routes
    int ruleIndex = 0;                             // into AttachedRoute::rules
    int matchIndex = 0;                            // into RouteRuleConfig::matches
};

struct ListenerConfig
{
    QString gatewayKey;                            // namespace/name
    QString name;
    int port = 0;                                  // as written in the Gateway
    QString hostname;                              // empty: any host
    Profile profile = Profile::Fsm;
    QList<AttachedRoute> routes;
    QList<RouteCandidate> candidates;              // sorted by the profile's precedence, host aside

    QString displayName() const { return gatewayKey + u'/' + name; }
};

// One socket the data plane listens on; several listeners of one Gateway may share it (same port,
// different hostnames), and the Host header picks among them.
struct ListenSocketConfig
{
    QString gatewayKey;
    QByteArray address;                            // 127.0.0.x
    quint16 bindPort = 0;                          // listener port, +60000 below 1024 (FSM), + offset
    int listenerPort = 0;
    Profile profile = Profile::Fsm;
    QList<ListenerConfig> listeners;

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
