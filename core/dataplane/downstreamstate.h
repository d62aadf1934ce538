#pragma once

#include <QByteArray>
#include <QHash>

namespace gw {

class BackendService;

// What the gateway remembers about one client connection between its requests.
struct DownstreamState
{
    quint64 connectionId = 0;
    int requestCount = 0;
    QByteArray clientAddress;
    quint16 clientPort = 0;
    QByteArray localAddress;
    quint16 localPort = 0;
    // FSM's borrow(__inbound): the endpoint the balancer gave this connection, per service, valid
    // for the configuration version it was chosen under.
    quint64 pinsVersion = 0;
    QHash<const BackendService *, int> pinnedEndpoints;
};

} // namespace gw
