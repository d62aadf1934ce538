#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QByteArray>

namespace gw {

// Serialises messages for the wire. Appends to `out` so a connection can batch pipelined answers
// into one write.
class HttpWriter
{
public:
    // Writes the request as given: header names keep their case; Content-Length is set from the
    // body unless the request carries Transfer-Encoding: chunked (then the body is chunk-encoded).
    static void appendRequest(QByteArray &out, const HttpRequest &request);
    // Status line, headers in order, then the body. Content-Length is written when absent and the
    // status allows a body; `headOnly` (answer to HEAD) writes the head but no body bytes.
    static void appendResponse(QByteArray &out, const HttpResponse &response, bool headOnly = false);
    // A response with no body by definition: 1xx, 204, 304.
    static bool statusHasNoBody(int status);
    static void appendChunk(QByteArray &out, QByteArrayView data);    // one chunk; empty data = last chunk
};

} // namespace gw
