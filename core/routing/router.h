#pragma once

#include "controller/gatewayconfig.h"
#include "requestfacts.h"

#include <QString>
#include <QStringList>

namespace gw {

struct RouteSelection
{
    const ListenerConfig *listener = nullptr;       // null: no listener (or FSM host entry) accepts the Host (404)
    const AttachedRoute *route = nullptr;           // null: no rule matches (404)
    const RouteRuleConfig *rule = nullptr;
    int matchIndex = -1;
    RouteCandidate candidate;
    QString matchedHostname;                        // the route hostname that accepted the Host, empty = any

    bool found() const { return rule != nullptr; }
    bool sameRuleAs(const RouteSelection &other) const { return rule == other.rule && route == other.route; }
};

// Picks the listener and the rule for a request, following the socket's profile: listener isolation
// and Gateway API precedence (spec/gateway-api.md §1.1, §2.2-2.3) or FSM's host table and match order
// (spec/fsm-gateway.md §5). The orders themselves were settled when the snapshot was built; a request
// only walks them, and allocates nothing unless a regular expression has to run.
class Router
{
public:
    static RouteSelection select(const ListenSocketConfig &socket, const RequestFacts &request);
    // The same decision as `profile` would take it over this socket's routes.
    static RouteSelection select(const ListenSocketConfig &socket, const RequestFacts &request, Profile profile);

    // Why and why not, in sentences: which listener or host entry took the request, the rule that
    // matched, the first criterion that failed for each rule tried before it, why the rules that also
    // matched lost, and what the other profile would have decided. Built on demand, never per request.
    static QStringList explain(const ListenSocketConfig &socket, const RequestFacts &request);

    // Spec profile: most specific listener hostname first: exact, then wildcards (longest first), then catch-all.
    static const ListenerConfig *selectListener(const ListenSocketConfig &socket, QByteArrayView host);
    // FSM profile: route.js's host lookup; null when no entry accepts the host.
    static const FsmHostEntry *selectFsmHost(const ListenSocketConfig &socket, QByteArrayView hostHeader, QByteArrayView host);

    // Whether one match accepts the request; when not, `whyNot` names the first criterion that failed.
    static bool matches(const CompiledMatch &match, const RequestFacts &request, Profile profile, QString *whyNot = nullptr);
    static bool pathMatches(const CompiledMatch &match, QByteArrayView requestPath, Profile profile);
    // The raw (still percent-encoded) value of the first query parameter called `name`; false when absent.
    static bool findQueryParam(QByteArrayView query, QByteArrayView name, QByteArrayView *value);
};

} // namespace gw
