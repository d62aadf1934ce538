#pragma once

#include "container.h"
#include "labelselector.h"
#include "objectmeta.h"

#include <QList>
#include <QMap>

namespace gw {

// apps/v1 Deployment: the cluster turns it into `replicas` Pods named as Kubernetes names them.
struct Deployment
{
    ObjectMeta meta;
    int replicas = 1;
    LabelSelector selector;
    QMap<QString, QString> templateLabels;
    QList<Container> containers;
};

} // namespace gw
