#include "gatewayduration.h"

namespace gw {

std::optional<qint64> GatewayDuration::toMilliseconds(const QString &text)
{
    constexpr int MaxComponents = 4;
    constexpr int MaxDigits = 5;
    qint64 total = 0;
    int components = 0;
    qsizetype at = 0;
    while (at < text.size()) {
        if (++components > MaxComponents)
            return std::nullopt;
        qint64 value = 0;
        int digits = 0;
        while (at < text.size() && text.at(at) >= u'0' && text.at(at) <= u'9') {
            if (++digits > MaxDigits)
                return std::nullopt;
            value = value * 10 + (text.at(at).unicode() - u'0');
            ++at;
        }
        if (digits == 0 || at >= text.size())
            return std::nullopt;
        const QChar unit = text.at(at);
        // "ms" is tried first: "1ms" is one millisecond, never one minute followed by a stray "s".
        if (unit == u'm' && at + 1 < text.size() && text.at(at + 1) == u's') {
            total += value;
            at += 2;
        } else if (unit == u'h') {
            total += value * 3600 * 1000;
            ++at;
        } else if (unit == u'm') {
            total += value * 60 * 1000;
            ++at;
        } else if (unit == u's') {
            total += value * 1000;
            ++at;
        } else {
            return std::nullopt;
        }
    }
    if (components == 0)
        return std::nullopt;
    return total;
}

} // namespace gw
