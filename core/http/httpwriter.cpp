#include "httpwriter.h"

#include "httpsyntax.h"

namespace gw {

namespace {

qsizetype headerBytes(const HttpHeaders &headers)
{
    qsizetype size = 2;
    for (const HttpHeaders::Field &field : headers.fields())
        size += field.name.size() + field.value.size() + 4;
    return size;
}

void appendField(QByteArray &out, QByteArrayView name, QByteArrayView value)
{
    out.append(name).append(": ", 2).append(value).append("\r\n", 2);
}

void appendFields(QByteArray &out, const HttpHeaders &headers)
{
    for (const HttpHeaders::Field &field : headers.fields())
        appendField(out, field.name, field.value);
}

void appendContentLength(QByteArray &out, qsizetype length)
{
    out.append("Content-Length: ", 16);
    HttpSyntax::appendDecimal(out, length);
    out.append("\r\n", 2);
}

// Ends the head and writes the body as a chunked or identity payload.
void appendBody(QByteArray &out, const QByteArray &body, bool chunked, const HttpHeaders &trailers)
{
    out.append("\r\n", 2);
    if (!chunked) {
        out.append(body);
        return;
    }
    if (!body.isEmpty())
        HttpWriter::appendChunk(out, body);
    out.append("0\r\n", 3);
    appendFields(out, trailers);
    out.append("\r\n", 2);
}

} // namespace

bool HttpWriter::statusHasNoBody(int status)
{
    return (status >= 100 && status < 200) || status == 204 || status == 304;
}

void HttpWriter::appendChunk(QByteArray &out, QByteArrayView data)
{
    if (data.isEmpty()) {
        out.append("0\r\n\r\n", 5);
        return;
    }
    static constexpr char hex[] = "0123456789abcdef";
    char digits[16];
    char *end = digits + sizeof digits;
    char *p = end;
    quint64 size = quint64(data.size());
    do {
        *--p = hex[size & 0xf];
        size >>= 4;
    } while (size);
    out.append(p, end - p).append("\r\n", 2).append(data).append("\r\n", 2);
}

void HttpWriter::appendRequest(QByteArray &out, const HttpRequest &request)
{
    const bool chunked = request.chunked || request.headers.hasToken("transfer-encoding", "chunked");
    out.reserve(out.size() + request.method.size() + request.target.size() + headerBytes(request.headers)
                + request.body.size() + 64);
    out.append(request.method).append(' ').append(request.target).append(" HTTP/1.", 8);
    out.append(static_cast<char>('0' + request.versionMinor)).append("\r\n", 2);

    bool lengthWritten = false;
    bool hasTransferEncoding = false;
    for (const HttpHeaders::Field &field : request.headers.fields()) {
        if (HttpSyntax::equalsIgnoreCase(field.name, "content-length")) {
            // The body decides the length: a relayed request may have been de-chunked or rewritten.
            if (!chunked && !lengthWritten) {
                out.append(field.name).append(": ", 2);
                HttpSyntax::appendDecimal(out, request.body.size());
                out.append("\r\n", 2);
                lengthWritten = true;
            }
            continue;
        }
        if (HttpSyntax::equalsIgnoreCase(field.name, "transfer-encoding"))
            hasTransferEncoding = true;
        appendField(out, field.name, field.value);
    }
    if (chunked && !hasTransferEncoding)
        appendField(out, "Transfer-Encoding", "chunked");
    // A request without a body gets no Content-Length unless it had one (RFC 9110 §8.6).
    if (!chunked && !lengthWritten && !request.body.isEmpty())
        appendContentLength(out, request.body.size());
    appendBody(out, request.body, chunked, request.trailers);
}

void HttpWriter::appendResponse(QByteArray &out, const HttpResponse &response, bool headOnly)
{
    const bool noBody = statusHasNoBody(response.status);
    const bool chunked = !noBody && (response.chunked || response.headers.hasToken("transfer-encoding", "chunked"));
    out.reserve(out.size() + response.reason.size() + headerBytes(response.headers)
                + (headOnly || noBody ? 0 : response.body.size()) + 80);

    out.append("HTTP/1.", 7).append(static_cast<char>('0' + response.versionMinor)).append(' ');
    HttpSyntax::appendDecimal(out, response.status);
    out.append(' ');
    if (!response.reason.isEmpty())
        out.append(response.reason);
    else
        out.append(HttpResponse::standardReason(response.status));
    out.append("\r\n", 2);

    appendFields(out, response.headers);
    if (chunked) {
        if (!response.headers.contains("transfer-encoding"))
            appendField(out, "Transfer-Encoding", "chunked");
    } else if (!noBody && !response.headers.contains("content-length")) {
        appendContentLength(out, response.body.size());
    }
    if (headOnly || noBody) {
        out.append("\r\n", 2);
        return;
    }
    appendBody(out, response.body, chunked, response.trailers);
}

} // namespace gw
