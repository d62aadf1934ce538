#pragma once

#include "cluster/cluster.h"
#include "common/diagnostic.h"
#include "gatewayconfig.h"
#include "objectstatus.h"

#include <functional>
#include <memory>

namespace gw {

// Pure functions from cluster state to the data plane's configuration and to the status a
// controller would write, as FSM's controller or a conformant one would compute them: which Gateways
// are served where, which routes attach to which listeners (and why not), which endpoints stand
// behind each backend, which filters run, and which sticky policy applies. The GatewayClass's
// controllerName picks the profile (ProfileRules lists where the two differ).
class Controller
{
public:
    struct Options
    {
        quint32 seed = 1;                 // endpoint shuffles (FSM shuffles on every config build)
        int portOffset = 0;               // added to every listener port
        // Where the real server of a simulated endpoint listens (the mock pod's 127.0.0.1 port);
        // 0 when nothing does. Endpoints without a pod connect to their own address.
        std::function<quint16(const QString &endpointKey)> mockPortForEndpoint;
    };

    struct Result
    {
        std::shared_ptr<const GatewayConfig> config;
        Diagnostics diagnostics;          // warnings about objects that route nothing, and why
        QList<ObjectStatus> statuses;     // GatewayClasses, Gateways, HTTPRoutes, policies, in that order

        const ObjectStatus *status(const QString &kind, const QString &key) const;
    };

    // `version` numbers the snapshot; the shuffle depends on it as FSM's depends on rebuild time.
    static Result build(const Cluster &cluster, const Options &options, quint64 version);

    // Listener port → port the data plane binds: FSM listens on port + 60000 below 1024.
    static quint16 bindPort(int listenerPort, int portOffset);
    // Gateway number n (0-based, in creation order) gets its own loopback address 127.0.0.(n+2), so
    // several Gateways can all listen on port 80 as they can on a cluster.
    static QByteArray gatewayAddress(int gatewayIndex);
    static Profile profileFor(const QString &controllerName);
};

} // namespace gw
