#include "requestredirect.h"

namespace gw {

RequestRedirect::RequestRedirect(const HTTPRequestRedirectFilter &filter)
    : m_scheme(filter.scheme.toLatin1().toLower())
    , m_hostname(filter.hostname.toLatin1())
    , m_port(filter.port)
    , m_statusCode(filter.statusCode)
{
    if (filter.path)
        m_path = PathModifier(*filter.path);
}

QByteArray RequestRedirect::location(QByteArrayView requestHost, QByteArrayView path, QByteArrayView query, int listenerPort,
                                     QByteArrayView matchedPrefix) const
{
    // The lab's listeners speak plain HTTP, so the request's scheme is http.
    const QByteArray scheme = m_scheme.isEmpty() ? QByteArrayLiteral("http") : m_scheme;
    int port = listenerPort;
    if (m_port)
        port = *m_port;
    else if (!m_scheme.isEmpty())
        port = scheme == "https" ? 443 : 80;
    const bool defaultPort = (scheme == "http" && port == 80) || (scheme == "https" && port == 443);

    QByteArray out;
    out.reserve(32 + requestHost.size() + m_hostname.size() + path.size() + query.size());
    out.append(scheme).append("://");
    out.append(m_hostname.isEmpty() ? requestHost : QByteArrayView(m_hostname));
    if (!defaultPort && port > 0)
        out.append(':').append(QByteArray::number(port));
    out.append(m_path ? QByteArrayView(m_path->apply(path, matchedPrefix)) : path);
    if (!query.isEmpty())
        out.append('?').append(query);
    return out;
}

} // namespace gw
