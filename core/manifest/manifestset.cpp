#include "manifestset.h"

#include <algorithm>

namespace gw {

int ManifestSet::objectCount() const
{
    return int(namespaces.size() + pods.size() + deployments.size() + services.size() + endpointSlices.size()
               + gatewayClasses.size() + gateways.size() + httpRoutes.size() + referenceGrants.size()
               + sessionStickyPolicies.size());
}

namespace {

template<typename T>
void mergeList(QList<T> &into, const QList<T> &from)
{
    for (const T &object : from) {
        auto existing = std::find_if(into.begin(), into.end(), [&object](const T &candidate) {
            return candidate.meta.kind == object.meta.kind && candidate.meta.key() == object.meta.key();
        });
        if (existing == into.end()) {
            into.append(object);
            continue;
        }
        const int creationOrder = existing->meta.loadOrder;
        *existing = object;
        existing->meta.loadOrder = creationOrder;
    }
}

template<typename T>
int removeList(QList<T> &from, const QList<T> &removed)
{
    return int(from.removeIf([&removed](const T &candidate) {
        return std::any_of(removed.cbegin(), removed.cend(), [&candidate](const T &object) {
            return candidate.meta.kind == object.meta.kind && candidate.meta.key() == object.meta.key();
        });
    }));
}

} // namespace

void ManifestSet::merge(const ManifestSet &other)
{
    mergeList(namespaces, other.namespaces);
    mergeList(pods, other.pods);
    mergeList(deployments, other.deployments);
    mergeList(services, other.services);
    mergeList(endpointSlices, other.endpointSlices);
    mergeList(gatewayClasses, other.gatewayClasses);
    mergeList(gateways, other.gateways);
    mergeList(httpRoutes, other.httpRoutes);
    mergeList(referenceGrants, other.referenceGrants);
    mergeList(sessionStickyPolicies, other.sessionStickyPolicies);
    for (const QString &file : other.files) {
        if (!files.contains(file))
            files.append(file);
    }
}

int ManifestSet::removeObjectsOf(const ManifestSet &other)
{
    return removeList(namespaces, other.namespaces) + removeList(pods, other.pods) + removeList(deployments, other.deployments)
           + removeList(services, other.services) + removeList(endpointSlices, other.endpointSlices)
           + removeList(gatewayClasses, other.gatewayClasses) + removeList(gateways, other.gateways)
           + removeList(httpRoutes, other.httpRoutes) + removeList(referenceGrants, other.referenceGrants)
           + removeList(sessionStickyPolicies, other.sessionStickyPolicies);
}

} // namespace gw
