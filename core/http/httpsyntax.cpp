#include "httpsyntax.h"

#include <cstring>
#include <limits>

namespace gw {

namespace {

bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

// Common spellings in an open-addressing hash keyed on length and the first and last byte, so a
// lookup costs one or two compares.
class InternTable final
{
public:
    InternTable()
    {
        const QByteArray words[] = {
            // methods
            QByteArrayLiteral("GET"), QByteArrayLiteral("HEAD"), QByteArrayLiteral("POST"), QByteArrayLiteral("PUT"),
            QByteArrayLiteral("DELETE"), QByteArrayLiteral("PATCH"), QByteArrayLiteral("OPTIONS"),
            // request and response field names as clients, servers and Pipy write them
            QByteArrayLiteral("Host"), QByteArrayLiteral("host"), QByteArrayLiteral("User-Agent"), QByteArrayLiteral("user-agent"),
            QByteArrayLiteral("Accept"), QByteArrayLiteral("accept"), QByteArrayLiteral("Accept-Encoding"),
            QByteArrayLiteral("accept-encoding"), QByteArrayLiteral("Accept-Language"), QByteArrayLiteral("Connection"),
            QByteArrayLiteral("connection"), QByteArrayLiteral("Content-Length"), QByteArrayLiteral("content-length"),
            QByteArrayLiteral("Content-Type"), QByteArrayLiteral("content-type"), QByteArrayLiteral("Cookie"),
            QByteArrayLiteral("cookie"), QByteArrayLiteral("Set-Cookie"), QByteArrayLiteral("set-cookie"),
            QByteArrayLiteral("Transfer-Encoding"), QByteArrayLiteral("transfer-encoding"), QByteArrayLiteral("Expect"),
            QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("Authorization"), QByteArrayLiteral("Referer"),
            QByteArrayLiteral("Origin"), QByteArrayLiteral("Upgrade"), QByteArrayLiteral("Date"), QByteArrayLiteral("date"),
            QByteArrayLiteral("Server"), QByteArrayLiteral("server"), QByteArrayLiteral("Location"), QByteArrayLiteral("location"),
            QByteArrayLiteral("X-Forwarded-For"), QByteArrayLiteral("x-forwarded-for"), QByteArrayLiteral("X-Forwarded-Proto"),
            QByteArrayLiteral("X-Real-IP"), QByteArrayLiteral("X-Request-Id"), QByteArrayLiteral("X-Content-Type-Options"),
            QByteArrayLiteral("X-Echo-Set-Header"), QByteArrayLiteral("Keep-Alive"),
            // values
            QByteArrayLiteral("keep-alive"), QByteArrayLiteral("close"), QByteArrayLiteral("*/*"), QByteArrayLiteral("chunked"),
            QByteArrayLiteral("gzip"), QByteArrayLiteral("0"), QByteArrayLiteral("text/plain"), QByteArrayLiteral("application/json"),
            QByteArrayLiteral("100-continue"), QByteArrayLiteral("nosniff"), QByteArrayLiteral("no-cache"),
        };
        for (const QByteArray &word : words) {
            size_t slot = hash(word.constData(), word.size());
            while (!m_slots[slot].isNull() && m_slots[slot] != word)
                slot = (slot + 1) % kSlots;
            m_slots[slot] = word;
        }
    }

    const QByteArray *find(const char *data, qsizetype size) const
    {
        for (size_t slot = hash(data, size);; slot = (slot + 1) % kSlots) {
            const QByteArray &word = m_slots[slot];
            if (word.isNull())
                return nullptr;
            if (word.size() == size && std::memcmp(word.constData(), data, size_t(size)) == 0)
                return &word;
        }
    }

private:
    static constexpr size_t kSlots = 256;
    static size_t hash(const char *data, qsizetype size)
    {
        return (size_t(size) * 31 + uchar(data[0]) * 7 + uchar(data[size - 1])) % kSlots;
    }

    QByteArray m_slots[kSlots];
};

} // namespace

QByteArray HttpSyntax::intern(const char *data, qsizetype size)
{
    static const InternTable table;
    if (size > 0) {
        if (const QByteArray *word = table.find(data, size))
            return *word;
    }
    return QByteArray(data, size);
}

bool HttpSyntax::isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(static_cast<uchar>(c)))
            return false;
    }
    return true;
}

bool HttpSyntax::equalsIgnoreCase(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    const char *pa = a.data();
    const char *pb = b.data();
    for (qsizetype i = 0, n = a.size(); i < n; ++i) {
        if (pa[i] != pb[i] && toLower(pa[i]) != toLower(pb[i]))
            return false;
    }
    return true;
}

QByteArrayView HttpSyntax::trimmed(QByteArrayView text)
{
    const char *begin = text.data();
    const char *end = begin + text.size();
    while (begin < end && isOws(*begin))
        ++begin;
    while (end > begin && isOws(end[-1]))
        --end;
    return QByteArrayView(begin, end - begin);
}

qsizetype HttpSyntax::findSectionEnd(const QByteArray &buffer, qsizetype &scanFrom)
{
    const char *data = buffer.constData();
    const qsizetype size = buffer.size();
    qsizetype pos = scanFrom;
    while (pos < size) {
        const void *hit = std::memchr(data + pos, '\n', size_t(size - pos));
        if (!hit)
            break;
        const qsizetype lf = static_cast<const char *>(hit) - data;
        // The line this LF ends is empty when the previous line ended right before it, possibly
        // with a CR in between; the section's first line counts as preceded by a line end.
        const bool empty = lf == 0 || data[lf - 1] == '\n'
            || (data[lf - 1] == '\r' && (lf == 1 || data[lf - 2] == '\n'));
        if (empty) {
            scanFrom = 0;
            return lf + 1;
        }
        pos = lf + 1;
    }
    scanFrom = size;
    return -1;
}

HttpSyntax::Head HttpSyntax::findHead(const QByteArray &buffer, qsizetype &scanFrom, qsizetype maxBytes)
{
    Head head;
    head.end = findSectionEnd(buffer, scanFrom);
    if (head.end < 0) {
        head.tooLarge = buffer.size() > maxBytes;
        return head;
    }
    if (head.end > maxBytes) {
        head.tooLarge = true;
        return head;
    }
    const char *begin = buffer.constData();
    const char *lineFeed = static_cast<const char *>(std::memchr(begin, '\n', size_t(head.end)));
    head.startLineEnd = (lineFeed > begin && lineFeed[-1] == '\r') ? lineFeed - 1 : lineFeed;
    head.fieldsBegin = lineFeed + 1;
    return head;
}

const char *HttpSyntax::parseFieldLines(const char *begin, const char *end, HttpHeaders &headers)
{
    const char *line = begin;
    while (line < end) {
        const char *lf = static_cast<const char *>(std::memchr(line, '\n', size_t(end - line)));
        if (!lf)
            return "header section is not terminated";
        const char *lineEnd = (lf > line && lf[-1] == '\r') ? lf - 1 : lf;
        if (lineEnd == line)
            return nullptr;
        if (isOws(*line))
            return "obsolete line folding in header field";

        const char *p = line;
        while (p < lineEnd && isTokenChar(static_cast<uchar>(*p)))
            ++p;
        if (p == lineEnd)
            return "header field without colon";
        if (*p != ':') {
            if (isOws(*p))
                return "whitespace between header field name and colon";
            return "invalid character in header field name";
        }
        if (p == line)
            return "empty header field name";
        const char *nameEnd = p;

        const char *valueBegin = p + 1;
        while (valueBegin < lineEnd && isOws(*valueBegin))
            ++valueBegin;
        const char *valueEnd = lineEnd;
        while (valueEnd > valueBegin && isOws(valueEnd[-1]))
            --valueEnd;
        for (const char *v = valueBegin; v < valueEnd; ++v) {
            if (!isFieldValueChar(static_cast<uchar>(*v)))
                return "invalid character in header field value";
        }
        headers.append(intern(line, nameEnd - line), intern(valueBegin, valueEnd - valueBegin));
        line = lf + 1;
    }
    return "header section is not terminated";
}

bool HttpSyntax::keepAlive(const HttpHeaders &headers, int versionMinor)
{
    if (headers.hasToken("connection", "close"))
        return false;
    return versionMinor >= 1 || headers.hasToken("connection", "keep-alive");
}

bool HttpSyntax::parseDecimal(QByteArrayView text, qint64 &value, bool *tooLarge)
{
    if (tooLarge)
        *tooLarge = false;
    if (text.isEmpty())
        return false;
    constexpr qint64 max = std::numeric_limits<qint64>::max();
    qint64 result = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        const int digit = c - '0';
        if (result > (max - digit) / 10) {
            if (tooLarge)
                *tooLarge = true;
            return false;
        }
        result = result * 10 + digit;
    }
    value = result;
    return true;
}

void HttpSyntax::appendDecimal(QByteArray &out, qint64 value)
{
    char digits[24];
    char *end = digits + sizeof digits;
    char *p = end;
    const bool negative = value < 0;
    quint64 magnitude = negative ? 0 - quint64(value) : quint64(value);
    do {
        *--p = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (negative)
        *--p = '-';
    out.append(p, end - p);
}

} // namespace gw
