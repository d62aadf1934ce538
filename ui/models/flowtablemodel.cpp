#include "flowtablemodel.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QLocale>

namespace gw::ui {

FlowTableModel::FlowTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void FlowTableModel::setCapacity(qsizetype capacity)
{
    m_capacity = qMax<qsizetype>(1, capacity);
    const qsizetype excess = qsizetype(m_rows.size()) - m_capacity;
    if (excess > 0) {
        beginRemoveRows({}, 0, int(excess - 1));
        m_rows.erase(m_rows.begin(), m_rows.begin() + excess);
        m_dropped += excess;
        endRemoveRows();
    }
}

void FlowTableModel::appendBatch(const QList<FlowRecord> &records)
{
    if (records.isEmpty())
        return;
    // A batch larger than the whole cap only keeps its newest rows.
    const qsizetype skip = qMax<qsizetype>(0, records.size() - m_capacity);
    const qsizetype incoming = records.size() - skip;
    m_dropped += skip;
    const qsizetype excess = qsizetype(m_rows.size()) + incoming - m_capacity;
    if (excess > 0) {
        beginRemoveRows({}, 0, int(excess - 1));
        m_rows.erase(m_rows.begin(), m_rows.begin() + excess);
        m_dropped += excess;
        endRemoveRows();
    }
    const int first = int(m_rows.size());
    beginInsertRows({}, first, int(first + incoming - 1));
    for (qsizetype i = skip; i < records.size(); ++i) {
        const FlowRecord &record = records.at(i);
        m_rows.push_back(Row{record, m_resolver ? m_resolver(record.clientPort, record.startedAtMs) : QString()});
    }
    endInsertRows();
}

void FlowTableModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_dropped = 0;
    endResetModel();
}

void FlowTableModel::resolveClients(qsizetype recentRows)
{
    if (!m_resolver || m_rows.empty())
        return;
    const qsizetype count = qsizetype(m_rows.size());
    const qsizetype from = recentRows < 0 ? 0 : qMax<qsizetype>(0, count - recentRows);
    int firstChanged = -1, lastChanged = -1;
    for (qsizetype i = from; i < count; ++i) {
        Row &row = m_rows[size_t(i)];
        if (!row.client.isEmpty())
            continue;
        row.client = m_resolver(row.record.clientPort, row.record.startedAtMs);
        if (row.client.isEmpty())
            continue;
        if (firstChanged < 0)
            firstChanged = int(i);
        lastChanged = int(i);
    }
    if (firstChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, ClientColumn), index(lastChanged, ClientColumn));
}

int FlowTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FlowTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString FlowTableModel::stickyText(FlowRecord::StickyDecision decision)
{
    return FlowRecord::stickyDecisionName(decision);
}

QString FlowTableModel::podName(const QString &podKey)
{
    const qsizetype slash = podKey.indexOf(u'/');
    return slash < 0 ? podKey : podKey.mid(slash + 1);
}

QString FlowTableModel::clientFallback(const FlowRecord &record) const
{
    // Not one of the app's simulated clients (curl in a terminal, a browser): its address.
    return QString::fromLatin1(record.clientAddress) + u':' + QString::number(record.clientPort);
}

const FlowRecord *FlowTableModel::recordAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? &m_rows[size_t(row)].record : nullptr;
}

QString FlowTableModel::clientAt(int row) const
{
    if (row < 0 || row >= int(m_rows.size()))
        return {};
    const Row &entry = m_rows[size_t(row)];
    return entry.client.isEmpty() ? clientFallback(entry.record) : entry.client;
}

int FlowTableModel::rowForId(quint64 id) const
{
    // Rows are in id order (ids only grow), so the row is found by binary search.
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), id, [](const Row &row, quint64 value) { return row.record.id < value; });
    return it != m_rows.cend() && it->record.id == id ? int(it - m_rows.cbegin()) : -1;
}

FlowFilter::Fields FlowTableModel::filterFields(int row) const
{
    const FlowRecord &record = m_rows[size_t(row)].record;
    FlowFilter::Fields fields;
    fields.status = record.status;
    fields.method = QString::fromLatin1(record.method);
    fields.host = QString::fromLatin1(record.host);
    fields.path = QString::fromLatin1(record.target);
    fields.client = clientAt(row);
    fields.route = record.routeKey.isEmpty() ? QString() : record.routeKey + u'#' + QString::number(record.ruleIndex);
    fields.pod = record.podKey;
    fields.service = record.serviceKey;
    fields.sticky = stickyText(record.stickyDecision);
    fields.cookie = QString::fromLatin1(record.cookieReceived + ' ' + record.cookieIssued);
    return fields;
}

QVariant FlowTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    const FlowRecord &record = row.record;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn: return QString::number(record.id);
        case TimeColumn: return QDateTime::fromMSecsSinceEpoch(record.startedAtMs).toString(QStringLiteral("HH:mm:ss.zzz"));
        case ClientColumn: return row.client.isEmpty() ? clientFallback(record) : row.client;
        case MethodColumn: return QString::fromLatin1(record.method);
        case HostColumn: return QString::fromLatin1(record.host);
        case PathColumn: return QString::fromLatin1(record.target);
        case StatusColumn: return record.status == 0 ? tr("no response") : QString::number(record.status);
        case DurationColumn:
            return record.durationUs < 10'000 ? QStringLiteral("%1 ms").arg(double(record.durationUs) / 1000.0, 0, 'f', 2)
                                              : QStringLiteral("%1 ms").arg(record.durationUs / 1000);
        case RouteColumn: return record.routeKey.isEmpty() ? tr("(none)") : QString(record.routeKey + u'#' + QString::number(record.ruleIndex));
        case PodColumn: return record.podKey.isEmpty() ? (record.endpointKey.isEmpty() ? QStringLiteral("—") : record.endpointKey) : podName(record.podKey);
        case StickyColumn: return stickyText(record.stickyDecision);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == PodColumn && !record.endpointKey.isEmpty())
            return QString(record.podKey + u' ' + record.endpointKey);
        if (index.column() == StatusColumn && !record.error.isEmpty())
            return record.error;
        if (index.column() == StickyColumn && record.stickyDecision != FlowRecord::StickyDecision::None) {
            const QByteArray value = record.cookieIssued.isNull() ? record.cookieReceived : record.cookieIssued;
            return QString::fromLatin1(record.cookieName + '=' + value);
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == StatusColumn || index.column() == PathColumn) {
            if (record.status == 0 || record.status >= 500)
                return QBrush(QColor(0xc6, 0x28, 0x28));
            if (record.status >= 400)
                return QBrush(QColor(0xb2, 0x6a, 0x00));
        }
        if (index.column() == StickyColumn && record.stickyDecision == FlowRecord::StickyDecision::Repinned)
            return QBrush(QColor(0x8e, 0x24, 0xaa));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == IdColumn || index.column() == StatusColumn || index.column() == DurationColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case FlowIdRole: return QVariant::fromValue(record.id);
    case StickyDecisionRole: return int(record.stickyDecision);
    case PodKeyRole: return record.podKey;
    case CookieRole: return QString::fromLatin1(record.cookieIssued.isNull() ? record.cookieReceived : record.cookieIssued);
    case SortRole:
        switch (index.column()) {
        case IdColumn: return QVariant::fromValue(record.id);
        case TimeColumn: return record.startedAtMs;
        case StatusColumn: return record.status;
        case DurationColumn: return record.durationUs;
        default: return data(index, Qt::DisplayRole);
        }
    }
    return {};
}

QVariant FlowTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn: return tr("#");
    case TimeColumn: return tr("Time");
    case ClientColumn: return tr("Client");
    case MethodColumn: return tr("Method");
    case HostColumn: return tr("Host");
    case PathColumn: return tr("Path");
    case StatusColumn: return tr("Status");
    case DurationColumn: return tr("Duration");
    case RouteColumn: return tr("Route");
    case PodColumn: return tr("Pod");
    case StickyColumn: return tr("Sticky");
    }
    return {};
}

} // namespace gw::ui
