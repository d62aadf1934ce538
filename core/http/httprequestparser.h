#pragma once

#include "httpbodydecoder.h"
#include "httprequest.h"

#include <QByteArray>

namespace gw {

// Incremental, socket-free HTTP/1.x request parser (RFC 9112). The caller appends received bytes to
// its buffer and calls parse() until it returns NeedMore; each Complete result consumes exactly one
// message from the front of the buffer, so pipelined requests come out one by one, in order.
class HttpRequestParser
{
public:
    struct Limits
    {
        qsizetype maxHeaderBytes = 64 * 1024;     // request line + header section → 431 beyond
        qsizetype maxBodyBytes = 1'000'000;       // FSM's ClientMaxBodySize → 413 beyond
    };

    enum class Result {
        NeedMore,          // nothing complete yet (headersComplete() may already be true)
        Complete,          // request() holds one whole message; its bytes were removed from the buffer
        Error              // errorStatus()/errorReason() say why; the connection must answer and close
    };

    HttpRequestParser() = default;
    explicit HttpRequestParser(Limits limits) : m_limits(limits) {}

    Result parse(QByteArray &buffer);

    // True once the head of the current message was parsed (before its body arrived): the server
    // answers `Expect: 100-continue` at that moment.
    bool headersComplete() const { return m_state != State::Head; }
    const HttpRequest &request() const { return m_request; }
    HttpRequest takeRequest();

    int errorStatus() const { return m_errorStatus; }          // 400, 413, 431, 501, 505
    const QByteArray &errorReason() const { return m_errorReason; }

    void reset();

private:
    enum class State { Head, Body, Done, Failed };
    Result fail(int status, const char *reason);
    Result parseHead(QByteArray &buffer);
    Result parseRequestLine(const char *begin, const char *end);
    Result parseBody(QByteArray &buffer);

    Limits m_limits;
    State m_state = State::Head;
    HttpRequest m_request;
    HttpBodyDecoder m_body;
    qsizetype m_scanFrom = 0;        // where to resume looking for the end of the head
    int m_errorStatus = 0;
    QByteArray m_errorReason;
};

} // namespace gw
