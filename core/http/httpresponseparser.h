#pragma once

#include "httpbodydecoder.h"
#include "httpresponse.h"

#include <QByteArray>

namespace gw {

// Incremental HTTP/1.x response parser for the client side (gateway upstreams, simulated clients).
// Same contract as HttpRequestParser. A response without Content-Length or chunking is delimited by
// the connection's end: call finish() when the peer closes.
class HttpResponseParser
{
public:
    struct Limits
    {
        qsizetype maxHeaderBytes = 64 * 1024;
        qsizetype maxBodyBytes = 64 * 1024 * 1024;
    };
    enum class Result { NeedMore, Complete, Error };

    HttpResponseParser() = default;
    explicit HttpResponseParser(Limits limits) : m_limits(limits) {}

    // The request's method decides whether a body follows (HEAD, and 2xx to CONNECT, have none).
    void setRequestMethod(const QByteArray &method) { m_requestMethod = method; }
    Result parse(QByteArray &buffer);
    // The peer closed: completes a close-delimited body, or reports a truncated message as Error.
    Result finish(QByteArray &buffer);

    bool headersComplete() const { return m_state != State::Head; }
    const HttpResponse &response() const { return m_response; }
    HttpResponse takeResponse();
    // True when the message is delimited by the connection's close (no length, not chunked).
    bool readsUntilClose() const { return m_state == State::Body && m_body.mode() == HttpBodyDecoder::Mode::UntilClose; }
    const QByteArray &errorReason() const { return m_errorReason; }

    void reset();

private:
    enum class State { Head, Body, Done, Failed };
    Result fail(const char *reason);
    Result parseHead(QByteArray &buffer);
    Result parseStatusLine(const char *begin, const char *end);
    Result parseBody(QByteArray &buffer);
    bool hasNoBody() const;

    Limits m_limits;
    QByteArray m_requestMethod = QByteArrayLiteral("GET");
    State m_state = State::Head;
    HttpResponse m_response;
    HttpBodyDecoder m_body;
    qsizetype m_scanFrom = 0;
    QByteArray m_errorReason;
};

} // namespace gw
