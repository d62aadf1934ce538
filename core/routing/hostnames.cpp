#include "hostnames.h"

namespace gw {

bool Hostnames::matches(const QString &pattern, QStringView host)
{
    if (pattern.isEmpty() || pattern == u"*")
        return true;
    if (isWildcard(pattern)) {
        const QStringView suffix = QStringView(pattern).mid(1);   // ".example.com"
        return host.size() > suffix.size() && host.endsWith(suffix, Qt::CaseInsensitive);
    }
    return host.compare(pattern, Qt::CaseInsensitive) == 0;
}

bool Hostnames::matches(QByteArrayView pattern, QByteArrayView host)
{
    if (pattern.isEmpty() || pattern == "*")
        return true;
    if (pattern.size() > 1 && pattern[0] == '*' && pattern[1] == '.') {
        const QByteArrayView suffix = pattern.sliced(1);
        return host.size() > suffix.size() && host.sliced(host.size() - suffix.size()).compare(suffix, Qt::CaseInsensitive) == 0;
    }
    return host.size() == pattern.size() && host.compare(pattern, Qt::CaseInsensitive) == 0;
}

std::optional<QString> Hostnames::intersect(const QString &listenerHostname, const QString &routeHostname)
{
    if (listenerHostname.isEmpty())
        return routeHostname;
    if (routeHostname.isEmpty())
        return listenerHostname;
    const bool listenerWild = isWildcard(listenerHostname);
    const bool routeWild = isWildcard(routeHostname);
    if (!listenerWild && !routeWild)
        return listenerHostname.compare(routeHostname, Qt::CaseInsensitive) == 0 ? std::optional(listenerHostname) : std::nullopt;
    if (listenerWild && !routeWild)
        return matches(listenerHostname, routeHostname) ? std::optional(routeHostname) : std::nullopt;
    if (!listenerWild && routeWild)
        return matches(routeHostname, listenerHostname) ? std::optional(listenerHostname) : std::nullopt;
    // Both wildcards: the one whose suffix lies inside the other's is the narrower.
    const QString l = listenerHostname.mid(1), r = routeHostname.mid(1);
    if (r.endsWith(l, Qt::CaseInsensitive))
        return routeHostname;
    if (l.endsWith(r, Qt::CaseInsensitive))
        return listenerHostname;
    return std::nullopt;
}

std::optional<QStringList> Hostnames::effective(const QString &listenerHostname, const QStringList &routeHostnames)
{
    if (routeHostnames.isEmpty())
        return listenerHostname.isEmpty() ? QStringList() : QStringList{listenerHostname};
    QStringList result;
    for (const QString &routeHostname : routeHostnames) {
        if (const auto narrowed = intersect(listenerHostname, routeHostname); narrowed && !result.contains(narrowed->toLower()))
            result.append(narrowed->toLower());
    }
    if (result.isEmpty())
        return std::nullopt;
    return result;
}

qint64 Hostnames::specificity(const QString &hostname)
{
    if (hostname.isEmpty() || hostname == u"*")
        return -1;
    const qint64 literal = isWildcard(hostname) ? hostname.size() - 1 : hostname.size();
    return literal * 1000 + hostname.size();
}

QByteArrayView Hostnames::hostWithoutPortView(QByteArrayView hostHeader)
{
    QByteArrayView host = hostHeader.trimmed();
    if (host.startsWith('[')) {
        const qsizetype close = host.indexOf(']');
        if (close > 0)
            host = host.first(close + 1);
    } else if (const qsizetype colon = host.lastIndexOf(':'); colon >= 0) {
        host = host.first(colon);
    }
    return host;
}

QString Hostnames::hostWithoutPort(QByteArrayView hostHeader)
{
    return QString::fromLatin1(hostWithoutPortView(hostHeader)).toLower();
}

} // namespace gw
