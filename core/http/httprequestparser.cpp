#include "httprequestparser.h"

#include "httpsyntax.h"

namespace gw {

namespace {

bool isVisibleAscii(char c)
{
    return c > 0x20 && c < 0x7f;
}

bool isSchemeChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

// origin-form, absolute-form, authority-form (CONNECT only) or asterisk-form (OPTIONS only).
bool isValidTargetForm(QByteArrayView method, QByteArrayView target)
{
    if (target.startsWith('/'))
        return true;
    if (target == "*")
        return method == "OPTIONS";
    if (method == "CONNECT")
        return !target.contains('/');
    const qsizetype colon = target.indexOf(':');
    if (colon <= 0)
        return false;
    const char first = target.at(0);
    if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z')))
        return false;
    for (qsizetype i = 1; i < colon; ++i) {
        if (!isSchemeChar(target.at(i)))
            return false;
    }
    return true;
}

} // namespace

HttpRequestParser::Result HttpRequestParser::fail(int status, const char *reason)
{
    m_state = State::Failed;
    m_errorStatus = status;
    m_errorReason = QByteArray(reason);
    return Result::Error;
}

void HttpRequestParser::reset()
{
    m_state = State::Head;
    m_request = HttpRequest();
    m_body.reset();
    m_scanFrom = 0;
    m_errorStatus = 0;
    m_errorReason.clear();
}

HttpRequest HttpRequestParser::takeRequest()
{
    HttpRequest request = std::move(m_request);
    m_request = HttpRequest();
    return request;
}

HttpRequestParser::Result HttpRequestParser::parse(QByteArray &buffer)
{
    if (m_state == State::Done) {
        m_state = State::Head;
        m_request = HttpRequest();
    }
    switch (m_state) {
    case State::Failed:
        return Result::Error;
    case State::Head:
        if (const Result r = parseHead(buffer); r != Result::Complete)
            return r;
        return parseBody(buffer);
    case State::Body:
        return parseBody(buffer);
    case State::Done:
        break;
    }
    return Result::Error;
}

HttpRequestParser::Result HttpRequestParser::parseHead(QByteArray &buffer)
{
    if (!buffer.isEmpty() && (buffer.front() == '\r' || buffer.front() == '\n')) {
        // RFC 9112 §2.2: empty lines before a request-line are ignored (some clients send a CRLF
        // after a POST body).
        qsizetype skip = 0;
        const qsizetype size = buffer.size();
        const char *data = buffer.constData();
        while (skip < size) {
            if (data[skip] == '\n')
                ++skip;
            else if (data[skip] == '\r' && skip + 1 < size && data[skip + 1] == '\n')
                skip += 2;
            else
                break;
        }
        if (skip > 0) {
            buffer.remove(0, skip);
            m_scanFrom = 0;
        }
    }

    const HttpSyntax::Head head = HttpSyntax::findHead(buffer, m_scanFrom, m_limits.maxHeaderBytes);
    if (head.tooLarge)
        return fail(431, "request head larger than the limit");
    if (head.end < 0)
        return Result::NeedMore;
    const char *begin = buffer.constData();
    if (const Result r = parseRequestLine(begin, head.startLineEnd); r == Result::Error)
        return r;
    HttpHeaders &headers = m_request.headers;
    headers.reserve(16);
    if (const char *error = HttpSyntax::parseFieldLines(head.fieldsBegin, begin + head.end, headers))
        return fail(400, error);

    int hosts = 0;
    bool transferEncoding = false;
    for (const HttpHeaders::Field &field : headers.fields()) {
        if (HttpSyntax::equalsIgnoreCase(field.name, "host"))
            ++hosts;
        else if (HttpSyntax::equalsIgnoreCase(field.name, "transfer-encoding"))
            transferEncoding = true;
    }
    // RFC 9112 §3.2: an HTTP/1.1 request without exactly one Host, or any request with several.
    if (hosts > 1 || (hosts == 0 && m_request.versionMinor >= 1))
        return fail(400, hosts > 1 ? "multiple Host fields" : "missing Host field");
    // RFC 9112 §6.1: HTTP/1.0 has no chunking, so its framing cannot be trusted.
    if (transferEncoding && m_request.versionMinor == 0)
        return fail(400, "Transfer-Encoding in an HTTP/1.0 request");

    const HttpBodyDecoder::Framing framing =
        HttpBodyDecoder::framing(headers, HttpBodyDecoder::Mode::None, m_limits.maxBodyBytes);
    if (framing.errorStatus)
        return fail(framing.errorStatus, framing.errorReason);
    m_request.chunked = framing.mode == HttpBodyDecoder::Mode::Chunked;
    m_body.start(framing, m_limits.maxBodyBytes, m_limits.maxHeaderBytes);

    buffer.remove(0, head.end);
    m_scanFrom = 0;
    m_state = State::Body;
    return Result::Complete;
}

HttpRequestParser::Result HttpRequestParser::parseRequestLine(const char *begin, const char *end)
{
    const char *p = begin;
    while (p < end && HttpSyntax::isTokenChar(static_cast<uchar>(*p)))
        ++p;
    if (p == begin || p == end || *p != ' ')
        return fail(400, "malformed request line");
    const char *targetBegin = p + 1;
    const char *targetEnd = targetBegin;
    while (targetEnd < end && isVisibleAscii(*targetEnd))
        ++targetEnd;
    if (targetEnd == targetBegin || targetEnd == end || *targetEnd != ' ')
        return fail(400, "malformed request line");

    const QByteArrayView version(targetEnd + 1, end - targetEnd - 1);
    if (version.size() != 8 || !version.startsWith("HTTP/") || version.at(6) != '.'
        || version.at(5) < '0' || version.at(5) > '9' || version.at(7) < '0' || version.at(7) > '9')
        return fail(400, "malformed HTTP version");
    if (version.at(5) != '1' || (version.at(7) != '0' && version.at(7) != '1'))
        return fail(505, "HTTP version not supported");

    const QByteArrayView method(begin, p - begin);
    const QByteArrayView target(targetBegin, targetEnd - targetBegin);
    if (!isValidTargetForm(method, target))
        return fail(400, "invalid request target");

    m_request.method = HttpSyntax::intern(method.data(), method.size());
    m_request.target = target.toByteArray();
    m_request.versionMinor = version.at(7) - '0';
    return Result::NeedMore;
}

HttpRequestParser::Result HttpRequestParser::parseBody(QByteArray &buffer)
{
    switch (m_body.decode(buffer, m_request.body, m_request.trailers)) {
    case HttpBodyDecoder::Result::NeedMore:
        return Result::NeedMore;
    case HttpBodyDecoder::Result::Done:
        m_state = State::Done;
        return Result::Complete;
    case HttpBodyDecoder::Result::Error:
        break;
    }
    return fail(m_body.errorStatus(), m_body.errorReason());
}

} // namespace gw
