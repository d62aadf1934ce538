#pragma once

#include "container.h"
#include "objectmeta.h"

#include <QList>
#include <QString>

namespace gw {

// A Pod as written in YAML, or one stamped out of a Deployment's template.
struct Pod
{
    ObjectMeta meta;
    QList<Container> containers;
    QString podIP;                 // status.podIP when the manifest gives one; else assigned by the cluster
    QString ownerDeployment;       // name of the Deployment that created it, empty for a bare Pod
};

} // namespace gw
