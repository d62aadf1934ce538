#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QString>

namespace gw {

// FSM Gateway's sticky cookie, byte for byte (spec/fsm-gateway.md §2.2-2.3, §2.6). FSM profile.
class StickyCookie
{
public:
    // libstdc++ std::hash<std::string> (_Hash_bytes, seed 0xc70f6907), which Pipy's algo.hash() uses,
    // masked to 53 bits because Pipy hands it to JavaScript as a number.
    static quint64 hash(QByteArrayView endpointKey);
    // The cookie value for an endpoint "podIP:targetPort": the masked hash in plain decimal.
    static QByteArray value(QByteArrayView endpointKey);

    // Pipy's Date.toUTCString(): strftime("%a, %e %b %Y %H:%M:%S GMT") in the C locale, so days 1-9 are
    // padded with a space ("Fri,  5 Jan 2024 19:15:23 GMT").
    static QByteArray httpDate(const QDateTime &utc);
    // "<name>=<value>; path=/; expires=<now + maxAge>; max-age=<maxAge>", as forward.js builds it.
    static QByteArray setCookieValue(QByteArrayView name, QByteArrayView value, const QDateTime &nowUtc, int maxAgeSeconds);

    // forward.js getCookies(): split on ';', keep parts with '=', trim name and value, cut the value
    // at a second '=', keep quotes, the last duplicate wins. Returns a null array when absent.
    static QByteArray findCookie(QByteArrayView cookieHeader, QByteArrayView name);
};

} // namespace gw
