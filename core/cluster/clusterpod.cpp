#include "clusterpod.h"

namespace gw {

int ClusterPod::namedPort(const QString &portName) const
{
    for (const Container &container : containers) {
        for (const Container::Port &port : container.ports) {
            if (port.name == portName)
                return port.containerPort;
        }
    }
    return 0;
}

QString ClusterPod::stateName(State state)
{
    switch (state) {
    case State::Running: return QStringLiteral("running");
    case State::Stopped: return QStringLiteral("stopped");
    case State::Crashed: return QStringLiteral("crashed");
    }
    return {};
}

} // namespace gw
