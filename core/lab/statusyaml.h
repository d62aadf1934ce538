#pragma once

#include "controller/objectstatus.h"
#include "manifest/manifestset.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace gw {

// `gatewaylab check -o yaml`: the GatewayClasses, Gateways, HTTPRoutes and SessionStickyPolicies
// with the status the controller wrote, as `kubectl get gatewayclasses,gateways,httproutes,... -o yaml`
// prints them: a List whose items carry apiVersion, kind, metadata, spec (with the CRD defaults the
// API server would have filled in) and status.
class StatusYaml
{
public:
    // `at` stands for every lastTransitionTime and for creationTimestamps the manifests do not give.
    static QString render(const ManifestSet &manifests, const QList<ObjectStatus> &statuses, const QDateTime &at);
};

} // namespace gw
