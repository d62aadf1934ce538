#pragma once

#include "httprequest.h"
#include "httprequestparser.h"
#include "httpresponse.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>
#include <functional>

class QTcpSocket;

namespace gw {

// The server side of one HTTP/1.x connection, shared by the gateway's listeners and the mock pods.
// It owns the socket, parses requests incrementally and hands them to the handler one at a time:
// a pipelined request is dispatched only after the previous one was answered, so responses leave
// in request order. The handler may answer at once or later (the gateway answers when its upstream
// does) by calling respond().
//
// Protocol duties handled here, so no handler repeats them:
//  - malformed requests get 400 / 413 / 431 / 501 / 505 from the parser and the connection closes
//    after that answer;
//  - `Expect: 100-continue` gets "HTTP/1.1 100 Continue" once the head has arrived;
//  - no complete head within headerTimeoutMs → 408 and close; idle keep-alive connections close
//    after idleTimeoutMs;
//  - Connection: close / HTTP/1.0 semantics decide whether the connection stays open;
//  - answers to HEAD carry the head only.
class HttpServerConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServerConnection)

public:
    struct Options
    {
        HttpRequestParser::Limits limits;
        int headerTimeoutMs = 10'000;     // 0 or less: no limit
        int idleTimeoutMs = 60'000;       // also bounds the pause between pieces of a body; 0 or less: no limit
    };
    // Called on the connection's thread with the parsed request; must lead to exactly one respond().
    using RequestHandler = std::function<void(HttpServerConnection &connection, HttpRequest &&request)>;

    // Takes ownership of `socket` (already connected, living in the current thread).
    HttpServerConnection(QTcpSocket *socket, RequestHandler handler, Options options, QObject *parent = nullptr);
    ~HttpServerConnection() override;

    // Answers the request being handled. Adds `Connection: close` when the connection will close.
    // Safe to call after the peer went away (the answer is dropped).
    void respond(const HttpResponse &response);
    // Sends bytes prepared by the caller (a full response, e.g. the gateway relaying an upstream
    // answer); `closeAfter` closes once written. Counts as the answer to the current request.
    // Returns false when the answer could not be written (the client already closed).
    bool respondRaw(const QByteArray &bytes, bool closeAfter);

    // Closes at once without answering (a pod going away, a listener shutting down).
    void abort();

    bool isOpen() const;
    QTcpSocket *socket() const { return m_socket; }
    quint64 id() const { return m_id; }
    // The request being handled wants the connection kept alive (decided by its version and headers).
    bool currentRequestKeepAlive() const { return m_currentKeepAlive; }
    const QByteArray &currentRequestMethod() const { return m_currentMethod; }

Q_SIGNALS:
    // Emitted once when the socket has closed; the connection deletes itself later (deleteLater).
    void closed();

private:
    // What the timer is currently measuring.
    enum class Wait {
        Head,       // the head of a request that started (or the first one of the connection)
        Body,       // the next piece of a body whose head arrived
        Idle,       // a kept-alive connection between requests
        Answer,     // the handler is working: no timer, upstream timeouts are the handler's business
        Linger      // closing: how long the peer gets to read the answer and close its side
    };

    void onReadyRead();
    void onBytesWritten();
    void onDisconnected();
    void onTimeout();
    void processBuffer();
    void scheduleProcessing();
    void write(const QByteArray &bytes);
    void finishAnswer(bool closeAfter);
    void closeConnection();
    void shutdownWriteSide();
    void sendErrorAndClose(int status, const QByteArray &reason);
    void arm(Wait wait);

    QTcpSocket *m_socket;
    RequestHandler m_handler;
    Options m_options;
    HttpRequestParser m_parser;
    QByteArray m_buffer;
    QTimer m_timer;
    quint64 m_id;
    Wait m_wait = Wait::Head;
    bool m_busy = false;                  // a request was dispatched and not yet answered
    bool m_continueSent = false;
    bool m_closing = false;
    bool m_writeShutdown = false;
    bool m_closedEmitted = false;
    bool m_processingQueued = false;
    bool m_currentKeepAlive = true;
    int m_currentVersionMinor = 1;
    QByteArray m_currentMethod;
};

} // namespace gw
