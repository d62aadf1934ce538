#pragma once

#include "http/httpheaders.h"

#include <QByteArrayView>
#include <QString>

namespace gw {

// The parts of a request that routing looks at, borrowed from the parsed request (no copies).
struct RequestFacts
{
    QByteArrayView method;
    QByteArrayView path;          // before '?'
    QByteArrayView query;         // after '?'
    QString host;                 // Host header without port, lower-cased
    const HttpHeaders *headers = nullptr;
};

} // namespace gw
