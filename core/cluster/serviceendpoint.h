#pragma once

#include "common/sourcelocation.h"

#include <QString>

namespace gw {

// One address:port behind a Service port, as an EndpointSlice lists it.
struct ServiceEndpoint
{
    QString ip;
    int port = 0;
    QString podNamespace;          // empty for a user-written EndpointSlice address without a pod
    QString podName;
    bool ready = true;
    SourceLocation location;

    // "ip:port": the string FSM hashes for the sticky cookie and keys its endpoint tables with.
    QString key() const { return ip + u':' + QString::number(port); }
    QString podKey() const { return podName.isEmpty() ? QString() : podNamespace + u'/' + podName; }
    bool isPod() const { return !podName.isEmpty(); }
};

} // namespace gw
