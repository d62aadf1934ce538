#include "manifestset.h"

namespace gw {

int ManifestSet::objectCount() const
{
    return int(namespaces.size() + pods.size() + deployments.size() + services.size() + endpointSlices.size()
               + gatewayClasses.size() + gateways.size() + httpRoutes.size() + referenceGrants.size()
               + sessionStickyPolicies.size());
}

} // namespace gw
