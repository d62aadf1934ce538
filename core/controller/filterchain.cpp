#include "filterchain.h"

namespace gw {

bool FilterChain::Mirror::takeTurn() const
{
    if (numerator >= denominator)
        return true;
    if (numerator == 0)
        return false;
    const quint64 n = seen.fetch_add(1, std::memory_order_relaxed) % denominator;
    return (n + 1) * numerator / denominator > n * numerator / denominator;
}

} // namespace gw
