#pragma once

#include <QString>

namespace gw {

// Whose semantics a Gateway follows where implementations differ. The GatewayClass's controllerName
// picks it: flomesh.io/gateway-controller → Fsm (FSM v1.2 on Pipy, spec/fsm-gateway.md), anything
// else → Spec (Gateway API as the conformance suite checks it, spec/gateway-api.md).
enum class Profile { Fsm, Spec };

inline QString profileName(Profile profile)
{
    return profile == Profile::Fsm ? QStringLiteral("fsm") : QStringLiteral("spec");
}

} // namespace gw
