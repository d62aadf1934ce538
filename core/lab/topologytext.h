#pragma once

#include "cluster/cluster.h"
#include "common/diagnostic.h"
#include "controller/gatewayconfig.h"
#include "controller/objectstatus.h"

#include <QString>

namespace gw {

// The resolved topology as a person wants to read it (`gatewaylab check`): gateways and their
// listeners, routes and their parents, services with their endpoints (pod, address, how the mock
// answers, the sticky cookie that pins it) and policies with what they target.
class TopologyText
{
public:
    static QString render(const Cluster &cluster, const GatewayConfig &config);
    // The status conditions that are not as a healthy object has them (Accepted, Programmed and
    // ResolvedRefs True, Conflicted False), one line each; empty when every object is healthy.
    static QString renderStatusProblems(const QList<ObjectStatus> &statuses);
    // One line per diagnostic, then "N errors, M warnings".
    static QString renderDiagnostics(const Diagnostics &diagnostics);
};

} // namespace gw
