#include "echoresponder.h"

#include "http/httpsyntax.h"

#include <QMap>
#include <QString>

#include <algorithm>
#include <limits>

namespace gw {

namespace {

// encoding/json string escaping, HTML-safe as json.Marshal does by default; bytes that are not
// UTF-8 become U+FFFD as in Go.
void appendJsonString(QByteArray &out, QByteArrayView value)
{
    static constexpr char hex[] = "0123456789abcdef";
    out.append('"');
    const QString text = QString::fromUtf8(value);
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        switch (c) {
        case u'"': out.append("\\\"", 2); continue;
        case u'\\': out.append("\\\\", 2); continue;
        case u'\n': out.append("\\n", 2); continue;
        case u'\r': out.append("\\r", 2); continue;
        case u'\t': out.append("\\t", 2); continue;
        default: break;
        }
        if (c < 0x20 || c == u'<' || c == u'>' || c == u'&' || c == 0x2028 || c == 0x2029) {
            out.append("\\u", 2);
            out.append(hex[(c >> 12) & 0xf]).append(hex[(c >> 8) & 0xf]).append(hex[(c >> 4) & 0xf]).append(hex[c & 0xf]);
        } else {
            out.append(QStringView(&ch, 1).toUtf8());
        }
    }
    out.append('"');
}

// The Host Go reports: the Host header, or the authority of an absolute-form target.
QByteArray requestHost(const HttpRequest &request)
{
    const qsizetype scheme = request.target.indexOf("://");
    if (!request.target.startsWith('/') && scheme > 0) {
        const QByteArrayView rest = QByteArrayView(request.target).sliced(scheme + 3);
        qsizetype end = 0;
        while (end < rest.size() && rest[end] != '/' && rest[end] != '?')
            ++end;
        return rest.first(end).toByteArray();
    }
    return request.headers.value("host");
}

// The first `delay` parameter of the query, percent-decoded (Go's FormValue).
QByteArray queryValue(const QByteArray &query, QByteArrayView key)
{
    for (const QByteArray &pair : query.split('&')) {
        const qsizetype equals = pair.indexOf('=');
        QByteArray name = equals < 0 ? pair : pair.first(equals);
        if (QByteArray::fromPercentEncoding(name.replace('+', ' ')) != key)
            continue;
        if (equals < 0)
            return QByteArray();
        QByteArray value = pair.sliced(equals + 1);
        return QByteArray::fromPercentEncoding(value.replace('+', ' '));
    }
    return QByteArray();
}

// writeEchoResponseHeaders: every `Name:value` pair of X-Echo-Set-Header lands on the answer; a
// repeated name joins its values with ",".
void applyEchoSetHeaders(const HttpRequest &request, HttpHeaders &out)
{
    QList<HttpHeaders::Field> set;
    for (const QByteArray &list : request.headers.values("x-echo-set-header")) {
        for (const QByteArray &item : list.split(',')) {
            const QByteArrayView pair = HttpSyntax::trimmed(item);
            const qsizetype colon = pair.indexOf(':');
            const QByteArrayView name = colon < 0 ? pair : pair.first(colon);
            const QByteArrayView value = colon < 0 ? QByteArrayView() : HttpSyntax::trimmed(pair.sliced(colon + 1));
            // Go's header writer drops invalid names, an empty one included.
            if (!HttpSyntax::isToken(name))
                continue;
            // Go keys this map by the name exactly as written, so only an identical name merges.
            const auto same = std::find_if(set.begin(), set.end(), [name](const HttpHeaders::Field &field) { return field.name == name; });
            if (same == set.end())
                set.append(HttpHeaders::Field{name.toByteArray(), value.toByteArray()});
            else
                same->value.append(',').append(value);
        }
    }
    for (const HttpHeaders::Field &field : std::as_const(set))
        out.append(field.name, field.value);
}

QByteArray errorBody(const QByteArray &message)
{
    QByteArray body("{\"message\":");
    appendJsonString(body, message);
    body.append('}');
    return body;
}

} // namespace

QByteArray EchoResponder::canonicalHeaderKey(QByteArrayView name)
{
    if (!HttpSyntax::isToken(name))
        return name.toByteArray();
    QByteArray key = name.toByteArray();
    bool upper = true;
    for (char &c : key) {
        if (upper && c >= 'a' && c <= 'z')
            c = static_cast<char>(c - ('a' - 'A'));
        else if (!upper && c >= 'A' && c <= 'Z')
            c = static_cast<char>(c + ('a' - 'A'));
        upper = c == '-';
    }
    return key;
}

bool EchoResponder::parseGoDuration(QByteArrayView text, qint64 &nanoseconds, QByteArray *error)
{
    auto invalid = [&](const char *what) {
        if (error)
            *error = QByteArray("time: ") + what + " \"" + text.toByteArray() + '"';
        return false;
    };
    QByteArrayView s = text;
    bool negative = false;
    if (!s.isEmpty() && (s.front() == '-' || s.front() == '+')) {
        negative = s.front() == '-';
        s = s.sliced(1);
    }
    if (s == "0") {
        nanoseconds = 0;
        return true;
    }
    if (s.isEmpty())
        return invalid("invalid duration");

    long double total = 0;
    while (!s.isEmpty()) {
        if (!(s.front() == '.' || (s.front() >= '0' && s.front() <= '9')))
            return invalid("invalid duration");
        qsizetype i = 0;
        long double whole = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            whole = whole * 10 + (s[i++] - '0');
        const bool digitsBefore = i > 0;
        long double fraction = 0;
        bool digitsAfter = false;
        if (i < s.size() && s[i] == '.') {
            ++i;
            long double scale = 1;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
                scale /= 10;
                fraction += (s[i++] - '0') * scale;
                digitsAfter = true;
            }
        }
        if (!digitsBefore && !digitsAfter)
            return invalid("invalid duration");
        const qsizetype unitStart = i;
        while (i < s.size() && s[i] != '.' && !(s[i] >= '0' && s[i] <= '9'))
            ++i;
        const QByteArrayView unit = s.sliced(unitStart, i - unitStart);
        if (unit.isEmpty())
            return invalid("missing unit in duration");
        long double scale = 0;
        if (unit == "ns")
            scale = 1;
        else if (unit == "us" || unit == "\xc2\xb5s" || unit == "\xce\xbcs")
            scale = 1e3L;
        else if (unit == "ms")
            scale = 1e6L;
        else if (unit == "s")
            scale = 1e9L;
        else if (unit == "m")
            scale = 60e9L;
        else if (unit == "h")
            scale = 3600e9L;
        else
            return invalid("unknown unit in duration");
        total += (whole + fraction) * scale;
        if (total > static_cast<long double>(std::numeric_limits<qint64>::max()))
            return invalid("invalid duration");
        s = s.sliced(i);
    }
    nanoseconds = static_cast<qint64>(negative ? -total : total);
    return true;
}

EchoResponder::Answer EchoResponder::answer(const HttpRequest &request, const QString &namespaceName, const QString &podName)
{
    Answer answer;
    HttpResponse &response = answer.response;
    response.headers.reserve(4);

    const QByteArray delay = queryValue(request.query(), "delay");
    if (!delay.isEmpty()) {
        qint64 nanoseconds = 0;
        QByteArray error;
        if (!parseGoDuration(delay, nanoseconds, &error)) {
            response.status = 500;
            response.headers.append(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
            response.headers.append(QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff"));
            response.body = errorBody(error);
            return answer;
        }
        const qint64 ms = nanoseconds <= 0 ? 0 : (nanoseconds + 999'999) / 1'000'000;
        answer.delayMs = int(qMin<qint64>(ms, std::numeric_limits<int>::max()));
    }

    // r.Header: canonical names, values in arrival order, Host and Transfer-Encoding taken out; Go
    // marshals the map with its keys sorted.
    QMap<QByteArray, QList<QByteArray>> headers;
    for (const HttpHeaders::Field &field : request.headers.fields()) {
        if (HttpSyntax::equalsIgnoreCase(field.name, "host") || HttpSyntax::equalsIgnoreCase(field.name, "transfer-encoding"))
            continue;
        headers[canonicalHeaderKey(field.name)].append(field.value);
    }

    // json.MarshalIndent(v, "", " ")
    QByteArray &body = response.body;
    body.reserve(256 + request.target.size() + 64 * headers.size());
    body.append("{\n \"path\": ");
    appendJsonString(body, request.target);
    body.append(",\n \"host\": ");
    appendJsonString(body, requestHost(request));
    body.append(",\n \"method\": ");
    appendJsonString(body, request.method);
    body.append(",\n \"proto\": \"HTTP/1.").append(char('0' + request.versionMinor)).append("\",\n \"headers\": {");
    bool firstHeader = true;
    for (auto it = headers.cbegin(); it != headers.cend(); ++it) {
        body.append(firstHeader ? "\n  " : ",\n  ");
        firstHeader = false;
        appendJsonString(body, it.key());
        body.append(": [");
        bool firstValue = true;
        for (const QByteArray &value : it.value()) {
            body.append(firstValue ? "\n   " : ",\n   ");
            firstValue = false;
            appendJsonString(body, value);
        }
        body.append("\n  ]");
    }
    body.append(firstHeader ? "}" : "\n }");
    body.append(",\n \"namespace\": ");
    appendJsonString(body, namespaceName.toUtf8());
    body.append(",\n \"ingress\": \"\",\n \"service\": \"\",\n \"pod\": ");
    appendJsonString(body, podName.toUtf8());
    body.append("\n}");

    applyEchoSetHeaders(request, response.headers);
    response.headers.set(QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json"));
    response.headers.set(QByteArrayLiteral("X-Content-Type-Options"), QByteArrayLiteral("nosniff"));
    return answer;
}

} // namespace gw
