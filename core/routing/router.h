#pragma once

#include "controller/gatewayconfig.h"
#include "requestfacts.h"

#include <QString>

namespace gw {

struct RouteSelection
{
    const ListenerConfig *listener = nullptr;       // null: no listener accepts the Host (404)
    const AttachedRoute *route = nullptr;           // null: no rule matches (404)
    const RouteRuleConfig *rule = nullptr;
    int matchIndex = -1;
    QString matchedHostname;                        // the route hostname that accepted the Host, empty = any

    bool found() const { return rule != nullptr; }
};

// Picks the listener and the rule for a request (spec/gateway-api.md §1.1, §2.2-2.3; FSM order in
// spec/fsm-gateway.md §5). Precedence among matches was settled when the snapshot was built
// (ListenerConfig::candidates); here only the Host's specificity is weighed against it.
class Router
{
public:
    // Most specific listener hostname first: exact, then wildcards (longest first), then catch-all.
    static const ListenerConfig *selectListener(const ListenSocketConfig &socket, const QString &host);
    static RouteSelection select(const ListenSocketConfig &socket, const RequestFacts &request);
    // Whether one match accepts the request; when not, `whyNot` names the first criterion that failed.
    static bool matches(const CompiledMatch &match, const RequestFacts &request, QString *whyNot = nullptr);
    static bool pathMatches(const CompiledMatch &match, QByteArrayView requestPath);
    // The value of query parameter `name` (first occurrence, percent-decoded), null when absent.
    static QByteArray queryParam(QByteArrayView query, QByteArrayView name);
};

} // namespace gw
