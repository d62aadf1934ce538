#pragma once

#include "http/httprequest.h"
#include "http/httpresponse.h"

#include <QByteArray>
#include <QString>

namespace gw {

// One request as a client experienced it.
struct ClientResult
{
    bool ok = false;                  // a complete response arrived
    QString error;                    // why not: "connection refused", "timed out after 30000 ms", ...
    HttpRequest request;              // exactly what was sent (with the jar's Cookie header)
    HttpResponse response;
    qint64 startedAtMs = 0;           // lab clock, UTC epoch ms
    qint64 durationUs = 0;            // from the start (connecting included when new) to the complete response
    quint16 localPort = 0;            // the client socket's port: the gateway's flow log records it too
    int requestOnConnection = 0;      // 1 for the first request on its connection
    bool newConnection = false;
    bool retried = false;             // a kept-alive connection was closed under it; sent again on a new one
    QString clientName;
};

} // namespace gw
