#include "rawhttpclient.h"

#include "http/httpresponseparser.h"

#include <QDeadlineTimer>

namespace gw::test {

RawHttpClient::RawHttpClient(const QByteArray &host, quint16 port)
    : m_host(host)
    , m_port(port)
{
}

RawHttpClient::~RawHttpClient() = default;

bool RawHttpClient::connect(int timeoutMs)
{
    m_socket = std::make_unique<QTcpSocket>();
    m_socket->connectToHost(QString::fromLatin1(m_host), m_port);
    return m_socket->waitForConnected(timeoutMs);
}

bool RawHttpClient::isConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

RawHttpClient::Reply RawHttpClient::exchange(const QByteArray &bytes, const QByteArray &method, int timeoutMs)
{
    if (!isConnected() && !connect()) {
        Reply reply;
        reply.error = QStringLiteral("cannot connect to %1:%2: %3").arg(QString::fromLatin1(m_host)).arg(m_port).arg(m_socket->errorString());
        return reply;
    }
    m_socket->write(bytes);
    m_socket->waitForBytesWritten(timeoutMs);
    return readReply(method, timeoutMs);
}

RawHttpClient::Reply RawHttpClient::readReply(const QByteArray &method, int timeoutMs)
{
    Reply reply;
    HttpResponseParser parser;
    parser.setRequestMethod(method);
    const QDeadlineTimer deadline(timeoutMs);
    QByteArray consumedFrom = m_buffer;
    for (;;) {
        const auto result = parser.parse(m_buffer);
        if (result == HttpResponseParser::Result::Complete) {
            reply.ok = true;
            reply.response = parser.takeResponse();
            break;
        }
        if (result == HttpResponseParser::Result::Error) {
            reply.error = QString::fromLatin1(parser.errorReason());
            break;
        }
        if (deadline.hasExpired()) {
            reply.error = QStringLiteral("timed out");
            break;
        }
        if (m_socket->state() != QAbstractSocket::ConnectedState && m_socket->bytesAvailable() == 0) {
            if (parser.finish(m_buffer) == HttpResponseParser::Result::Complete) {
                reply.ok = true;
                reply.response = parser.takeResponse();
            } else {
                reply.error = QStringLiteral("connection closed");
            }
            break;
        }
        if (m_socket->bytesAvailable() == 0)
            m_socket->waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        const QByteArray incoming = m_socket->readAll();
        consumedFrom.append(incoming);
        m_buffer.append(incoming);
    }
    // What this response took from the stream: everything read minus what is left for the next.
    reply.raw = consumedFrom.left(consumedFrom.size() - m_buffer.size());
    return reply;
}

bool RawHttpClient::waitForClose(int timeoutMs)
{
    if (!m_socket)
        return true;
    const QDeadlineTimer deadline(timeoutMs);
    while (m_socket->state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        m_socket->waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        m_buffer.append(m_socket->readAll());
    }
    return m_socket->state() != QAbstractSocket::ConnectedState;
}

RawHttpClient::Reply RawHttpClient::get(const QByteArray &host, quint16 port, const QByteArray &path, const QByteArray &extraHeaders)
{
    RawHttpClient client(host, port);
    return client.exchange("GET " + path + " HTTP/1.1\r\nHost: " + host + ':' + QByteArray::number(port) + "\r\n" + extraHeaders + "\r\n");
}

} // namespace gw::test
