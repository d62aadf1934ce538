#pragma once

#include "objectmeta.h"

namespace gw {

struct GatewayClass
{
    ObjectMeta meta;
    QString controllerName;
    bool builtIn = false;      // created by the simulator (as FSM creates fsm-gateway-cls), not by a manifest
};

} // namespace gw
