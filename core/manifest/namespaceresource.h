#pragma once

#include "objectmeta.h"

namespace gw {

// A Kubernetes Namespace; only its labels matter (allowedRoutes namespace selectors).
struct NamespaceResource
{
    ObjectMeta meta;
};

} // namespace gw
