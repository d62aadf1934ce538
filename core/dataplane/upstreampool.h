#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>

namespace gw {

class UpstreamConnection;

// Idle upstream connections of one data-plane worker, by endpoint. Per worker, so no locking: a
// connection is only ever used by the thread that created it.
class UpstreamPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamPool)

public:
    explicit UpstreamPool(int maxIdlePerEndpoint, QObject *parent = nullptr);

    // An idle connection to host:port, or a new (not yet connected) one. `reused` says which.
    UpstreamConnection *acquire(const QByteArray &host, quint16 port, bool *reused);
    // Returns a connection after its exchange: kept when reusable, deleted otherwise.
    void release(UpstreamConnection *connection);
    qsizetype idleCount() const;
    // Fails every connection with an exchange in flight (see UpstreamConnection::abandon).
    void abandonAll(const QString &message);

private:
    void drop(UpstreamConnection *connection);

    int m_maxIdlePerEndpoint;
    QHash<QByteArray, QList<UpstreamConnection *>> m_idle;
};

} // namespace gw
