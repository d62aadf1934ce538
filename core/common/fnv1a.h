#pragma once

#include <QByteArrayView>

namespace gw {

// FNV-1a, 64 bit: a stable hash for deriving repeatable names and shuffle seeds from keys (never
// for anything a real system computes; FSM's cookie hash is StickyCookie::hash).
inline quint64 fnv1a(QByteArrayView text)
{
    quint64 h = 0xcbf29ce484222325ULL;
    for (char c : text) {
        h ^= quint8(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

} // namespace gw
