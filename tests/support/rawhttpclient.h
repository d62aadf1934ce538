#pragma once

#include "http/httpresponse.h"

#include <QByteArray>
#include <QString>
#include <QTcpSocket>
#include <memory>

namespace gw::test {

// A deliberately simple blocking HTTP/1.1 client for tests: it writes exactly the bytes it is
// given and parses what comes back with the product's own response parser. Blocking is fine in a
// test thread because the gateway and the mock pods run on their own threads.
class RawHttpClient
{
public:
    struct Reply
    {
        bool ok = false;              // a complete response arrived
        HttpResponse response;
        QByteArray raw;               // every byte received for this response
        QString error;
    };

    RawHttpClient(const QByteArray &host, quint16 port);
    ~RawHttpClient();

    bool connect(int timeoutMs = 5000);
    bool isConnected() const;
    // Sends `bytes` and reads one response (for a HEAD request pass method "HEAD").
    Reply exchange(const QByteArray &bytes, const QByteArray &method = "GET", int timeoutMs = 10000);
    // Reads one more response (pipelining) without sending anything.
    Reply readReply(const QByteArray &method = "GET", int timeoutMs = 10000);
    // Waits until the server closes the connection; true if it did within the timeout.
    bool waitForClose(int timeoutMs = 5000);

    // GET `path` on a fresh connection with `extraHeaders` ("Name: value\r\n" lines).
    static Reply get(const QByteArray &host, quint16 port, const QByteArray &path, const QByteArray &extraHeaders = {});

private:
    QByteArray m_host;
    quint16 m_port;
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
};

} // namespace gw::test
