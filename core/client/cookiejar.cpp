#include "cookiejar.h"

#include <QDate>
#include <QDateTime>
#include <QHostAddress>
#include <QMutexLocker>

#include <algorithm>
#include <limits>

namespace gw {

namespace {

// RFC 6265 §5.1.1: every byte that separates date tokens. Browsers parse Expires this way, so
// "Fri,  5 Jan 2024 19:15:23 GMT" (FSM's space-padded day), RFC 850 and asctime dates all work.
bool isDateDelimiter(unsigned char c)
{
    return c == 0x09 || (c >= 0x20 && c <= 0x2F) || (c >= 0x3B && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Reads 1..maxDigits digits at `at`; the token may go on with non-digits ("19:15:23GMT" style tails).
std::optional<int> leadingNumber(QByteArrayView token, qsizetype &at, int minDigits, int maxDigits)
{
    int value = 0;
    int digits = 0;
    while (at < token.size() && isDigit(token[at])) {
        if (++digits > maxDigits)
            return std::nullopt;
        value = value * 10 + (token[at] - '0');
        ++at;
    }
    if (digits < minDigits)
        return std::nullopt;
    return value;
}

struct TimeOfDay
{
    int hour = 0, minute = 0, second = 0;
};

std::optional<TimeOfDay> parseTime(QByteArrayView token)
{
    qsizetype at = 0;
    TimeOfDay time;
    const auto hour = leadingNumber(token, at, 1, 2);
    if (!hour || at >= token.size() || token[at] != ':')
        return std::nullopt;
    ++at;
    const auto minute = leadingNumber(token, at, 1, 2);
    if (!minute || at >= token.size() || token[at] != ':')
        return std::nullopt;
    ++at;
    const auto second = leadingNumber(token, at, 1, 2);
    if (!second || (at < token.size() && isDigit(token[at])))
        return std::nullopt;
    return TimeOfDay{*hour, *minute, *second};
}

std::optional<int> parseNumberToken(QByteArrayView token, int minDigits, int maxDigits)
{
    qsizetype at = 0;
    const auto value = leadingNumber(token, at, minDigits, maxDigits);
    if (!value || (at < token.size() && isDigit(token[at])))
        return std::nullopt;
    return value;
}

std::optional<int> parseMonth(QByteArrayView token)
{
    static constexpr const char *months[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    if (token.size() < 3)
        return std::nullopt;
    const QByteArray prefix = token.first(3).toByteArray().toLower();
    for (int i = 0; i < 12; ++i) {
        if (prefix == months[i])
            return i + 1;
    }
    return std::nullopt;
}

// RFC 6265 §5.2.4 default-path: the request path up to, not including, its last '/'.
QByteArray defaultPath(const QByteArray &requestPath)
{
    if (!requestPath.startsWith('/'))
        return QByteArrayLiteral("/");
    const qsizetype lastSlash = requestPath.lastIndexOf('/');
    if (lastSlash <= 0)
        return QByteArrayLiteral("/");
    return requestPath.left(lastSlash);
}

bool isIpAddress(const QString &host)
{
    return !QHostAddress(host).isNull();
}

// RFC 6265 §5.1.3.
bool domainMatches(const QString &host, const QString &domain)
{
    if (host == domain)
        return true;
    return !isIpAddress(host) && host.endsWith(domain) && host.size() > domain.size() && host.at(host.size() - domain.size() - 1) == u'.';
}

// RFC 6265 §5.1.4.
bool pathMatches(const QByteArray &requestPath, const QByteArray &cookiePath)
{
    if (requestPath == cookiePath)
        return true;
    if (!requestPath.startsWith(cookiePath))
        return false;
    return cookiePath.endsWith('/') || requestPath.at(cookiePath.size()) == '/';
}

QByteArray pathOnly(const QByteArray &target)
{
    qsizetype end = target.indexOf('?');
    if (end < 0)
        end = target.size();
    const qsizetype hash = target.indexOf('#');
    if (hash >= 0 && hash < end)
        end = hash;
    QByteArray path = target.left(end);
    return path.isEmpty() ? QByteArrayLiteral("/") : path;
}

} // namespace

std::optional<qint64> CookieJar::parseCookieDate(QByteArrayView text)
{
    std::optional<TimeOfDay> time;
    std::optional<int> day, month, year;
    qsizetype at = 0;
    while (at < text.size()) {
        while (at < text.size() && isDateDelimiter(static_cast<unsigned char>(text[at])))
            ++at;
        const qsizetype start = at;
        while (at < text.size() && !isDateDelimiter(static_cast<unsigned char>(text[at])))
            ++at;
        if (at == start)
            break;
        const QByteArrayView token = text.sliced(start, at - start);
        if (!time) {
            if ((time = parseTime(token)))
                continue;
        }
        if (!day) {
            if ((day = parseNumberToken(token, 1, 2)))
                continue;
        }
        if (!month) {
            if ((month = parseMonth(token)))
                continue;
        }
        if (!year)
            year = parseNumberToken(token, 2, 4);
    }
    if (!time || !day || !month || !year)
        return std::nullopt;
    int fullYear = *year;
    if (fullYear >= 70 && fullYear <= 99)
        fullYear += 1900;
    else if (fullYear >= 0 && fullYear <= 69)
        fullYear += 2000;
    if (*day < 1 || *day > 31 || fullYear < 1601 || time->hour > 23 || time->minute > 59 || time->second > 59)
        return std::nullopt;
    const QDate date(fullYear, *month, *day);
    if (!date.isValid())
        return std::nullopt;   // 31 Feb and the like
    return QDateTime(date, QTime(time->hour, time->minute, time->second), Qt::UTC).toMSecsSinceEpoch();
}

CookieJar::CookieJar(const CookieJar &other)
{
    const QMutexLocker locker(&other.m_mutex);
    m_cookies = other.m_cookies;
}

CookieJar &CookieJar::operator=(const CookieJar &other)
{
    if (this == &other)
        return *this;
    QList<Cookie> copy;
    {
        const QMutexLocker locker(&other.m_mutex);
        copy = other.m_cookies;
    }
    const QMutexLocker locker(&m_mutex);
    m_cookies = std::move(copy);
    return *this;
}

CookieJar::Cookie CookieJar::parseSetCookie(const QByteArray &value, const QString &host, const QByteArray &requestPath, qint64 nowMs, bool *valid)
{
    Cookie cookie;
    *valid = false;
    // RFC 6265 §5.2: name=value up to the first ';', then attributes.
    const qsizetype semicolon = value.indexOf(';');
    const QByteArray pair = semicolon < 0 ? value : value.left(semicolon);
    const qsizetype equals = pair.indexOf('=');
    if (equals < 0)
        return cookie;
    cookie.name = pair.left(equals).trimmed();
    cookie.value = pair.mid(equals + 1).trimmed();
    if (cookie.name.isEmpty())
        return cookie;
    cookie.createdAtMs = nowMs;
    cookie.domain = host.toLower();
    cookie.path = defaultPath(pathOnly(requestPath));

    std::optional<qint64> maxAgeExpiry;
    std::optional<qint64> expiresAt;
    QString domainAttribute;
    const QList<QByteArray> attributes = semicolon < 0 ? QList<QByteArray>() : value.mid(semicolon + 1).split(';');
    for (const QByteArray &attribute : attributes) {
        const qsizetype eq = attribute.indexOf('=');
        const QByteArray name = (eq < 0 ? attribute : attribute.left(eq)).trimmed().toLower();
        const QByteArray attributeValue = eq < 0 ? QByteArray() : attribute.mid(eq + 1).trimmed();
        if (name == "expires") {
            if (const auto when = parseCookieDate(attributeValue))
                expiresAt = *when;
        } else if (name == "max-age") {
            // §5.2.2: a leading digit or '-' and nothing but digits after it; otherwise ignored.
            if (attributeValue.isEmpty() || !(isDigit(attributeValue.at(0)) || attributeValue.at(0) == '-'))
                continue;
            bool ok = false;
            const qint64 seconds = attributeValue.toLongLong(&ok);
            if (!ok) {
                // Too many digits for 64 bits is still a valid, very distant, expiry.
                const bool allDigits = std::all_of(attributeValue.cbegin() + 1, attributeValue.cend(), isDigit);
                if (!allDigits)
                    continue;
                maxAgeExpiry = attributeValue.at(0) == '-' ? std::numeric_limits<qint64>::min() : std::numeric_limits<qint64>::max();
                continue;
            }
            if (seconds <= 0)
                maxAgeExpiry = std::numeric_limits<qint64>::min();
            else if (seconds > (std::numeric_limits<qint64>::max() - nowMs) / 1000)
                maxAgeExpiry = std::numeric_limits<qint64>::max();
            else
                maxAgeExpiry = nowMs + seconds * 1000;
        } else if (name == "domain") {
            QString domain = QString::fromLatin1(attributeValue).toLower();
            if (domain.startsWith(u'.'))
                domain.remove(0, 1);
            if (!domain.isEmpty())
                domainAttribute = domain;
        } else if (name == "path") {
            if (attributeValue.startsWith('/'))
                cookie.path = attributeValue;
        } else if (name == "secure") {
            cookie.secure = true;
        } else if (name == "httponly") {
            cookie.httpOnly = true;
        }
    }
    // §5.3 step 3: Max-Age wins over Expires, whatever their order.
    if (maxAgeExpiry) {
        // The earliest representable time for "expire now": 0 is in the past for every lab clock.
        cookie.expiresAtMs = *maxAgeExpiry == std::numeric_limits<qint64>::min() ? 0 : *maxAgeExpiry;
    } else if (expiresAt) {
        cookie.expiresAtMs = std::max<qint64>(0, *expiresAt);
    }
    if (!domainAttribute.isEmpty()) {
        if (!domainMatches(cookie.domain, domainAttribute))
            return cookie;   // §5.3 step 6: a cookie for another domain is ignored
        cookie.domain = domainAttribute;
        cookie.hostOnly = false;
    }
    *valid = true;
    return cookie;
}

void CookieJar::storeFromResponse(const QString &host, const QByteArray &requestPath, const QList<QByteArray> &setCookieValues, qint64 nowMs)
{
    if (setCookieValues.isEmpty())
        return;
    const QMutexLocker locker(&m_mutex);
    for (const QByteArray &value : setCookieValues) {
        bool valid = false;
        Cookie cookie = parseSetCookie(value, host, requestPath, nowMs, &valid);
        if (!valid)
            continue;
        const auto same = std::find_if(m_cookies.begin(), m_cookies.end(), [&cookie](const Cookie &c) {
            return c.name == cookie.name && c.domain == cookie.domain && c.path == cookie.path;
        });
        // §5.3 step 11-12: an expiry in the past deletes; a replacement keeps the old creation time
        // (so the Cookie header's order does not change when the gateway refreshes a cookie).
        if (cookie.isExpired(nowMs)) {
            if (same != m_cookies.end())
                m_cookies.erase(same);
            continue;
        }
        if (same != m_cookies.end()) {
            cookie.createdAtMs = same->createdAtMs;
            *same = std::move(cookie);
        } else {
            m_cookies.append(std::move(cookie));
        }
    }
}

QByteArray CookieJar::cookieHeader(const QString &host, const QByteArray &path, qint64 nowMs) const
{
    const QMutexLocker locker(&m_mutex);
    if (m_cookies.isEmpty())
        return {};
    const QString lowerHost = host.toLower();
    const QByteArray requestPath = pathOnly(path);
    QList<const Cookie *> matching;
    for (const Cookie &cookie : m_cookies) {
        if (cookie.isExpired(nowMs) || cookie.secure)   // the lab speaks plain HTTP only
            continue;
        if (cookie.hostOnly ? cookie.domain != lowerHost : !domainMatches(lowerHost, cookie.domain))
            continue;
        if (!pathMatches(requestPath, cookie.path))
            continue;
        matching.append(&cookie);
    }
    // §5.4 step 2: longer paths first, then older cookies first.
    std::stable_sort(matching.begin(), matching.end(), [](const Cookie *a, const Cookie *b) {
        if (a->path.size() != b->path.size())
            return a->path.size() > b->path.size();
        return a->createdAtMs < b->createdAtMs;
    });
    QByteArray header;
    for (const Cookie *cookie : matching) {
        if (!header.isEmpty())
            header.append("; ", 2);
        header.append(cookie->name).append('=').append(cookie->value);
    }
    return header;
}

QList<CookieJar::Cookie> CookieJar::cookies() const
{
    const QMutexLocker locker(&m_mutex);
    return m_cookies;
}

QList<CookieJar::Cookie> CookieJar::liveCookies(qint64 nowMs) const
{
    const QMutexLocker locker(&m_mutex);
    QList<Cookie> live;
    for (const Cookie &cookie : m_cookies) {
        if (!cookie.isExpired(nowMs))
            live.append(cookie);
    }
    return live;
}

void CookieJar::set(const Cookie &cookie)
{
    const QMutexLocker locker(&m_mutex);
    for (Cookie &existing : m_cookies) {
        if (existing.name == cookie.name && existing.domain == cookie.domain && existing.path == cookie.path) {
            existing = cookie;
            return;
        }
    }
    m_cookies.append(cookie);
}

bool CookieJar::remove(const QByteArray &name, const QString &domain, const QByteArray &path)
{
    const QMutexLocker locker(&m_mutex);
    return m_cookies.removeIf([&](const Cookie &c) { return c.name == name && c.domain == domain && c.path == path; }) > 0;
}

void CookieJar::clear()
{
    const QMutexLocker locker(&m_mutex);
    m_cookies.clear();
}

bool CookieJar::isEmpty() const
{
    const QMutexLocker locker(&m_mutex);
    return m_cookies.isEmpty();
}

} // namespace gw
