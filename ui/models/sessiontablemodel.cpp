#include "sessiontablemodel.h"

#include "flowtablemodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QSet>

namespace gw::ui {

SessionTableModel::SessionTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QString SessionTableModel::stateName(State state)
{
    switch (state) {
    case State::Pinned: return tr("pinned");
    case State::Expired: return tr("expired");
    case State::Stale: return tr("stale (pod gone)");
    }
    return {};
}

QString SessionTableModel::durationText(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    if (seconds >= 3600)
        return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
    if (seconds >= 60)
        return tr("%1 min %2 s").arg(seconds / 60).arg(int(seconds % 60), 2, 10, QChar(u'0'));
    return tr("%1 s").arg(seconds);
}

void SessionTableModel::refresh(const FlowStatistics &statistics, const QList<Holder> &holders, const QHash<QByteArray, LiveValue> &liveValues,
                                qint64 nowMs)
{
    m_nowMs = nowMs;
    // Only cookies some sticky policy issues or honours are sessions; a client's other cookies are not.
    QSet<QByteArray> stickyNames;
    for (const FlowStatistics::Session &session : statistics.sessions)
        stickyNames.insert(session.cookieName);

    QList<Row> rows = m_rows;
    QHash<QByteArray, int> byValue = m_rowByValue;
    const auto rowFor = [&rows, &byValue](const QByteArray &value) -> Row & {
        auto it = byValue.constFind(value);
        if (it == byValue.cend()) {
            it = byValue.insert(value, int(rows.size()));
            Row row;
            row.value = value;
            rows.append(row);
        }
        return rows[*it];
    };

    // Statistics first, in first-seen order, so rows appear in the order sessions began.
    QList<QPair<qint64, QByteArray>> seen;
    seen.reserve(statistics.sessions.size());
    for (auto it = statistics.sessions.cbegin(); it != statistics.sessions.cend(); ++it)
        seen.append({it->firstSeenMs, it.key()});
    std::sort(seen.begin(), seen.end());
    for (const auto &[firstSeen, value] : seen) {
        const FlowStatistics::Session &session = statistics.sessions[value];
        Row &row = rowFor(value);
        row.cookieName = session.cookieName;
        row.podKey = session.podKey;
        row.endpointKey = session.endpointKey;
        row.requests = session.requests + session.issued;
        row.firstSeenMs = session.firstSeenMs;
        row.lastSeenMs = session.lastSeenMs;
    }
    for (Row &row : rows) {
        row.clients.clear();
        row.expiredClients.clear();
        row.expiresAtMs = -1;
        row.sessionCookie = false;
    }
    for (const Holder &holder : holders) {
        if (!stickyNames.contains(holder.cookieName) && !byValue.contains(holder.value))
            continue;
        Row &row = rowFor(holder.value);
        if (row.cookieName.isEmpty())
            row.cookieName = holder.cookieName;
        const bool expired = holder.expiresAtMs >= 0 && holder.expiresAtMs <= nowMs;
        (expired ? row.expiredClients : row.clients).append(holder.client);
        if (!expired) {
            if (holder.expiresAtMs < 0)
                row.sessionCookie = true;
            else
                row.expiresAtMs = qMax(row.expiresAtMs, holder.expiresAtMs);
        }
    }
    QHash<QString, int> sessionsByPod;
    for (Row &row : rows) {
        const auto live = liveValues.constFind(row.value);
        if (row.podKey.isEmpty() && live != liveValues.cend()) {
            row.podKey = live->podKey;
            row.endpointKey = live->endpointKey;
        }
        if (row.clients.isEmpty() && !row.expiredClients.isEmpty())
            row.state = State::Expired;
        else if (live == liveValues.cend())
            row.state = State::Stale;
        else
            row.state = State::Pinned;
        row.clients.sort();
        row.expiredClients.sort();
        if (row.state == State::Pinned)
            sessionsByPod[row.podKey] += int(row.clients.size());
    }

    // Requests per pod come from the backends' totals (every request, sticky or not).
    QList<PodLoad> loads;
    QHash<QString, int> loadIndex;
    QList<const FlowStatistics::Backend *> backends;
    for (const FlowStatistics::Backend &backend : statistics.backends)
        backends.append(&backend);
    std::sort(backends.begin(), backends.end(), [](const auto *a, const auto *b) { return a->podKey < b->podKey; });
    for (const FlowStatistics::Backend *backend : backends) {
        if (backend->podKey.isEmpty())
            continue;
        auto it = loadIndex.constFind(backend->podKey);
        if (it == loadIndex.cend()) {
            it = loadIndex.insert(backend->podKey, int(loads.size()));
            loads.append(PodLoad{backend->podKey, 0, 0});
        }
        loads[*it].requests += backend->requests;
    }
    for (auto it = sessionsByPod.cbegin(); it != sessionsByPod.cend(); ++it) {
        if (it.key().isEmpty())
            continue;
        if (!loadIndex.contains(it.key())) {
            loadIndex.insert(it.key(), int(loads.size()));
            loads.append(PodLoad{it.key(), 0, 0});
        }
        loads[loadIndex.value(it.key())].sessions = it.value();
    }
    m_podLoads = loads;

    const int oldCount = int(m_rows.size());
    const int newCount = int(rows.size());
    if (newCount > oldCount) {
        beginInsertRows({}, oldCount, newCount - 1);
        m_rows = rows;
        m_rowByValue = byValue;
        endInsertRows();
    } else {
        m_rows = rows;
        m_rowByValue = byValue;
    }
    if (oldCount > 0)
        Q_EMIT dataChanged(index(0, 0), index(oldCount - 1, ColumnCount - 1));
}

void SessionTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_rowByValue.clear();
    m_podLoads.clear();
    endResetModel();
}

int SessionTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SessionTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &row = m_rows.at(index.row());
    const auto timeText = [](qint64 ms) { return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss")) : QString(); };
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case CookieColumn: return QString::fromLatin1(row.cookieName + '=' + row.value);
        case PodColumn: return row.podKey.isEmpty() ? QStringLiteral("—") : FlowTableModel::podName(row.podKey);
        case EndpointColumn: return row.endpointKey;
        case ClientsColumn: {
            QStringList names = row.clients;
            for (const QString &name : row.expiredClients)
                names << tr("%1 (expired)").arg(name);
            return names.isEmpty() ? tr("(no simulated client)") : names.join(QStringLiteral(", "));
        }
        case RequestsColumn: return QString::number(row.requests);
        case FirstSeenColumn: return timeText(row.firstSeenMs);
        case LastSeenColumn: return timeText(row.lastSeenMs);
        case ExpiresColumn:
            if (!row.clients.isEmpty()) {
                if (row.expiresAtMs >= 0)
                    return durationText(row.expiresAtMs - m_nowMs);
                if (row.sessionCookie)
                    return tr("session cookie");
            }
            return row.expiredClients.isEmpty() ? QStringLiteral("—") : tr("expired");
        case StateColumn: return stateName(row.state);
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StateColumn) {
            switch (row.state) {
            case State::Pinned: return QBrush(QColor(0x2e, 0x7d, 0x32));
            case State::Expired: return QBrush(QColor(0x75, 0x75, 0x75));
            case State::Stale: return QBrush(QColor(0xc6, 0x28, 0x28));
            }
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == StateColumn && row.state == State::Stale)
            return tr("No current endpoint answers to this value: the next request that carries it is re-pinned and gets a new cookie.");
        if (index.column() == PodColumn)
            return row.podKey;
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == RequestsColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ValueRole: return QString::fromLatin1(row.value);
    case StateRole: return QVariant::fromValue(row.state);
    case ExpiresInMsRole: return row.clients.isEmpty() || row.expiresAtMs < 0 ? QVariant() : QVariant(row.expiresAtMs - m_nowMs);
    case ClientsRole: return row.clients;
    case PodKeyRole: return row.podKey;
    case RequestsRole: return row.requests;
    }
    return {};
}

QVariant SessionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CookieColumn: return tr("Cookie");
    case PodColumn: return tr("Pins pod");
    case EndpointColumn: return tr("Endpoint");
    case ClientsColumn: return tr("Held by");
    case RequestsColumn: return tr("Requests");
    case FirstSeenColumn: return tr("First seen");
    case LastSeenColumn: return tr("Last seen");
    case ExpiresColumn: return tr("Expires in");
    case StateColumn: return tr("State");
    }
    return {};
}

} // namespace gw::ui
