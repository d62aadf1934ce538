#include "upstreampool.h"

#include "upstreamconnection.h"

namespace gw {

UpstreamPool::UpstreamPool(int maxIdlePerEndpoint, QObject *parent)
    : QObject(parent)
    , m_maxIdlePerEndpoint(maxIdlePerEndpoint)
{
}

UpstreamConnection *UpstreamPool::acquire(const QByteArray &host, quint16 port, bool *reused)
{
    const QByteArray key = host + ':' + QByteArray::number(port);
    auto it = m_idle.find(key);
    while (it != m_idle.end() && !it->isEmpty()) {
        UpstreamConnection *connection = it->takeLast();
        if (connection->isReusable()) {
            *reused = true;
            return connection;
        }
        connection->deleteLater();
    }
    *reused = false;
    auto *connection = new UpstreamConnection(host, port, this);
    connect(connection, &UpstreamConnection::idleClosed, this, &UpstreamPool::drop);
    return connection;
}

void UpstreamPool::release(UpstreamConnection *connection)
{
    QList<UpstreamConnection *> &idle = m_idle[connection->endpointKey()];
    if (connection->isReusable() && idle.size() < m_maxIdlePerEndpoint) {
        idle.append(connection);
        return;
    }
    connection->deleteLater();
}

void UpstreamPool::drop(UpstreamConnection *connection)
{
    auto it = m_idle.find(connection->endpointKey());
    if (it != m_idle.end() && it->removeOne(connection))
        connection->deleteLater();
}

void UpstreamPool::abandonAll(const QString &message)
{
    const auto connections = findChildren<UpstreamConnection *>(Qt::FindDirectChildrenOnly);
    for (UpstreamConnection *connection : connections)
        connection->abandon(message);
}

qsizetype UpstreamPool::idleCount() const
{
    qsizetype count = 0;
    for (const auto &list : m_idle)
        count += list.size();
    return count;
}

} // namespace gw
