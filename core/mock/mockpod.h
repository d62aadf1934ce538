#pragma once

#include "mockbehaviour.h"

#include <QString>

namespace gw {

// One endpoint served by a mock pod: the pod's identity (for the echo body) and the container port
// it answers on. The simulated address (podIP:port) is what the gateway hashes for cookies; the real
// server listens on 127.0.0.1 on an ephemeral port.
struct MockPod
{
    QString namespaceName;
    QString podName;
    QString podIP;
    int containerPort = 0;
    MockBehaviour behaviour;

    QString podKey() const { return namespaceName + u'/' + podName; }
    QString endpointKey() const { return podIP + u':' + QString::number(containerPort); }

    friend bool operator==(const MockPod &, const MockPod &) = default;
};

} // namespace gw
