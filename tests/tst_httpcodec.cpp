#include "http/httpbodydecoder.h"
#include "http/httprequestparser.h"
#include "http/httpresponseparser.h"
#include "http/httpwriter.h"

#include <QTest>

#include <initializer_list>
#include <utility>

using namespace gw;

namespace {

HttpHeaders fields(std::initializer_list<std::pair<const char *, const char *>> list)
{
    HttpHeaders headers;
    for (const auto &[name, value] : list)
        headers.append(QByteArray(name), QByteArray(value));
    return headers;
}

const HttpHeaders kHostA = fields({{"Host", "a"}});

struct ExpectedRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QByteArray target = QByteArrayLiteral("/");
    HttpHeaders headers = kHostA;
    QByteArray body = {};
    int versionMinor = 1;
    bool keepAlive = true;
    bool expectsContinue = false;
    bool chunked = false;
    HttpHeaders trailers = {};
    friend bool operator==(const ExpectedRequest &, const ExpectedRequest &) = default;
};

struct ExpectedResponse
{
    int status = 200;
    QByteArray reason = QByteArrayLiteral("OK");
    HttpHeaders headers = {};
    QByteArray body = {};
    int versionMinor = 1;
    bool chunked = false;
    HttpHeaders trailers = {};
    friend bool operator==(const ExpectedResponse &, const ExpectedResponse &) = default;
};

using Requests = QList<ExpectedRequest>;
using Responses = QList<ExpectedResponse>;

struct RequestOutcome
{
    QList<HttpRequest> requests;
    int errorStatus = 0;
    QByteArray rest;
};

// Feeds `input` `step` bytes at a time, draining every complete message after each piece, as a
// connection does after each read.
RequestOutcome runRequestParser(const QByteArray &input, qsizetype step)
{
    HttpRequestParser parser;
    RequestOutcome outcome;
    QByteArray buffer;
    for (qsizetype pos = 0; pos < input.size() && !outcome.errorStatus; pos += step) {
        buffer.append(QByteArrayView(input).sliced(pos, qMin(step, input.size() - pos)));
        while (true) {
            const HttpRequestParser::Result r = parser.parse(buffer);
            if (r == HttpRequestParser::Result::Complete) {
                outcome.requests.append(parser.takeRequest());
                continue;
            }
            if (r == HttpRequestParser::Result::Error)
                outcome.errorStatus = parser.errorStatus();
            break;
        }
    }
    outcome.rest = buffer;
    return outcome;
}

struct ResponseOutcome
{
    QList<HttpResponse> responses;
    bool error = false;
    QByteArray rest;
};

ResponseOutcome runResponseParser(const QByteArray &input, qsizetype step, const QByteArray &method, bool closeAtEnd)
{
    HttpResponseParser parser;
    parser.setRequestMethod(method);
    ResponseOutcome outcome;
    QByteArray buffer;
    for (qsizetype pos = 0; pos < input.size() && !outcome.error; pos += step) {
        buffer.append(QByteArrayView(input).sliced(pos, qMin(step, input.size() - pos)));
        while (true) {
            const HttpResponseParser::Result r = parser.parse(buffer);
            if (r == HttpResponseParser::Result::Complete) {
                outcome.responses.append(parser.takeResponse());
                continue;
            }
            outcome.error = r == HttpResponseParser::Result::Error;
            break;
        }
    }
    if (closeAtEnd && !outcome.error) {
        const HttpResponseParser::Result r = parser.finish(buffer);
        if (r == HttpResponseParser::Result::Complete)
            outcome.responses.append(parser.takeResponse());
        outcome.error = r == HttpResponseParser::Result::Error;
    }
    outcome.rest = buffer;
    return outcome;
}

ExpectedRequest describe(const HttpRequest &r)
{
    return ExpectedRequest{r.method, r.target, r.headers, r.body, r.versionMinor, r.keepAlive(), r.expectsContinue(), r.chunked, r.trailers};
}

ExpectedResponse describe(const HttpResponse &r)
{
    return ExpectedResponse{r.status, r.reason, r.headers, r.body, r.versionMinor, r.chunked, r.trailers};
}

QByteArray repeated(char c, qsizetype n)
{
    return QByteArray(n, c);
}

} // namespace

Q_DECLARE_METATYPE(Requests)
Q_DECLARE_METATYPE(Responses)

class TestHttpCodec final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requests_data();
    void requests();
    void responses_data();
    void responses();
    void requestPathAndQuery_data();
    void requestPathAndQuery();
    void headersLookup();
    void headersComplete();
    void writerResponseBytes_data();
    void writerResponseBytes();
    void writerRequestBytes();
    void writerChunk();
    void requestRoundTrip();
    void responseRoundTrip();
};

void TestHttpCodec::requests_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Requests>("expected");
    QTest::addColumn<int>("errorStatus");      // 0: every message parses
    QTest::addColumn<QByteArray>("rest");      // bytes left in the buffer at the end

    const QByteArray none;

    // Valid messages.
    QTest::addRow("simple GET") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\r\n") << Requests{ExpectedRequest{}} << 0 << none;
    QTest::addRow("header case and OWS kept exact")
        << QByteArray("GET /p?q=1 HTTP/1.1\r\nHost: a\r\nX-MiXed-Case:  \t v a l \t \r\nACCEPT:*/*\r\n\r\n")
        << Requests{{.target = "/p?q=1", .headers = fields({{"Host", "a"}, {"X-MiXed-Case", "v a l"}, {"ACCEPT", "*/*"}})}}
        << 0 << none;
    QTest::addRow("empty header value")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX-Empty:\r\nX-Spaces:   \r\n\r\n")
        << Requests{{.headers = fields({{"Host", "a"}, {"X-Empty", ""}, {"X-Spaces", ""}})}} << 0 << none;
    QTest::addRow("POST with Content-Length")
        << QByteArray("POST /submit HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world")
        << Requests{{.method = "POST", .target = "/submit", .headers = fields({{"Host", "a"}, {"Content-Length", "11"}}), .body = "hello world"}}
        << 0 << none;
    QTest::addRow("Content-Length zero")
        << QByteArray("PUT /x HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n")
        << Requests{{.method = "PUT", .target = "/x", .headers = fields({{"Host", "a"}, {"Content-Length", "0"}})}} << 0 << none;
    QTest::addRow("Content-Length with leading zeros")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 003\r\n\r\nabc")
        << Requests{{.method = "POST", .headers = fields({{"Host", "a"}, {"Content-Length", "003"}}), .body = "abc"}} << 0 << none;
    QTest::addRow("pipelined three in one buffer")
        << QByteArray("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
                      "POST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nxyz"
                      "GET /3 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
        << Requests{{.target = "/1"},
                    {.method = "POST", .target = "/2", .headers = fields({{"Host", "a"}, {"Content-Length", "3"}}), .body = "xyz"},
                    {.target = "/3", .headers = fields({{"Host", "a"}, {"Connection", "close"}}), .keepAlive = false}}
        << 0 << none;
    QTest::addRow("pipelined with a partial third left in the buffer")
        << QByteArray("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\nGET /3 HTTP/1.1\r\nHo")
        << Requests{{.target = "/1"}, {.target = "/2"}} << 0 << QByteArray("GET /3 HTTP/1.1\r\nHo");
    QTest::addRow("pipelined chunked then GET")
        << QByteArray("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nGET /n HTTP/1.1\r\nHost: a\r\n\r\n")
        << Requests{{.method = "POST", .target = "/c", .headers = fields({{"Host", "a"}, {"Transfer-Encoding", "chunked"}}), .body = "abc", .chunked = true},
                    {.target = "/n"}}
        << 0 << none;
    QTest::addRow("chunked with extensions and trailers")
        << QByteArray("POST /up HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5;name=value\r\nhello\r\n"
                      "6 ; quoted=\"a;b\" ; flag\r\n world\r\n"
                      "0;last\r\nX-Checksum: 42\r\nX-Other: z\r\n\r\n")
        << Requests{{.method = "POST", .target = "/up", .headers = fields({{"Host", "a"}, {"Transfer-Encoding", "chunked"}}),
                     .body = "hello world", .chunked = true, .trailers = fields({{"X-Checksum", "42"}, {"X-Other", "z"}})}}
        << 0 << none;
    QTest::addRow("chunked upper-case hex, many chunks")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "A\r\n0123456789\r\n1\r\n!\r\n000\r\n\r\n")
        << Requests{{.method = "POST", .headers = fields({{"Host", "a"}, {"Transfer-Encoding", "chunked"}}), .body = "0123456789!", .chunked = true}}
        << 0 << none;
    QTest::addRow("chunked with bare LF line ends")
        << QByteArray("POST / HTTP/1.1\nHost: a\nTransfer-Encoding: chunked\n\n2\nok\n0\n\n")
        << Requests{{.method = "POST", .headers = fields({{"Host", "a"}, {"Transfer-Encoding", "chunked"}}), .body = "ok", .chunked = true}}
        << 0 << none;
    QTest::addRow("Transfer-Encoding token case-insensitive")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n")
        << Requests{{.method = "POST", .headers = fields({{"Host", "a"}, {"Transfer-Encoding", "Chunked"}}), .chunked = true}} << 0 << none;
    QTest::addRow("bare LF request")
        << QByteArray("GET /lf HTTP/1.1\nHost: a\n\n") << Requests{{.target = "/lf"}} << 0 << none;
    QTest::addRow("leading empty lines ignored")
        << QByteArray("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n") << Requests{ExpectedRequest{}} << 0 << none;
    QTest::addRow("HTTP/1.0 closes by default")
        << QByteArray("GET /old HTTP/1.0\r\n\r\n")
        << Requests{{.target = "/old", .headers = {}, .versionMinor = 0, .keepAlive = false}} << 0 << none;
    QTest::addRow("HTTP/1.0 keep-alive")
        << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
        << Requests{{.headers = fields({{"Connection", "Keep-Alive"}}), .versionMinor = 0, .keepAlive = true}} << 0 << none;
    QTest::addRow("HTTP/1.1 Connection close among tokens")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, CLOSE\r\n\r\n")
        << Requests{{.headers = fields({{"Host", "a"}, {"Connection", "Upgrade, CLOSE"}}), .keepAlive = false}} << 0 << none;
    QTest::addRow("Expect 100-continue")
        << QByteArray("PUT /f HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\nhi")
        << Requests{{.method = "PUT", .target = "/f", .headers = fields({{"Host", "a"}, {"Expect", "100-Continue"}, {"Content-Length", "2"}}),
                     .body = "hi", .expectsContinue = true}}
        << 0 << none;
    QTest::addRow("Expect 100-continue ignored for HTTP/1.0")
        << QByteArray("PUT / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n")
        << Requests{{.method = "PUT", .headers = fields({{"Expect", "100-continue"}, {"Content-Length", "0"}}), .versionMinor = 0, .keepAlive = false}}
        << 0 << none;
    QTest::addRow("absolute-form target")
        << QByteArray("GET http://example.com:8080/a/b?c=d HTTP/1.1\r\nHost: example.com:8080\r\n\r\n")
        << Requests{{.target = "http://example.com:8080/a/b?c=d", .headers = fields({{"Host", "example.com:8080"}})}} << 0 << none;
    QTest::addRow("asterisk-form OPTIONS")
        << QByteArray("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n") << Requests{{.method = "OPTIONS", .target = "*"}} << 0 << none;
    QTest::addRow("authority-form CONNECT")
        << QByteArray("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n")
        << Requests{{.method = "CONNECT", .target = "example.com:443", .headers = fields({{"Host", "example.com:443"}})}} << 0 << none;
    QTest::addRow("extension method and obs-text value")
        << QByteArray("PURGE /x HTTP/1.1\r\nHost: a\r\nX-Latin: caf\xe9\r\n\r\n")
        << Requests{{.method = "PURGE", .target = "/x", .headers = fields({{"Host", "a"}, {"X-Latin", "caf\xe9"}})}} << 0 << none;
    QTest::addRow("body exactly at the 1,000,000 limit")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000\r\n\r\n") + repeated('b', 1'000'000)
        << Requests{{.method = "POST", .headers = fields({{"Host", "a"}, {"Content-Length", "1000000"}}), .body = repeated('b', 1'000'000)}}
        << 0 << none;

    // Malformed messages and limits.
    QTest::addRow("obs-fold") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n  continued\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("whitespace before colon") << QByteArray("GET / HTTP/1.1\r\nHost : a\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("invalid token char in name") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX(A): b\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("field without colon") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nJustAName\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("empty field name") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n: v\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("NUL in field value") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\0c\r\n\r\n", 37) << Requests{} << 400 << none;
    QTest::addRow("bare CR in field value") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\rc\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("two identical Content-Lengths")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc") << Requests{} << 400 << none;
    QTest::addRow("two differing Content-Lengths")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\ncontent-length: 4\r\n\r\nabcd") << Requests{} << 400 << none;
    QTest::addRow("Content-Length list")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\n\r\nabc") << Requests{} << 400 << none;
    QTest::addRow("negative Content-Length")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("non-numeric Content-Length")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x10\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("Content-Length and Transfer-Encoding")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("Transfer-Encoding without chunked")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("chunked not the last coding")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("chunked twice")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("unsupported coding before chunked")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n") << Requests{} << 501 << none;
    QTest::addRow("Transfer-Encoding in HTTP/1.0")
        << QByteArray("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("bad chunk size")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nab\r\n0\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("chunk size with junk after it")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2x\r\nab\r\n0\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("chunk data longer than its size")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("HTTP/2.0 request line") << QByteArray("GET / HTTP/2.0\r\nHost: a\r\n\r\n") << Requests{} << 505 << none;
    QTest::addRow("HTTP/1.2 request line") << QByteArray("GET / HTTP/1.2\r\nHost: a\r\n\r\n") << Requests{} << 505 << none;
    QTest::addRow("garbled version") << QByteArray("GET / HTTX/1.1\r\nHost: a\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("lower-case version") << QByteArray("GET / http/1.1\r\nHost: a\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("double space in request line") << QByteArray("GET  / HTTP/1.1\r\nHost: a\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("invalid method char") << QByteArray("GE(T / HTTP/1.1\r\nHost: a\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("asterisk with GET") << QByteArray("GET * HTTP/1.1\r\nHost: a\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("relative target") << QByteArray("GET index.html HTTP/1.1\r\nHost: a\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("missing Host in HTTP/1.1") << QByteArray("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("two Host fields") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << Requests{} << 400 << none;
    QTest::addRow("head over 64 KiB, terminated")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX-Big: ") + repeated('x', 64 * 1024) + QByteArray("\r\n\r\n") << Requests{} << 431 << none;
    QTest::addRow("head over 64 KiB, never terminated")
        << QByteArray("GET / HTTP/1.1\r\nHost: a\r\nX-Big: ") + repeated('x', 64 * 1024 + 10) << Requests{} << 431 << none;
    QTest::addRow("Content-Length over 1,000,000")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1000001\r\n\r\n") << Requests{} << 413 << none;
    QTest::addRow("Content-Length beyond 64 bits")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n") << Requests{} << 413 << none;
    QTest::addRow("chunked body over 1,000,000")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n80000\r\n") + repeated('c', 0x80000)
               + QByteArray("\r\n80000\r\n")
        << Requests{} << 413 << none;
    QTest::addRow("huge chunk size")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n") << Requests{} << 413 << none;
    QTest::addRow("valid then malformed pipelined")
        << QByteArray("GET /ok HTTP/1.1\r\nHost: a\r\n\r\nGET /bad HTTP/1.1\r\nHost : a\r\n\r\n")
        << Requests{{.target = "/ok"}} << 400 << none;
}

void TestHttpCodec::requests()
{
    QFETCH(QByteArray, input);
    QFETCH(Requests, expected);
    QFETCH(int, errorStatus);
    QFETCH(QByteArray, rest);

    // Whole buffer, one byte at a time and an odd split: the outcome must not depend on how the
    // bytes arrived.
    for (const qsizetype step : {input.size(), qsizetype(1), qsizetype(7)}) {
        const RequestOutcome outcome = runRequestParser(input, step);
        QList<ExpectedRequest> got;
        for (const HttpRequest &request : outcome.requests)
            got.append(describe(request));
        QCOMPARE(got.size(), expected.size());
        for (qsizetype i = 0; i < got.size(); ++i) {
            QCOMPARE(got.at(i).method, expected.at(i).method);
            QCOMPARE(got.at(i).target, expected.at(i).target);
            QCOMPARE(got.at(i).versionMinor, expected.at(i).versionMinor);
            QCOMPARE(got.at(i).headers.size(), expected.at(i).headers.size());
            QVERIFY(got.at(i).headers == expected.at(i).headers);
            QCOMPARE(got.at(i).body.size(), expected.at(i).body.size());
            QVERIFY(got.at(i) == expected.at(i));
        }
        QCOMPARE(outcome.errorStatus, errorStatus);
        if (!errorStatus)
            QCOMPARE(outcome.rest, rest);
    }
}

void TestHttpCodec::responses_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("peerCloses");      // finish() after the last byte
    QTest::addColumn<Responses>("expected");
    QTest::addColumn<bool>("error");
    QTest::addColumn<QByteArray>("rest");

    const QByteArray get = QByteArrayLiteral("GET");
    const QByteArray none;

    QTest::addRow("200 with Content-Length")
        << get << QByteArray("HTTP/1.1 200 OK\r\ncontent-length: 12\r\nconnection: keep-alive\r\n\r\nHello, world") << false
        << Responses{{.headers = fields({{"content-length", "12"}, {"connection", "keep-alive"}}), .body = "Hello, world"}} << false << none;
    QTest::addRow("503 custom reason")
        << get << QByteArray("HTTP/1.1 503 Service Unavailable Now\r\nContent-Length: 19\r\n\r\nService unavailable") << false
        << Responses{{.status = 503, .reason = "Service Unavailable Now", .headers = fields({{"Content-Length", "19"}}), .body = "Service unavailable"}}
        << false << none;
    QTest::addRow("chunked with trailers")
        << get << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\nWiki\r\n5\r\npedia\r\n0\r\nExpires: never\r\n\r\n") << false
        << Responses{{.headers = fields({{"Transfer-Encoding", "chunked"}}), .body = "Wikipedia", .chunked = true, .trailers = fields({{"Expires", "never"}})}}
        << false << none;
    QTest::addRow("HEAD response has no body")
        << QByteArray("HEAD") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n") << false
        << Responses{{.headers = fields({{"Content-Length", "1234"}})}} << false << none;
    QTest::addRow("HEAD response followed by the next")
        << QByteArray("HEAD") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nHTTP/1.1 404 Not Found\r\n\r\n") << false
        << Responses{{.headers = fields({{"Transfer-Encoding", "chunked"}})}, {.status = 404, .reason = "Not Found"}} << false << none;
    QTest::addRow("204 then pipelined 200")
        << get << QByteArray("HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok") << false
        << Responses{{.status = 204, .reason = "No Content"}, {.headers = fields({{"Content-Length", "2"}}), .body = "ok"}} << false << none;
    QTest::addRow("304 ignores Content-Length")
        << get << QByteArray("HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\nETag: \"v1\"\r\n\r\n") << false
        << Responses{{.status = 304, .reason = "Not Modified", .headers = fields({{"Content-Length", "99"}, {"ETag", "\"v1\""}})}} << false << none;
    QTest::addRow("100 Continue then final")
        << get << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n") << false
        << Responses{{.status = 100, .reason = "Continue"}, {.status = 201, .reason = "Created", .headers = fields({{"Content-Length", "0"}})}}
        << false << none;
    QTest::addRow("close-delimited body via finish()")
        << get << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of this until the close") << true
        << Responses{{.headers = fields({{"Content-Type", "text/plain"}}), .body = "all of this until the close"}} << false << none;
    QTest::addRow("HTTP/1.0 close-delimited")
        << get << QByteArray("HTTP/1.0 200 OK\r\n\r\nold") << true << Responses{{.body = "old", .versionMinor = 0}} << false << none;
    QTest::addRow("unknown coding is read until close")
        << get << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nzzz") << true
        << Responses{{.headers = fields({{"Transfer-Encoding", "gzip"}}), .body = "zzz"}} << false << none;
    QTest::addRow("CONNECT 200 has no body")
        << QByteArray("CONNECT") << QByteArray("HTTP/1.1 200 Connection Established\r\n\r\ntunnel") << false
        << Responses{{.reason = "Connection Established"}} << false << QByteArray("tunnel");
    QTest::addRow("empty reason with space") << get << QByteArray("HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n") << false
                                               << Responses{{.reason = "", .headers = fields({{"Content-Length", "0"}})}} << false << none;
    QTest::addRow("no reason, no space") << get << QByteArray("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n") << false
                                           << Responses{{.reason = "", .headers = fields({{"Content-Length", "0"}})}} << false << none;
    QTest::addRow("truncated body") << get << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort") << true << Responses{} << true << none;
    QTest::addRow("truncated head") << get << QByteArray("HTTP/1.1 200 OK\r\nContent-Le") << true << Responses{} << true << none;
    QTest::addRow("truncated chunked") << get << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab") << true
                                       << Responses{} << true << none;
    QTest::addRow("closed before any byte") << get << QByteArray() << true << Responses{} << true << none;
    QTest::addRow("malformed status line") << get << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n") << false << Responses{} << true << none;
    QTest::addRow("HTTP/2 status line") << get << QByteArray("HTTP/2.0 200 OK\r\n\r\n") << false << Responses{} << true << none;
    QTest::addRow("response CL and TE") << get << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                                        << false << Responses{} << true << none;
    QTest::addRow("response two Content-Lengths") << get << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc")
                                                  << false << Responses{} << true << none;
    QTest::addRow("response obs-fold") << get << QByteArray("HTTP/1.1 200 OK\r\nX-A: b\r\n c\r\nContent-Length: 0\r\n\r\n") << false
                                       << Responses{} << true << none;
}

void TestHttpCodec::responses()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, input);
    QFETCH(bool, peerCloses);
    QFETCH(Responses, expected);
    QFETCH(bool, error);
    QFETCH(QByteArray, rest);

    const QList<qsizetype> steps = input.isEmpty() ? QList<qsizetype>{1} : QList<qsizetype>{input.size(), 1, 5};
    for (const qsizetype step : steps) {
        const ResponseOutcome outcome = runResponseParser(input, step, method, peerCloses);
        QCOMPARE(outcome.responses.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const ExpectedResponse got = describe(outcome.responses.at(i));
            QCOMPARE(got.status, expected.at(i).status);
            QCOMPARE(got.reason, expected.at(i).reason);
            QCOMPARE(got.body, expected.at(i).body);
            QVERIFY(got == expected.at(i));
        }
        QCOMPARE(outcome.error, error);
        if (!error)
            QCOMPARE(outcome.rest, rest);
    }
}

void TestHttpCodec::requestPathAndQuery_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("query");

    QTest::addRow("plain") << QByteArray("/a/b") << QByteArray("/a/b") << QByteArray();
    QTest::addRow("query") << QByteArray("/a?x=1&y=2") << QByteArray("/a") << QByteArray("x=1&y=2");
    QTest::addRow("empty query") << QByteArray("/a?") << QByteArray("/a") << QByteArray();
    QTest::addRow("absolute") << QByteArray("http://h:1/p/q?z") << QByteArray("/p/q") << QByteArray("z");
    QTest::addRow("absolute without path") << QByteArray("http://h") << QByteArray("/") << QByteArray();
    QTest::addRow("absolute with query only") << QByteArray("http://h?k=v") << QByteArray("/") << QByteArray("k=v");
    QTest::addRow("asterisk") << QByteArray("*") << QByteArray("*") << QByteArray();
}

void TestHttpCodec::requestPathAndQuery()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, query);
    HttpRequest request;
    request.target = target;
    QCOMPARE(request.path(), path);
    QCOMPARE(request.query(), query);
}

void TestHttpCodec::headersLookup()
{
    HttpHeaders headers = fields({{"Accept", "a"}, {"X-Tok", "gzip, Chunked"}, {"accept", "b"}, {"Host", "h"}});
    QVERIFY(headers.contains("ACCEPT"));
    QCOMPARE(headers.value("accept"), QByteArray("a"));
    QCOMPARE(headers.values("Accept"), (QList<QByteArray>{"a", "b"}));
    QCOMPARE(headers.combinedValue("accept"), QByteArray("a, b"));
    QCOMPARE(headers.combinedValue("accept", ","), QByteArray("a,b"));
    QVERIFY(headers.hasToken("x-tok", "chunked"));
    QVERIFY(!headers.hasToken("x-tok", "chunk"));
    QCOMPARE(headers.value("missing"), QByteArray());

    headers.set("ACCEPT", "c");
    QCOMPARE(headers.fields().at(0), (HttpHeaders::Field{"ACCEPT", "c"}));
    QCOMPARE(headers.values("accept").size(), 1);
    headers.set("New", "n");
    QCOMPARE(headers.fields().last(), (HttpHeaders::Field{"New", "n"}));
    QCOMPARE(headers.remove("host"), 1);
    QCOMPARE(headers.size(), 3);
}

void TestHttpCodec::headersComplete()
{
    // The server answers 100-continue on the head alone: the parser must say so before the body.
    HttpRequestParser parser;
    QByteArray buffer("POST /u HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
    QCOMPARE(parser.parse(buffer), HttpRequestParser::Result::NeedMore);
    QVERIFY(parser.headersComplete());
    QVERIFY(parser.request().expectsContinue());
    QCOMPARE(parser.request().target, QByteArray("/u"));
    buffer.append("da");
    QCOMPARE(parser.parse(buffer), HttpRequestParser::Result::NeedMore);
    buffer.append("ta");
    QCOMPARE(parser.parse(buffer), HttpRequestParser::Result::Complete);
    QCOMPARE(parser.takeRequest().body, QByteArray("data"));
    QVERIFY(buffer.isEmpty());
    QCOMPARE(parser.parse(buffer), HttpRequestParser::Result::NeedMore);
    QVERIFY(!parser.headersComplete());

    // An error sticks until reset().
    buffer = "BAD\r\n\r\n";
    QCOMPARE(parser.parse(buffer), HttpRequestParser::Result::Error);
    QCOMPARE(parser.errorStatus(), 400);
    QVERIFY(!parser.errorReason().isEmpty());
    buffer = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
    QCOMPARE(parser.parse(buffer), HttpRequestParser::Result::Error);
    parser.reset();
    QCOMPARE(parser.parse(buffer), HttpRequestParser::Result::Complete);

    // The response side knows early when the body runs to the close.
    HttpResponseParser responses;
    QByteArray raw("HTTP/1.1 200 OK\r\n\r\nab");
    QCOMPARE(responses.parse(raw), HttpResponseParser::Result::NeedMore);
    QVERIFY(responses.headersComplete());
    QVERIFY(responses.readsUntilClose());
    QCOMPARE(responses.finish(raw), HttpResponseParser::Result::Complete);
    QCOMPARE(responses.response().body, QByteArray("ab"));
}

void TestHttpCodec::writerResponseBytes_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<HttpHeaders>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("chunked");
    QTest::addColumn<bool>("headOnly");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("standard reason, length added")
        << 200 << QByteArray() << fields({{"content-type", "text/plain"}}) << QByteArray("Hello, world") << false << false
        << QByteArray("HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nContent-Length: 12\r\n\r\nHello, world");
    QTest::addRow("given length kept, case preserved")
        << 503 << QByteArray() << fields({{"content-length", "19"}, {"X-MiXed", "v"}}) << QByteArray("Service unavailable") << false << false
        << QByteArray("HTTP/1.1 503 Service Unavailable\r\ncontent-length: 19\r\nX-MiXed: v\r\n\r\nService unavailable");
    QTest::addRow("custom reason") << 299 << QByteArray("Fine") << HttpHeaders() << QByteArray() << false << false
                                   << QByteArray("HTTP/1.1 299 Fine\r\nContent-Length: 0\r\n\r\n");
    QTest::addRow("unknown status, empty reason") << 599 << QByteArray() << HttpHeaders() << QByteArray() << false << false
                                                  << QByteArray("HTTP/1.1 599 \r\nContent-Length: 0\r\n\r\n");
    QTest::addRow("HEAD answer keeps length, drops body")
        << 200 << QByteArray() << HttpHeaders() << QByteArray("abc") << false << true << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n");
    QTest::addRow("204 has no length and no body") << 204 << QByteArray() << HttpHeaders() << QByteArray("ignored") << false << false
                                                   << QByteArray("HTTP/1.1 204 No Content\r\n\r\n");
    QTest::addRow("304 has no body") << 304 << QByteArray() << fields({{"ETag", "\"x\""}}) << QByteArray() << false << false
                                     << QByteArray("HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\n\r\n");
    QTest::addRow("chunked") << 200 << QByteArray() << HttpHeaders() << QByteArray("0123456789abcdefXYZ") << true << false
                             << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n13\r\n0123456789abcdefXYZ\r\n0\r\n\r\n");
    QTest::addRow("chunked empty body") << 200 << QByteArray() << HttpHeaders() << QByteArray() << true << false
                                        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
}

void TestHttpCodec::writerResponseBytes()
{
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    QFETCH(HttpHeaders, headers);
    QFETCH(QByteArray, body);
    QFETCH(bool, chunked);
    QFETCH(bool, headOnly);
    QFETCH(QByteArray, expected);

    HttpResponse response;
    response.status = status;
    response.reason = reason;
    response.headers = headers;
    response.body = body;
    response.chunked = chunked;
    QByteArray out("prefix|");
    HttpWriter::appendResponse(out, response, headOnly);
    QCOMPARE(out, QByteArray("prefix|") + expected);
}

void TestHttpCodec::writerRequestBytes()
{
    HttpRequest request;
    request.method = "POST";
    request.target = "/p?q";
    request.headers = fields({{"host", "a"}, {"Content-Length", "999"}, {"X-Y", "z"}});
    request.body = "abc";
    QByteArray out;
    HttpWriter::appendRequest(out, request);
    QCOMPARE(out, QByteArray("POST /p?q HTTP/1.1\r\nhost: a\r\nContent-Length: 3\r\nX-Y: z\r\n\r\nabc"));

    HttpRequest get;
    get.method = "GET";
    get.target = "/";
    get.versionMinor = 0;
    get.headers = fields({{"Host", "h"}});
    out.clear();
    HttpWriter::appendRequest(out, get);
    QCOMPARE(out, QByteArray("GET / HTTP/1.0\r\nHost: h\r\n\r\n"));

    HttpRequest chunked = request;
    chunked.chunked = true;
    chunked.trailers = fields({{"X-T", "1"}});
    out.clear();
    HttpWriter::appendRequest(out, chunked);
    QCOMPARE(out, QByteArray("POST /p?q HTTP/1.1\r\nhost: a\r\nX-Y: z\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-T: 1\r\n\r\n"));
}

void TestHttpCodec::writerChunk()
{
    QByteArray out;
    HttpWriter::appendChunk(out, QByteArray(255, 'x'));
    QVERIFY(out.startsWith("ff\r\nxxx"));
    QVERIFY(out.endsWith("x\r\n"));
    QCOMPARE(out.size(), 4 + 255 + 2);
    out.clear();
    HttpWriter::appendChunk(out, QByteArrayView());
    QCOMPARE(out, QByteArray("0\r\n\r\n"));
    QVERIFY(HttpWriter::statusHasNoBody(101));
    QVERIFY(HttpWriter::statusHasNoBody(204));
    QVERIFY(HttpWriter::statusHasNoBody(304));
    QVERIFY(!HttpWriter::statusHasNoBody(200));
    QVERIFY(!HttpWriter::statusHasNoBody(404));
}

void TestHttpCodec::requestRoundTrip()
{
    const QList<HttpRequest> originals = [] {
        HttpRequest a;
        a.method = "PUT";
        a.target = "/items/1?x=y";
        a.headers = fields({{"Host", "example"}, {"X-Case-Kept", "Value With Spaces"}, {"content-length", "5"}});
        a.body = "12345";
        HttpRequest b;
        b.method = "POST";
        b.target = "/stream";
        b.headers = fields({{"Host", "example"}, {"Transfer-Encoding", "chunked"}});
        b.body = QByteArray(70'000, 'q');
        b.chunked = true;
        b.trailers = fields({{"Digest", "abc"}});
        HttpRequest c;
        c.method = "GET";
        c.target = "/";
        c.versionMinor = 0;
        c.headers = fields({{"Connection", "keep-alive"}});
        return QList<HttpRequest>{a, b, c};
    }();

    QByteArray wire;
    for (const HttpRequest &request : originals)
        HttpWriter::appendRequest(wire, request);
    const RequestOutcome outcome = runRequestParser(wire, 3);
    QCOMPARE(outcome.errorStatus, 0);
    QCOMPARE(outcome.requests.size(), originals.size());
    for (qsizetype i = 0; i < originals.size(); ++i)
        QVERIFY(describe(outcome.requests.at(i)) == describe(originals.at(i)));
    QVERIFY(outcome.rest.isEmpty());
}

void TestHttpCodec::responseRoundTrip()
{
    HttpResponse fixed;
    fixed.status = 404;
    fixed.headers = fields({{"content-type", "text/plain"}});
    fixed.body = "Not found";
    HttpResponse chunked;
    chunked.status = 200;
    chunked.headers = fields({{"X-A", "1"}});
    chunked.body = QByteArray(5000, 'z');
    chunked.chunked = true;
    chunked.trailers = fields({{"X-Trailer", "t"}});

    QByteArray wire;
    HttpWriter::appendResponse(wire, fixed);
    HttpWriter::appendResponse(wire, chunked);
    const ResponseOutcome outcome = runResponseParser(wire, 11, "GET", false);
    QVERIFY(!outcome.error);
    QCOMPARE(outcome.responses.size(), 2);
    const HttpResponse &first = outcome.responses.at(0);
    QCOMPARE(first.status, 404);
    QCOMPARE(first.reason, QByteArray("Not Found"));
    QCOMPARE(first.headers, fields({{"content-type", "text/plain"}, {"Content-Length", "9"}}));
    QCOMPARE(first.body, QByteArray("Not found"));
    const HttpResponse &second = outcome.responses.at(1);
    QVERIFY(second.chunked);
    QCOMPARE(second.body, chunked.body);
    QCOMPARE(second.trailers, chunked.trailers);
    QCOMPARE(second.headers, fields({{"X-A", "1"}, {"Transfer-Encoding", "chunked"}}));
}

QTEST_GUILESS_MAIN(TestHttpCodec)
#include "tst_httpcodec.moc"
