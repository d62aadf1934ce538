#pragma once

#include "httpheaders.h"

#include <QByteArray>

namespace gw {

// Decodes one message body from the front of a receive buffer: fixed length, chunked (RFC 9112 §7.1,
// with extensions and trailers) or delimited by the connection's close. Shared by the request and
// response parsers, which differ only in what an unframed message means and how errors are reported.
class HttpBodyDecoder final
{
public:
    enum class Mode { None, Fixed, Chunked, UntilClose };
    enum class Result { NeedMore, Done, Error };

    struct Framing
    {
        Mode mode = Mode::None;
        qint64 length = 0;                    // Fixed only
        int errorStatus = 0;                  // 400, 413 or 501 when the framing headers are unusable
        const char *errorReason = nullptr;
    };

    // How the body following `headers` is delimited (RFC 9112 §6.3). `unframed` is what a message
    // with neither Content-Length nor Transfer-Encoding means: no body for a request, everything up
    // to the close for a response. Content-Length beyond `maxBodyBytes` is refused here, before any
    // body byte is read.
    static Framing framing(const HttpHeaders &headers, Mode unframed, qsizetype maxBodyBytes);

    void start(const Framing &framing, qsizetype maxBodyBytes, qsizetype maxTrailerBytes);
    // Moves body bytes from the front of `buffer` into `body` (de-chunked) and the trailer section
    // into `trailers`. Leaves whatever follows the message in `buffer`.
    Result decode(QByteArray &buffer, QByteArray &body, HttpHeaders &trailers);
    void reset() { *this = HttpBodyDecoder(); }

    Mode mode() const { return m_mode; }
    int errorStatus() const { return m_errorStatus; }       // 400, 413 or 431
    const char *errorReason() const { return m_errorReason; }

private:
    enum class Phase { Size, Data, DataEnd, Trailers };
    Result fail(int status, const char *reason);
    Result decodeChunked(QByteArray &buffer, QByteArray &body, HttpHeaders &trailers);
    Result parseSizeLine(QByteArray &buffer);
    static void take(QByteArray &buffer, QByteArray &body, qsizetype count);

    Mode m_mode = Mode::None;
    Phase m_phase = Phase::Size;
    qint64 m_remaining = 0;          // Fixed: body bytes still expected; Chunked: bytes of the current chunk
    qint64 m_received = 0;
    qsizetype m_maxBodyBytes = 0;
    qsizetype m_maxTrailerBytes = 0;
    qsizetype m_scanFrom = 0;        // where to resume looking for a line end in chunk framing
    int m_errorStatus = 0;
    const char *m_errorReason = nullptr;
};

} // namespace gw
