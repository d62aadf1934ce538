#pragma once

#include "flow/flowstatistics.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace gw::ui {

// The Sessions view: one row per sticky cookie value ever issued, honoured or held by a simulated
// client, with the pod it pins, who holds it, how much it served, and how long it has left. Refreshed
// as a whole from the flow log's statistics and the clients' jars on a coarse timer: new values are
// appended in one insert, the rest change in one range-wide dataChanged.
class SessionTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionTableModel)

public:
    enum Column { CookieColumn, PodColumn, EndpointColumn, ClientsColumn, RequestsColumn, FirstSeenColumn, LastSeenColumn,
                  ExpiresColumn, StateColumn, ColumnCount };
    enum Role { ValueRole = Qt::UserRole + 1, StateRole, ExpiresInMsRole, ClientsRole, PodKeyRole, RequestsRole };
    enum class State {
        Pinned,    // names a current endpoint, and some client still holds it (or nobody is known to)
        Expired,   // every client that held it saw it expire
        Stale      // names no current endpoint: its pod was stopped, or came back on a new address
    };
    Q_ENUM(State)

    // One cookie in one simulated client's jar.
    struct Holder
    {
        QString client;
        QByteArray cookieName;
        QByteArray value;
        qint64 expiresAtMs = -1;   // -1: a session cookie
    };
    // A value a current endpoint answers to: what the gateway would honour now.
    struct LiveValue
    {
        QString endpointKey;
        QString podKey;
    };
    struct PodLoad
    {
        QString podKey;
        qint64 requests = 0;      // every request the pod served (sticky or not)
        int sessions = 0;         // clients holding a live cookie that pins it
    };

    explicit SessionTableModel(QObject *parent = nullptr);

    void refresh(const FlowStatistics &statistics, const QList<Holder> &holders, const QHash<QByteArray, LiveValue> &liveValues, qint64 nowMs);
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int rowForValue(const QByteArray &value) const { return m_rowByValue.value(value, -1); }
    // Per pod, in the order pods first appeared: requests served and sessions pinned to it.
    QList<PodLoad> podLoads() const { return m_podLoads; }
    static QString stateName(State state);
    static QString durationText(qint64 ms);

private:
    struct Row
    {
        QByteArray value;
        QByteArray cookieName;
        QString podKey;
        QString endpointKey;
        QStringList clients;          // holding a live copy
        QStringList expiredClients;   // holding an expired copy
        qint64 requests = 0;
        qint64 firstSeenMs = 0;
        qint64 lastSeenMs = 0;
        qint64 expiresAtMs = -1;      // the latest expiry among live copies; -1 none or session
        bool sessionCookie = false;
        State state = State::Pinned;
    };

    QList<Row> m_rows;
    QHash<QByteArray, int> m_rowByValue;
    QList<PodLoad> m_podLoads;
    qint64 m_nowMs = 0;
};

} // namespace gw::ui
