#pragma once

#include "http/httpheaders.h"
#include "http/httprequest.h"

#include <QByteArrayView>

namespace gw {

// The parts of a request that routing looks at, as views into the parsed request (no copies).
struct RequestFacts
{
    QByteArrayView method;
    QByteArrayView path;          // before '?'
    QByteArrayView query;         // after '?'
    QByteArrayView hostHeader;    // the Host header as sent, port included
    QByteArrayView host;          // the Host header without its port, in the case it was sent
    const HttpHeaders *headers = nullptr;

    // Views into `request` and `hostHeader`, which must outlive the facts.
    static RequestFacts of(const HttpRequest &request, const QByteArray &hostHeader);
};

} // namespace gw
