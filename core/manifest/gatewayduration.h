#pragma once

#include <QString>
#include <optional>

namespace gw {

// GEP-2257 durations, the format of HTTPRoute timeouts: one to four components, each of one to
// five decimal digits followed by h, m, s or ms ("1h", "10s", "500ms", "1h30m", "0s"). Anything
// else (fractions, negative values, spaces, "1d") is rejected, as the CRD's pattern rejects it.
class GatewayDuration
{
public:
    static std::optional<qint64> toMilliseconds(const QString &text);
};

} // namespace gw
