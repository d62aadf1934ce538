#include "sessionstickypolicy.h"

namespace gw {

std::optional<SessionStickyPolicy::Effective> SessionStickyPolicy::effectiveConfig(int servicePort) const
{
    for (const PortConfig &entry : ports) {
        if (entry.port != servicePort)
            continue;
        if (!entry.config && !config)
            return std::nullopt;
        Effective effective{defaultCookieName(), DefaultExpires};
        const auto pick = [](const std::optional<Config> &c, auto member) { return c ? (*c).*member : decltype((*c).*member){}; };
        if (const auto name = pick(entry.config, &Config::cookieName))
            effective.cookieName = *name;
        else if (const auto fallback = pick(config, &Config::cookieName))
            effective.cookieName = *fallback;
        if (const auto expires = pick(entry.config, &Config::expires))
            effective.expires = *expires;
        else if (const auto fallback = pick(config, &Config::expires))
            effective.expires = *fallback;
        return effective;
    }
    return std::nullopt;
}

} // namespace gw
