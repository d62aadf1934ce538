#pragma once

#include "common/sourcelocation.h"
#include "objectmeta.h"

#include <QList>
#include <QMap>
#include <QString>

namespace gw {

struct ServicePort
{
    QString name;
    QString protocol = QStringLiteral("TCP");
    QString appProtocol;
    int port = 0;
    int targetPortNumber = 0;      // 0 when targetPort is a name, or absent (then it equals port)
    QString targetPortName;        // a named container port
    SourceLocation location;

    int effectiveTargetPortNumber() const { return targetPortName.isEmpty() && targetPortNumber == 0 ? port : targetPortNumber; }
};

struct Service
{
    ObjectMeta meta;
    QString type = QStringLiteral("ClusterIP");    // ClusterIP, NodePort, LoadBalancer, ExternalName
    QString clusterIP;                             // as written; "None" marks a headless Service
    QMap<QString, QString> selector;               // empty: endpoints come from EndpointSlices only
    bool hasSelector = false;
    QString externalName;
    QList<ServicePort> ports;

    const ServicePort *findPort(int port) const;
};

} // namespace gw
