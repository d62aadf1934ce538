#pragma once

#include "http/httpresponse.h"

#include <QByteArray>
#include <QString>

namespace gw {

// The conformance suite's client, reduced to what the catalogue needs: one HTTP/1.1 request on a
// fresh connection to a listener of the lab, the complete response parsed with the product's own
// parser. Blocking, so it must not run on a thread the gateway or the mock pods need (they have their
// own threads).
class ConformanceClient
{
public:
    struct Reply
    {
        bool ok = false;                 // a complete response arrived
        QString error;
        HttpResponse response;
    };

    static Reply exchange(const QByteArray &address, quint16 port, const QByteArray &requestBytes, const QByteArray &method, int timeoutMs);
};

} // namespace gw
