#include "httpbodydecoder.h"

#include "httpsyntax.h"

#include <cstring>

namespace gw {

namespace {

// A chunk-size line carries at most a size and a few extensions; anything longer is an attack on
// the buffer, not a message.
constexpr qsizetype kMaxChunkSizeLine = 4096;

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

HttpBodyDecoder::Framing HttpBodyDecoder::framing(const HttpHeaders &headers, Mode unframed, qsizetype maxBodyBytes)
{
    const HttpHeaders::Field *contentLength = nullptr;
    bool hasTransferEncoding = false;
    bool chunkedLast = false;
    bool otherCoding = false;
    bool chunkedNotLast = false;

    for (const HttpHeaders::Field &field : headers.fields()) {
        if (HttpSyntax::equalsIgnoreCase(field.name, "content-length")) {
            // Several Content-Length fields, even equal ones, are refused: a front end and a back
            // end that disagree on which one counts is how requests get smuggled.
            if (contentLength)
                return Framing{Mode::None, 0, 400, "multiple Content-Length fields"};
            contentLength = &field;
        } else if (HttpSyntax::equalsIgnoreCase(field.name, "transfer-encoding")) {
            hasTransferEncoding = true;
            QByteArrayView rest(field.value);
            while (true) {
                const qsizetype comma = rest.indexOf(',');
                const QByteArrayView coding = HttpSyntax::trimmed(comma < 0 ? rest : rest.first(comma));
                if (!coding.isEmpty()) {
                    if (chunkedLast)
                        chunkedNotLast = true;
                    chunkedLast = HttpSyntax::equalsIgnoreCase(coding, "chunked");
                    if (!chunkedLast)
                        otherCoding = true;
                }
                if (comma < 0)
                    break;
                rest = rest.sliced(comma + 1);
            }
        }
    }

    if (hasTransferEncoding) {
        if (contentLength)
            return Framing{Mode::None, 0, 400, "both Transfer-Encoding and Content-Length"};
        if (chunkedNotLast)
            return Framing{Mode::None, 0, 400, "chunked is not the final transfer coding"};
        if (!chunkedLast && !otherCoding)
            return Framing{Mode::None, 0, 400, "empty Transfer-Encoding"};
        if (!chunkedLast) {
            // RFC 9112 §6.3: a request's length cannot be known then; a response runs to the close.
            if (unframed == Mode::None)
                return Framing{Mode::None, 0, 400, "chunked is not the final transfer coding"};
            return Framing{Mode::UntilClose, 0, 0, nullptr};
        }
        if (otherCoding)
            return Framing{Mode::None, 0, 501, "unsupported transfer coding"};
        return Framing{Mode::Chunked, 0, 0, nullptr};
    }

    if (contentLength) {
        qint64 length = 0;
        bool tooLarge = false;
        if (!HttpSyntax::parseDecimal(contentLength->value, length, &tooLarge)) {
            if (tooLarge)
                return Framing{Mode::None, 0, 413, "body larger than the limit"};
            return Framing{Mode::None, 0, 400, "invalid Content-Length"};
        }
        if (length > maxBodyBytes)
            return Framing{Mode::None, 0, 413, "body larger than the limit"};
        return Framing{length > 0 ? Mode::Fixed : Mode::None, length, 0, nullptr};
    }
    return Framing{unframed, 0, 0, nullptr};
}

void HttpBodyDecoder::start(const Framing &framing, qsizetype maxBodyBytes, qsizetype maxTrailerBytes)
{
    reset();
    m_mode = framing.mode;
    m_remaining = framing.mode == Mode::Fixed ? framing.length : 0;
    m_maxBodyBytes = maxBodyBytes;
    m_maxTrailerBytes = maxTrailerBytes;
}

HttpBodyDecoder::Result HttpBodyDecoder::fail(int status, const char *reason)
{
    m_errorStatus = status;
    m_errorReason = reason;
    return Result::Error;
}

void HttpBodyDecoder::take(QByteArray &buffer, QByteArray &body, qsizetype count)
{
    if (count <= 0)
        return;
    if (body.isEmpty() && count == buffer.size() && buffer.capacity() <= 2 * count + 64) {
        // The whole buffer is body: hand its storage over instead of copying it. Not when the
        // storage is mostly spare room (a socket read buffer): a small body would pin it for as
        // long as the message lives, and flow logs keep messages for a long time.
        body.swap(buffer);
        buffer.clear();
        return;
    }
    body.append(buffer.constData(), count);
    // Qt 6 removes from the front by moving the start pointer, so this does not copy the rest.
    buffer.remove(0, count);
}

HttpBodyDecoder::Result HttpBodyDecoder::decode(QByteArray &buffer, QByteArray &body, HttpHeaders &trailers)
{
    switch (m_mode) {
    case Mode::None:
        return Result::Done;
    case Mode::Fixed: {
        const qsizetype count = qsizetype(qMin<qint64>(m_remaining, buffer.size()));
        take(buffer, body, count);
        m_remaining -= count;
        return m_remaining > 0 ? Result::NeedMore : Result::Done;
    }
    case Mode::UntilClose:
        m_received += buffer.size();
        if (m_received > m_maxBodyBytes)
            return fail(413, "body larger than the limit");
        take(buffer, body, buffer.size());
        return Result::NeedMore;
    case Mode::Chunked:
        return decodeChunked(buffer, body, trailers);
    }
    return Result::Done;
}

HttpBodyDecoder::Result HttpBodyDecoder::parseSizeLine(QByteArray &buffer)
{
    const char *data = buffer.constData();
    const void *hit = std::memchr(data + m_scanFrom, '\n', size_t(buffer.size() - m_scanFrom));
    if (!hit) {
        if (buffer.size() > kMaxChunkSizeLine)
            return fail(400, "chunk size line too long");
        m_scanFrom = buffer.size();
        return Result::NeedMore;
    }
    const qsizetype lf = static_cast<const char *>(hit) - data;
    if (lf > kMaxChunkSizeLine)
        return fail(400, "chunk size line too long");
    const qsizetype lineEnd = (lf > 0 && data[lf - 1] == '\r') ? lf - 1 : lf;

    qsizetype i = 0;
    qint64 size = 0;
    for (; i < lineEnd; ++i) {
        const int digit = hexValue(data[i]);
        if (digit < 0)
            break;
        if (size > (m_maxBodyBytes >> 4) + 1)
            return fail(413, "body larger than the limit");
        size = size * 16 + digit;
    }
    if (i == 0)
        return fail(400, "invalid chunk size");
    // chunk-ext (RFC 9112 §7.1.1): BWS ";" ... ; its names and values are not used, only checked
    // for characters that have no place in a field.
    while (i < lineEnd && (data[i] == ' ' || data[i] == '\t'))
        ++i;
    if (i < lineEnd) {
        if (data[i] != ';')
            return fail(400, "invalid chunk size");
        for (; i < lineEnd; ++i) {
            if (!HttpSyntax::isFieldValueChar(static_cast<uchar>(data[i])))
                return fail(400, "invalid chunk extension");
        }
    }
    if (m_received + size > m_maxBodyBytes)
        return fail(413, "body larger than the limit");

    buffer.remove(0, lf + 1);
    m_scanFrom = 0;
    m_remaining = size;
    m_phase = size == 0 ? Phase::Trailers : Phase::Data;
    return Result::Done;
}

HttpBodyDecoder::Result HttpBodyDecoder::decodeChunked(QByteArray &buffer, QByteArray &body, HttpHeaders &trailers)
{
    while (true) {
        switch (m_phase) {
        case Phase::Size:
            if (const Result r = parseSizeLine(buffer); r != Result::Done)
                return r;
            break;
        case Phase::Data: {
            const qsizetype count = qsizetype(qMin<qint64>(m_remaining, buffer.size()));
            take(buffer, body, count);
            m_remaining -= count;
            m_received += count;
            if (m_remaining > 0)
                return Result::NeedMore;
            m_phase = Phase::DataEnd;
            break;
        }
        case Phase::DataEnd:
            if (buffer.isEmpty())
                return Result::NeedMore;
            if (buffer.at(0) == '\n') {
                buffer.remove(0, 1);
            } else if (buffer.at(0) == '\r') {
                if (buffer.size() < 2)
                    return Result::NeedMore;
                if (buffer.at(1) != '\n')
                    return fail(400, "chunk data not followed by CRLF");
                buffer.remove(0, 2);
            } else {
                return fail(400, "chunk data not followed by CRLF");
            }
            m_phase = Phase::Size;
            break;
        case Phase::Trailers: {
            const qsizetype end = HttpSyntax::findSectionEnd(buffer, m_scanFrom);
            if (end < 0) {
                if (buffer.size() > m_maxTrailerBytes)
                    return fail(431, "trailer section larger than the limit");
                return Result::NeedMore;
            }
            if (end > m_maxTrailerBytes)
                return fail(431, "trailer section larger than the limit");
            const char *begin = buffer.constData();
            if (const char *error = HttpSyntax::parseFieldLines(begin, begin + end, trailers))
                return fail(400, error);
            buffer.remove(0, end);
            m_scanFrom = 0;
            return Result::Done;
        }
        }
    }
}

} // namespace gw
