#include "httpresponseparser.h"

#include "httpsyntax.h"
#include "httpwriter.h"

namespace gw {

HttpResponseParser::Result HttpResponseParser::fail(const char *reason)
{
    m_state = State::Failed;
    m_errorReason = QByteArray(reason);
    return Result::Error;
}

void HttpResponseParser::reset()
{
    m_state = State::Head;
    m_response = HttpResponse();
    m_body.reset();
    m_scanFrom = 0;
    m_errorReason.clear();
}

HttpResponse HttpResponseParser::takeResponse()
{
    HttpResponse response = std::move(m_response);
    m_response = HttpResponse();
    return response;
}

HttpResponseParser::Result HttpResponseParser::parse(QByteArray &buffer)
{
    if (m_state == State::Done) {
        m_state = State::Head;
        m_response = HttpResponse();
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

HttpResponseParser::Result HttpResponseParser::finish(QByteArray &buffer)
{
    const Result r = parse(buffer);
    if (r != Result::NeedMore)
        return r;
    if (readsUntilClose()) {
        m_state = State::Done;
        return Result::Complete;
    }
    if (m_state == State::Head && buffer.isEmpty())
        return fail("connection closed before a response arrived");
    return fail("connection closed before the response was complete");
}

bool HttpResponseParser::hasNoBody() const
{
    // RFC 9112 §6.3 rules 1 and 2.
    const int status = m_response.status;
    if (HttpWriter::statusHasNoBody(status) || m_requestMethod == "HEAD")
        return true;
    return m_requestMethod == "CONNECT" && status >= 200 && status < 300;
}

HttpResponseParser::Result HttpResponseParser::parseHead(QByteArray &buffer)
{
    const HttpSyntax::Head head = HttpSyntax::findHead(buffer, m_scanFrom, m_limits.maxHeaderBytes);
    if (head.tooLarge)
        return fail("response head larger than the limit");
    if (head.end < 0)
        return Result::NeedMore;
    const char *begin = buffer.constData();
    if (const Result r = parseStatusLine(begin, head.startLineEnd); r == Result::Error)
        return r;
    HttpHeaders &headers = m_response.headers;
    headers.reserve(16);
    if (const char *error = HttpSyntax::parseFieldLines(head.fieldsBegin, begin + head.end, headers))
        return fail(error);

    HttpBodyDecoder::Framing framing;
    if (!hasNoBody()) {
        framing = HttpBodyDecoder::framing(headers, HttpBodyDecoder::Mode::UntilClose, m_limits.maxBodyBytes);
        if (framing.errorStatus)
            return fail(framing.errorReason);
        if (m_response.versionMinor == 0 && headers.contains("transfer-encoding"))
            return fail("Transfer-Encoding in an HTTP/1.0 response");
    }
    m_response.chunked = framing.mode == HttpBodyDecoder::Mode::Chunked;
    m_body.start(framing, m_limits.maxBodyBytes, m_limits.maxHeaderBytes);

    buffer.remove(0, head.end);
    m_scanFrom = 0;
    m_state = State::Body;
    return Result::Complete;
}

HttpResponseParser::Result HttpResponseParser::parseStatusLine(const char *begin, const char *end)
{
    const QByteArrayView line(begin, end - begin);
    // HTTP-version SP 3DIGIT [SP reason-phrase]; the space before an empty reason is often left out.
    if (line.size() < 12 || !line.startsWith("HTTP/1.") || (line.at(7) != '0' && line.at(7) != '1') || line.at(8) != ' ')
        return fail("malformed status line");
    int status = 0;
    for (qsizetype i = 9; i < 12; ++i) {
        const char c = line.at(i);
        if (c < '0' || c > '9')
            return fail("malformed status line");
        status = status * 10 + (c - '0');
    }
    if (status < 100)
        return fail("malformed status line");
    QByteArrayView reason;
    if (line.size() > 12) {
        if (line.at(12) != ' ')
            return fail("malformed status line");
        reason = line.sliced(13);
        for (char c : reason) {
            if (!HttpSyntax::isFieldValueChar(static_cast<uchar>(c)))
                return fail("malformed status line");
        }
    }
    m_response.versionMinor = line.at(7) - '0';
    m_response.status = status;
    m_response.reason = reason.toByteArray();
    return Result::NeedMore;
}

HttpResponseParser::Result HttpResponseParser::parseBody(QByteArray &buffer)
{
    switch (m_body.decode(buffer, m_response.body, m_response.trailers)) {
    case HttpBodyDecoder::Result::NeedMore:
        return Result::NeedMore;
    case HttpBodyDecoder::Result::Done:
        m_state = State::Done;
        return Result::Complete;
    case HttpBodyDecoder::Result::Error:
        break;
    }
    return fail(m_body.errorReason());
}

} // namespace gw
