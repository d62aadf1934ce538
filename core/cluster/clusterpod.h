#pragma once

#include "common/sourcelocation.h"
#include "manifest/container.h"

#include <QList>
#include <QMap>
#include <QString>

namespace gw {

// A pod as the kubelet would run it: its address and its run-time state in the simulation.
struct ClusterPod
{
    enum class State {
        Running,
        Stopped,   // gone, as after `kubectl delete pod` or a failed readiness probe: out of every endpoint list
        Crashed    // the process is down but the endpoint is still listed: connections are refused (502)
    };

    QString namespaceName;
    QString name;
    QMap<QString, QString> labels;
    QList<Container> containers;
    QString ip;
    bool ipFromManifest = false;      // status.podIP was given
    QString ownerDeployment;
    int creationOrder = 0;
    SourceLocation location;
    State state = State::Running;
    int delayMs = 0;                  // every answer is delayed this much (slowPod)

    QString key() const { return namespaceName + u'/' + name; }
    // The container port number for a named port, or 0.
    int namedPort(const QString &portName) const;
    static QString stateName(State state);
};

} // namespace gw
