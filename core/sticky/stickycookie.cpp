#include "stickycookie.h"

#include <cstdio>

namespace gw {

namespace {

constexpr quint64 Mul = 0xc6a4a7935bd1e995ULL;
constexpr quint64 Seed = 0xc70f6907ULL;
constexpr quint64 Mask53 = (quint64(1) << 53) - 1;

constexpr quint64 shiftMix(quint64 v) { return v ^ (v >> 47); }

quint64 loadLittleEndian(const unsigned char *p, qsizetype n)
{
    quint64 result = 0;
    for (qsizetype i = n - 1; i >= 0; --i)
        result = (result << 8) | p[i];
    return result;
}

QByteArrayView trimmed(QByteArrayView text)
{
    return text.trimmed();
}

} // namespace

quint64 StickyCookie::hash(QByteArrayView endpointKey)
{
    const auto *data = reinterpret_cast<const unsigned char *>(endpointKey.data());
    const auto len = quint64(endpointKey.size());
    const qsizetype alignedLen = endpointKey.size() & ~qsizetype(7);
    quint64 h = Seed ^ (len * Mul);
    for (qsizetype i = 0; i < alignedLen; i += 8) {
        const quint64 d = shiftMix(loadLittleEndian(data + i, 8) * Mul) * Mul;
        h ^= d;
        h *= Mul;
    }
    // The tail is folded in without the per-block mixing: that is how libstdc++ does it.
    if ((len & 7) != 0) {
        h ^= loadLittleEndian(data + alignedLen, qsizetype(len & 7));
        h *= Mul;
    }
    h = shiftMix(h) * Mul;
    h = shiftMix(h);
    return h & Mask53;
}

QByteArray StickyCookie::value(QByteArrayView endpointKey)
{
    return QByteArray::number(hash(endpointKey));
}

QByteArray StickyCookie::httpDate(const QDateTime &utc)
{
    static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime t = utc.toUTC();
    const QDate date = t.date();
    const QTime time = t.time();
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s, %2d %s %d %02d:%02d:%02d GMT", days[date.dayOfWeek() - 1], date.day(),
                  months[date.month() - 1], date.year(), time.hour(), time.minute(), time.second());
    return QByteArray(buffer);
}

QByteArray StickyCookie::setCookieValue(QByteArrayView name, QByteArrayView value, const QDateTime &nowUtc, int maxAgeSeconds)
{
    QByteArray out;
    out.reserve(name.size() + value.size() + 80);
    out.append(name).append('=').append(value).append("; path=/; expires=");
    out.append(httpDate(nowUtc.addSecs(maxAgeSeconds)));
    out.append("; max-age=").append(QByteArray::number(maxAgeSeconds));
    return out;
}

QByteArray StickyCookie::findCookie(QByteArrayView cookieHeader, QByteArrayView name)
{
    QByteArray found;
    qsizetype start = 0;
    while (start <= cookieHeader.size()) {
        qsizetype end = cookieHeader.indexOf(';', start);
        if (end < 0)
            end = cookieHeader.size();
        const QByteArrayView part = cookieHeader.sliced(start, end - start);
        const qsizetype eq = part.indexOf('=');
        if (eq >= 0 && trimmed(part.first(eq)) == name) {
            QByteArrayView rest = part.sliced(eq + 1);
            const qsizetype secondEq = rest.indexOf('=');
            if (secondEq >= 0)
                rest = rest.first(secondEq);
            found = trimmed(rest).toByteArray();
            if (found.isNull())
                found = QByteArray("");
        }
        start = end + 1;
    }
    return found;
}

} // namespace gw
