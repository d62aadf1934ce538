#pragma once

#include "profile.h"

#include <QByteArray>
#include <QString>

namespace gw {

// Every place where FSM v1.2 and the Gateway API specification decide differently, one switch per
// difference, each with its source. Code that behaves differently per profile asks here and nowhere
// else, so this file is the complete list of the differences the lab models (the README mirrors it).
class ProfileRules
{
public:
    ProfileRules() = delete;

    // The differences, by name, so that a decision trail or a test row can say which one it shows.
    enum class Rule {
        GatewaysPerNamespace,      // one active Gateway per namespace (FSM) or any number (spec)
        HostSelection,             // listener isolation (spec) or one host table per port (FSM)
        MatchOrder,                // Gateway API precedence (spec) or FSM's ByHTTPTrafficMatch sort
        PrefixTrailingSlash,       // a PathPrefix value's trailing '/' ignored (spec) or required (FSM)
        NoEndpointsStatus,         // 503 (spec) or 502 "Proxy Error" (FSM) for a Service without endpoints
        UpstreamHost,              // Host forwarded as sent (spec) or rewritten to the endpoint (FSM v1.2.0)
        ForwardedFor               // X-Forwarded-For gets the client (spec) or the gateway's own address (FSM)
    };
    static QString ruleName(Rule rule);
    // Where the two behaviours are written down, for the trail and the README.
    static QString source(Rule rule);

    // spec/fsm-gateway.md §5 (pkg/controllers/gateway/v1beta1/gateway_controller.go updateGatewayStatus):
    // among the Gateways of the effective class in one namespace only the oldest (then by ns/name) is
    // Accepted and deployed; the spec (§1) lets every Gateway run.
    static bool oneGatewayPerNamespace(Profile profile) { return profile == Profile::Fsm; }
    // The reason and message FSM writes on the Gateways it does not deploy (same source).
    static QString fsmUnacceptedReason() { return QStringLiteral("Unaccepted"); }

    enum class HostSelectionKind {
        // spec/gateway-api.md §1.1, §2.2: the most specific listener hostname takes the request, and
        // only the routes attached to that listener are considered (GatewayHTTPListenerIsolation).
        ListenerIsolation,
        // spec/fsm-gateway.md §5 (route.js): one table of hostnames per port, whatever listener a route
        // came through. Exact match on the full lower-cased Host (port included), then the first
        // wildcard in config order (`*` matches everything), then the same without the port.
        PortHostTable
    };
    static HostSelectionKind hostSelection(Profile profile)
    {
        return profile == Profile::Fsm ? HostSelectionKind::PortHostTable : HostSelectionKind::ListenerIsolation;
    }

    enum class MatchOrderKind {
        // spec/gateway-api.md §2.3: route hostname, Exact, longest PathPrefix, method, header count,
        // query count, oldest route, namespace/name, rule order; across all rules of all routes.
        GatewayApiPrecedence,
        // spec/fsm-gateway.md §5 (pkg/gateway/fgw/types.go ByHTTPTrafficMatch): Exact, Prefix, Regex;
        // longer path first, equal length in reverse lexical order with "/" read as "/*"; then more
        // methods, headers, query params. No route-age or name tie-break; first match wins.
        FsmTrafficMatchOrder
    };
    static MatchOrderKind matchOrder(Profile profile)
    {
        return profile == Profile::Fsm ? MatchOrderKind::FsmTrafficMatchOrder : MatchOrderKind::GatewayApiPrecedence;
    }

    // spec/gateway-api.md §2.1: "A trailing / in the match value is ignored" (/abc/ matches /abc).
    // spec/fsm-gateway.md §5: FSM's prefix matches when the prefix ends with '/' or the next request
    // character is the end or '/', so a prefix written /abc/ does not match the request /abc.
    static bool prefixIgnoresTrailingSlash(Profile profile) { return profile == Profile::Spec; }

    // spec/gateway-api.md §1.5 (SHOULD 503) versus spec/fsm-gateway.md §3.4 (default.js: 502 "Proxy Error").
    static int noEndpointsStatus(Profile profile) { return profile == Profile::Fsm ? 502 : 503; }
    static QByteArray noEndpointsBody(Profile profile) { return profile == Profile::Fsm ? QByteArrayLiteral("Proxy Error") : QByteArrayLiteral("Service Unavailable"); }

    // spec/gateway-api.md §1.3 ("the Host header is forwarded unchanged") versus spec/fsm-gateway.md
    // §2.8 (FSM v1.2.0 forward.js rewrites Host to the endpoint ip:port unless ProxyPreserveHost).
    static bool rewritesHostToEndpoint(Profile profile) { return profile == Profile::Fsm; }

    // spec/fsm-gateway.md §2.8 (service.js appends the gateway's *local* address); the spec profile
    // appends the client's address, as proxies conventionally do.
    static bool forwardedForIsGatewayAddress(Profile profile) { return profile == Profile::Fsm; }
};

} // namespace gw
