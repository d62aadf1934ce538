#pragma once

#include "common/diagnostic.h"
#include "http/httpheaders.h"
#include "manifest/container.h"

#include <QByteArray>
#include <QString>

namespace gw {

// How a mock pod answers, derived from its container the way the real container would behave.
struct MockBehaviour
{
    enum class Kind {
        StaticResponse,   // a Pipy one-liner: pipy().listen(P).serveHTTP(new Message({status, headers}, 'body'))
        Echo              // Gateway API conformance echo-basic (also the fallback for unknown images)
    };

    Kind kind = Kind::Echo;
    int status = 200;
    QByteArray reason;               // StaticResponse only: the head's statusText; empty for the standard phrase
    HttpHeaders headers;             // StaticResponse only: the Message head's headers
    QByteArray body;                 // StaticResponse only
    int listenPort = 0;              // the port the script listens on (pipy().listen(P)), 0 if unknown
    QString image;
    bool imageRecognised = true;     // false: unknown image, answered with the echo (and a warning)

    // Derives the behaviour from the container's image and command/args. Unknown images give Echo with
    // a warning; a Pipy command that cannot be understood gives an error naming the field.
    // `fieldPath` is the container's path for diagnostics, e.g. "spec.containers[0]".
    static MockBehaviour fromContainer(const Container &container, const QString &fieldPath, Diagnostics &diagnostics);

    // One line for people: `pipy 200 "Hello, world"`, `echo-basic`, `echo (image nginx:1.25 is not simulated)`.
    QString describe() const;

    friend bool operator==(const MockBehaviour &, const MockBehaviour &) = default;
};

} // namespace gw
