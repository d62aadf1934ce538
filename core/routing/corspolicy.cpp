#include "corspolicy.h"

#include "http/httpsyntax.h"

namespace gw {

namespace {

QList<QByteArray> toBytes(const QStringList &list)
{
    QList<QByteArray> out;
    for (const QString &item : list)
        out.append(item.toUtf8());
    return out;
}

QByteArray joined(const QList<QByteArray> &list)
{
    QByteArray out;
    for (const QByteArray &item : list) {
        if (!out.isEmpty())
            out.append(", ");
        out.append(item);
    }
    return out;
}

} // namespace

CorsPolicy::CorsPolicy(const HTTPCORSFilter &filter)
    : m_origins(toBytes(filter.allowOrigins))
    , m_methods(toBytes(filter.allowMethods))
    , m_headers(toBytes(filter.allowHeaders))
    , m_exposeHeaders(toBytes(filter.exposeHeaders))
    , m_credentials(filter.allowCredentials)
    , m_maxAge(filter.maxAge.value_or(-1))
{
}

bool CorsPolicy::isPreflight(QByteArrayView method, const HttpHeaders &requestHeaders)
{
    return method == "OPTIONS" && requestHeaders.contains("origin") && requestHeaders.contains("access-control-request-method");
}

bool CorsPolicy::allowsOrigin(QByteArrayView origin) const
{
    if (origin.isEmpty())
        return false;
    for (const QByteArray &allowed : m_origins) {
        if (allowed == "*" || HttpSyntax::equalsIgnoreCase(allowed, origin))
            return true;
        const qsizetype star = allowed.indexOf("://*.");
        if (star < 0)
            continue;
        // "https://*.bar.com": same scheme, and a host that ends in ".bar.com" after at least one label.
        const QByteArrayView scheme = QByteArrayView(allowed).first(star + 3);
        const QByteArrayView suffix = QByteArrayView(allowed).sliced(star + 4);
        if (origin.size() > scheme.size() + suffix.size() && origin.first(scheme.size()).compare(scheme, Qt::CaseInsensitive) == 0
            && origin.sliced(origin.size() - suffix.size()).compare(suffix, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

void CorsPolicy::addPreflightHeaders(const HttpHeaders &requestHeaders, HttpHeaders &responseHeaders) const
{
    addResponseHeaders(requestHeaders, responseHeaders);
    // With credentials a browser refuses "*", so a wildcard list echoes what the browser asked for.
    const bool anyMethod = m_methods.contains(QByteArrayLiteral("*"));
    responseHeaders.append(QByteArrayLiteral("access-control-allow-methods"),
                           anyMethod ? requestHeaders.value("access-control-request-method") : joined(m_methods));
    if (m_headers.contains(QByteArrayLiteral("*"))) {
        const QByteArray asked = requestHeaders.combinedValue("access-control-request-headers");
        if (!asked.isEmpty())
            responseHeaders.append(QByteArrayLiteral("access-control-allow-headers"), asked);
    } else if (!m_headers.isEmpty()) {
        responseHeaders.append(QByteArrayLiteral("access-control-allow-headers"), joined(m_headers));
    }
    if (m_maxAge >= 0)
        responseHeaders.append(QByteArrayLiteral("access-control-max-age"), QByteArray::number(m_maxAge));
}

void CorsPolicy::addResponseHeaders(const HttpHeaders &requestHeaders, HttpHeaders &responseHeaders) const
{
    // The origin is echoed rather than answered with "*": that is valid with and without credentials.
    responseHeaders.set(QByteArrayLiteral("access-control-allow-origin"), requestHeaders.value("origin"));
    if (m_credentials)
        responseHeaders.set(QByteArrayLiteral("access-control-allow-credentials"), QByteArrayLiteral("true"));
    if (!m_exposeHeaders.isEmpty())
        responseHeaders.set(QByteArrayLiteral("access-control-expose-headers"), joined(m_exposeHeaders));
    responseHeaders.append(QByteArrayLiteral("vary"), QByteArrayLiteral("Origin"));
}

} // namespace gw
