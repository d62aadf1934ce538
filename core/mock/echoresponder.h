#pragma once

#include "http/httprequest.h"
#include "http/httpresponse.h"

#include <QByteArray>
#include <QString>

namespace gw {

// The Gateway API conformance echo server (echo-basic, conformance/echo-basic/echo-basic.go): it
// answers every request with a JSON description of it, which the conformance client checks, and
// honours `?delay=<Go duration>` and `X-Echo-Set-Header: Name:value,Name2:value2`.
class EchoResponder final
{
public:
    struct Answer
    {
        HttpResponse response;
        int delayMs = 0;          // ?delay asked the answer to wait this long
    };

    EchoResponder() = delete;

    static Answer answer(const HttpRequest &request, const QString &namespaceName, const QString &podName);

    // Go's time.ParseDuration: "300ms", "1.5s", "2h45m", "-1s", "0". False and a Go-style message
    // (`time: invalid duration "x"`) for anything else.
    static bool parseGoDuration(QByteArrayView text, qint64 &nanoseconds, QByteArray *error = nullptr);
    // Go's textproto.CanonicalMIMEHeaderKey: "x-echo-set-header" → "X-Echo-Set-Header".
    static QByteArray canonicalHeaderKey(QByteArrayView name);
};

} // namespace gw
