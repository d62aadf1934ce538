#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace gw {

// Gateway API hostname rules (spec/gateway-api.md §1.1, §1.3). Hostnames are compared lower-cased;
// "*.example.com" matches any name with at least one more label, never "example.com" itself.
class Hostnames
{
public:
    static bool isWildcard(const QString &hostname) { return hostname.startsWith(QLatin1String("*.")); }
    // Does `pattern` (exact or wildcard; empty = any) accept the request host `host` (no port)?
    static bool matches(const QString &pattern, QStringView host);
    // The narrower of a listener and a route hostname when they intersect (§1.3), else nullopt.
    static std::optional<QString> intersect(const QString &listenerHostname, const QString &routeHostname);
    // The route hostnames a listener serves: empty list = any host; nullopt = no intersection, so the
    // route is not accepted for that listener (NoMatchingListenerHostname).
    static std::optional<QStringList> effective(const QString &listenerHostname, const QStringList &routeHostnames);
    // Precedence of a hostname: non-wildcard characters first, then total length (§1.3).
    static qint64 specificity(const QString &hostname);
    // Host header without its port, lower-cased: "Example.com:8080" → "example.com", "[::1]:80" → "[::1]".
    static QString hostWithoutPort(QByteArrayView hostHeader);
};

} // namespace gw
