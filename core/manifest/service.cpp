#include "service.h"

namespace gw {

const ServicePort *Service::findPort(int port) const
{
    for (const ServicePort &candidate : ports) {
        if (candidate.port == port)
            return &candidate;
    }
    return nullptr;
}

} // namespace gw
