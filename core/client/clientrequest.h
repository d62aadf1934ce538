#pragma once

#include "http/httpheaders.h"

#include <QByteArray>

namespace gw {

// What a simulated client sends, and where.
struct ClientRequest
{
    QByteArray connectHost = "127.0.0.1";   // where to connect (a gateway listener's address)
    quint16 connectPort = 0;
    QByteArray method = "GET";
    QByteArray target = "/";                // path and query
    QByteArray hostHeader;                  // empty: connectHost:connectPort
    HttpHeaders headers;                    // extra headers (a Cookie header here is sent as well as the jar's)
    QByteArray body;
    int timeoutMs = 30'000;
};

} // namespace gw
