#pragma once

#include <QHash>
#include <QList>
#include <QMutex>
#include <QString>

namespace gw::ui {

// Which simulated client owned a local port when: the gateway's flow log knows a request's client
// only by its address and port, the clients know the ports they used. Ports are reused by later
// connections, so each port keeps its last few owners with the time they started a request, and
// a flow is given the owner that started last before it. Thread-safe: client threads record,
// the GUI thread looks up.
class ClientDirectory
{
public:
    void record(quint16 port, const QString &clientName, qint64 startedAtMs);
    // The client that had `port` at `flowStartedAtMs` (lab clock), or an empty string.
    QString clientFor(quint16 port, qint64 flowStartedAtMs) const;
    void clear();

private:
    struct Owner
    {
        qint64 sinceMs = 0;
        QString name;
    };
    static constexpr qsizetype HistoryPerPort = 8;
    mutable QMutex m_mutex;
    QHash<quint16, QList<Owner>> m_owners;
};

} // namespace gw::ui
