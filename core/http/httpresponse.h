#pragma once

#include "httpheaders.h"

#include <QByteArray>

namespace gw {

struct HttpResponse
{
    int status = 200;
    QByteArray reason;           // empty: the standard phrase for `status` is written
    int versionMinor = 1;
    HttpHeaders headers;
    QByteArray body;
    bool chunked = false;        // arrived chunked (parser) / has no length and must be chunked (writer)
    HttpHeaders trailers;        // chunked only: the trailer section

    bool keepAlive() const;      // as HttpRequest::keepAlive, for the response's own Connection header
    static QByteArray standardReason(int status);
};

} // namespace gw
