#pragma once

#include "manifest/httproute.h"
#include "pathmodifier.h"

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace gw {

// A RequestRedirect filter compiled for the data plane (spec/gateway-api.md §2.4): the gateway answers
// with a Location and calls no backend. Unset parts come from the request; an unset port is the
// scheme's well-known port when the scheme is set and the *listener's* port (as written in the
// Gateway, not the port the lab binds) otherwise; 80 for http and 443 for https are left out.
class RequestRedirect
{
public:
    RequestRedirect() = default;
    explicit RequestRedirect(const HTTPRequestRedirectFilter &filter);

    int statusCode() const { return m_statusCode; }
    // `requestHost` without its port, `path` and `query` as received (query without '?').
    QByteArray location(QByteArrayView requestHost, QByteArrayView path, QByteArrayView query, int listenerPort,
                        QByteArrayView matchedPrefix) const;
    static bool isSupportedStatus(int status) { return status == 301 || status == 302 || status == 303 || status == 307 || status == 308; }

private:
    QByteArray m_scheme;
    QByteArray m_hostname;
    std::optional<int> m_port;
    std::optional<PathModifier> m_path;
    int m_statusCode = 302;
};

} // namespace gw
