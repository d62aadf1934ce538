#include "conformanceclient.h"

#include "http/httpresponseparser.h"

#include <QDeadlineTimer>
#include <QTcpSocket>

namespace gw {

ConformanceClient::Reply ConformanceClient::exchange(const QByteArray &address, quint16 port, const QByteArray &requestBytes,
                                                     const QByteArray &method, int timeoutMs)
{
    Reply reply;
    const QDeadlineTimer deadline(timeoutMs);
    QTcpSocket socket;
    socket.connectToHost(QString::fromLatin1(address), port);
    if (!socket.waitForConnected(int(qMax<qint64>(1, deadline.remainingTime())))) {
        reply.error = QStringLiteral("cannot connect to %1:%2: %3").arg(QString::fromLatin1(address)).arg(port).arg(socket.errorString());
        return reply;
    }
    socket.write(requestBytes);
    HttpResponseParser parser;
    parser.setRequestMethod(method);
    QByteArray buffer;
    for (;;) {
        const auto result = parser.parse(buffer);
        if (result == HttpResponseParser::Result::Complete) {
            reply.ok = true;
            reply.response = parser.takeResponse();
            return reply;
        }
        if (result == HttpResponseParser::Result::Error) {
            reply.error = QStringLiteral("malformed response: %1").arg(QString::fromLatin1(parser.errorReason()));
            return reply;
        }
        if (deadline.hasExpired()) {
            reply.error = QStringLiteral("no complete response within %1 ms").arg(timeoutMs);
            return reply;
        }
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0) {
            if (parser.finish(buffer) == HttpResponseParser::Result::Complete) {
                reply.ok = true;
                reply.response = parser.takeResponse();
            } else {
                reply.error = QStringLiteral("the connection closed before a complete response");
            }
            return reply;
        }
        if (socket.bytesAvailable() == 0)
            socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        buffer.append(socket.readAll());
    }
}

} // namespace gw
