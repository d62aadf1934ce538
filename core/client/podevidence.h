#pragma once

#include "http/httpresponse.h"

#include <QByteArray>
#include <QString>

namespace gw {

// Which pod answered, told by the response itself: what is left when the gateway's flow log is out
// of reach (a real gateway on a cluster). Two sources: a header the backends add (the scenario's
// `podHeader`), and the `pod` (and `namespace`) fields of the conformance echo server's JSON body.
class PodEvidence
{
public:
    struct Source
    {
        QByteArray header;           // empty: no header is looked at
        bool echoBody = true;        // read an echo JSON body's "pod"
        bool isEmpty() const { return header.isEmpty() && !echoBody; }
    };

    PodEvidence() = delete;

    // "namespace/pod" when the echo body names both, the header's value or the bare pod name
    // otherwise; empty when the response says nothing about its pod.
    static QString fromResponse(const HttpResponse &response, const Source &source);
};

} // namespace gw
