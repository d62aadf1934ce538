#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <optional>

namespace gw {

// Gateway API hostname rules (spec/gateway-api.md §1.1, §1.3). Hostnames compare case-insensitively;
// "*.example.com" matches any name with at least one more label, never "example.com" itself.
// The QString functions run when a configuration is built; the byte functions run per request and
// allocate nothing.
class Hostnames
{
public:
    static bool isWildcard(const QString &hostname) { return hostname.startsWith(QLatin1String("*.")); }
    // Does `pattern` (exact or wildcard; empty or "*" = any) accept the request host `host` (no port)?
    static bool matches(const QString &pattern, QStringView host);
    // The same on bytes: `pattern` lower-case as the controller stores it, `host` in any case.
    static bool matches(QByteArrayView pattern, QByteArrayView host);
    // The narrower of a listener and a route hostname when they intersect (§1.3), else nullopt. The
    // four combinations: specific/specific must be equal; a wildcard listener accepts a route name
    // inside it (the route's name is kept); a specific listener accepts a route wildcard that covers
    // it (the listener's name is kept); of two wildcards the one inside the other is kept.
    static std::optional<QString> intersect(const QString &listenerHostname, const QString &routeHostname);
    // The route hostnames a listener serves: empty list = any host; nullopt = no intersection, so the
    // route is not accepted for that listener (NoMatchingListenerHostname).
    static std::optional<QStringList> effective(const QString &listenerHostname, const QStringList &routeHostnames);
    // Precedence of a hostname: non-wildcard characters first, then total length (§1.3); -1 for "any".
    static qint64 specificity(const QString &hostname);
    // Host header without its port, lower-cased: "Example.com:8080" → "example.com", "[::1]:80" → "[::1]".
    static QString hostWithoutPort(QByteArrayView hostHeader);
    // The same without copying or lower-casing: a view into `hostHeader`.
    static QByteArrayView hostWithoutPortView(QByteArrayView hostHeader);
};

} // namespace gw
