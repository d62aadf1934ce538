#pragma once

#include "http/httpheaders.h"
#include "manifest/httproute.h"

#include <QByteArray>
#include <QList>

namespace gw {

// The CORS filter (spec/gateway-api.md §2.4, feature HTTPRouteCORS) compiled for the data plane.
// A preflight (OPTIONS with Origin and Access-Control-Request-Method) from an allowed origin is
// answered by the gateway itself; any other request from an allowed origin is proxied and its answer
// gets the Access-Control-Allow-Origin family of headers. A request from an origin that is not
// allowed passes through untouched, so the browser, not the gateway, refuses it.
class CorsPolicy
{
public:
    CorsPolicy() = default;
    explicit CorsPolicy(const HTTPCORSFilter &filter);

    static bool isPreflight(QByteArrayView method, const HttpHeaders &requestHeaders);
    // "*", an exact origin, or a "scheme://*.suffix" pattern that covers one or more labels.
    bool allowsOrigin(QByteArrayView origin) const;
    // The headers of the gateway's own answer to an allowed preflight.
    void addPreflightHeaders(const HttpHeaders &requestHeaders, HttpHeaders &responseHeaders) const;
    // The headers added to a proxied answer for an allowed origin.
    void addResponseHeaders(const HttpHeaders &requestHeaders, HttpHeaders &responseHeaders) const;

private:
    QList<QByteArray> m_origins;
    QList<QByteArray> m_methods;
    QList<QByteArray> m_headers;
    QList<QByteArray> m_exposeHeaders;
    bool m_credentials = false;
    int m_maxAge = -1;
};

} // namespace gw
