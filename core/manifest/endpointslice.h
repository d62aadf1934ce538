#pragma once

#include "common/sourcelocation.h"
#include "objectmeta.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace gw {

// discovery.k8s.io/v1 EndpointSlice written by the user, for example to front a real local server
// (address 127.0.0.1) with a Service. The Service is named by the label kubernetes.io/service-name.
struct EndpointSlice
{
    struct Port
    {
        QString name;
        int port = 0;
        QString protocol = QStringLiteral("TCP");
    };
    struct Endpoint
    {
        QStringList addresses;
        bool ready = true;               // conditions.ready; absent means ready
        QString targetPodName;           // targetRef.name when targetRef.kind is Pod
        SourceLocation location;
    };

    ObjectMeta meta;
    QString serviceName;
    QString addressType = QStringLiteral("IPv4");
    QList<Port> ports;
    QList<Endpoint> endpoints;
};

} // namespace gw
