#pragma once

#include "common/diagnostic.h"
#include "deployment.h"
#include "endpointslice.h"
#include "gateway.h"
#include "gatewayclass.h"
#include "httproute.h"
#include "namespaceresource.h"
#include "pod.h"
#include "referencegrant.h"
#include "service.h"
#include "sessionstickypolicy.h"

#include <QList>
#include <QStringList>

namespace gw {

// Everything read from a set of files: the typed objects in load order, and every diagnostic.
// A document with errors is left out of the typed lists (its diagnostics say why); the others load.
struct ManifestSet
{
    QList<NamespaceResource> namespaces;
    QList<Pod> pods;
    QList<Deployment> deployments;
    QList<Service> services;
    QList<EndpointSlice> endpointSlices;
    QList<GatewayClass> gatewayClasses;
    QList<Gateway> gateways;
    QList<HTTPRoute> httpRoutes;
    QList<ReferenceGrant> referenceGrants;
    QList<SessionStickyPolicy> sessionStickyPolicies;
    QList<ObjectMeta> setAside;          // kinds that are not simulated (ConfigMap, Secret, unknown CRDs)

    QStringList files;                   // every file read, in order
    Diagnostics diagnostics;

    int objectCount() const;

    // kubectl apply: objects of `other` replace those with the same kind/namespace/name (keeping
    // their creation order, as an update keeps creationTimestamp) or are added after the others.
    void merge(const ManifestSet &other);
    // kubectl delete: removes the objects of `other`. Returns how many were removed.
    int removeObjectsOf(const ManifestSet &other);
};

} // namespace gw
