#pragma once

#include "balancer/piproundrobin.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <memory>
#include <optional>

namespace gw {

// One endpoint the gateway can send a request to.
struct EndpointTarget
{
    QString key;                 // "podIP:targetPort", what FSM hashes for the sticky cookie
    QString podKey;              // namespace/pod, empty for an EndpointSlice address without a pod
    QByteArray stickyValue;      // the cookie value that pins this endpoint (decimal 53-bit hash)
    QByteArray connectHost;      // where the real server listens: 127.0.0.1 for mock pods
    quint16 connectPort = 0;     // 0: nothing listens (a crashed pod): the connection is refused
};

struct StickyConfig
{
    QByteArray cookieName;
    int expires = 3600;
    QString policyKey;           // namespace/name of the SessionStickyPolicy that set it
};

// A Service port as FSM's gateway config knows it ("ns/svc:port"): endpoints in balancing order,
// the sticky settings and the balancer state. Immutable but for the balancer, which is shared by
// every data-plane thread that routes to it.
class BackendService
{
public:
    QString key;                 // "namespace/name:port"
    QString namespaceName;
    QString name;
    int port = 0;
    QList<EndpointTarget> endpoints;              // shuffled from the seed, as FSM shuffles them
    std::optional<StickyConfig> sticky;
    QHash<QByteArray, int> stickyTable;           // cookie value → index in endpoints
    std::unique_ptr<PipyRoundRobin> balancer;     // over endpoints, all weights 1 (FSM §2.1)

    int endpointForCookie(const QByteArray &value) const { return stickyTable.value(value, -1); }
};

} // namespace gw
