#include "profilerules.h"

namespace gw {

QString ProfileRules::ruleName(Rule rule)
{
    switch (rule) {
    case Rule::GatewaysPerNamespace: return QStringLiteral("one Gateway per namespace");
    case Rule::HostSelection: return QStringLiteral("host selection");
    case Rule::MatchOrder: return QStringLiteral("match order");
    case Rule::PrefixTrailingSlash: return QStringLiteral("PathPrefix trailing slash");
    case Rule::NoEndpointsStatus: return QStringLiteral("status without endpoints");
    case Rule::UpstreamHost: return QStringLiteral("upstream Host header");
    case Rule::ForwardedFor: return QStringLiteral("X-Forwarded-For");
    }
    return {};
}

QString ProfileRules::source(Rule rule)
{
    switch (rule) {
    case Rule::GatewaysPerNamespace:
        return QStringLiteral("spec/fsm-gateway.md §5 (FSM gateway_controller.go); spec/gateway-api.md §1");
    case Rule::HostSelection:
        return QStringLiteral("spec/gateway-api.md §1.1 listener isolation; spec/fsm-gateway.md §5 route.js host matching");
    case Rule::MatchOrder:
        return QStringLiteral("spec/gateway-api.md §2.3; spec/fsm-gateway.md §5 ByHTTPTrafficMatch");
    case Rule::PrefixTrailingSlash:
        return QStringLiteral("spec/gateway-api.md §2.1; spec/fsm-gateway.md §5 path matching");
    case Rule::NoEndpointsStatus:
        return QStringLiteral("spec/gateway-api.md §1.5; spec/fsm-gateway.md §3.4 default.js");
    case Rule::UpstreamHost:
        return QStringLiteral("spec/gateway-api.md §1.3; spec/fsm-gateway.md §2.8 forward.js");
    case Rule::ForwardedFor:
        return QStringLiteral("spec/fsm-gateway.md §2.8 service.js");
    }
    return {};
}

} // namespace gw
