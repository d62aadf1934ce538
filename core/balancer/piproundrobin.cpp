#include "piproundrobin.h"

namespace gw {

PipyRoundRobin::PipyRoundRobin(QList<int> weights)
    : m_weights(std::move(weights))
    , m_hits(m_weights.size(), 0)
{
    for (int w : m_weights)
        m_totalWeight += w > 0 ? w : 0;
}

} // namespace gw
