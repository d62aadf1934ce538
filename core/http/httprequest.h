#pragma once

#include "httpheaders.h"

#include <QByteArray>

namespace gw {

struct HttpRequest
{
    QByteArray method;           // as sent, e.g. "GET"
    QByteArray target;           // request-target as sent: "/path?query" (origin form) or absolute form
    int versionMinor = 1;        // HTTP/1.<minor>; 0 or 1
    HttpHeaders headers;
    QByteArray body;             // de-chunked
    bool chunked = false;        // arrived with Transfer-Encoding: chunked
    HttpHeaders trailers;        // chunked only: the trailer section, kept apart from the header section

    QByteArray path() const;     // target up to '?', without scheme/authority for absolute form
    QByteArray query() const;    // after '?', without it; empty when none
    // HTTP/1.1 default keep-alive unless "Connection: close"; HTTP/1.0 only with "Connection: keep-alive".
    bool keepAlive() const;
    bool expectsContinue() const;
};

} // namespace gw
