#pragma once

#include "flow/flowrecord.h"
#include "flowfilter.h"

#include <QAbstractTableModel>
#include <deque>
#include <functional>

namespace gw::ui {

// The Traffic view's rows: finished exchanges, oldest first, fed in batches (one beginInsertRows per
// batch) and bounded: past the cap the oldest rows are dropped first, in one beginRemoveRows, so a
// long load run costs bounded memory and the view never holds more than the cap.
class FlowTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlowTableModel)

public:
    enum Column { IdColumn, TimeColumn, ClientColumn, MethodColumn, HostColumn, PathColumn, StatusColumn, DurationColumn,
                  RouteColumn, PodColumn, StickyColumn, ColumnCount };
    enum Role { FlowIdRole = Qt::UserRole + 1, StickyDecisionRole, PodKeyRole, CookieRole, SortRole };
    static constexpr qsizetype DefaultCapacity = 50'000;

    // The simulated client that owned a local port when a flow started; empty when unknown.
    using ClientResolver = std::function<QString(quint16 port, qint64 startedAtMs)>;

    explicit FlowTableModel(QObject *parent = nullptr);

    void setCapacity(qsizetype capacity);
    qsizetype capacity() const { return m_capacity; }
    void setClientResolver(ClientResolver resolver) { m_resolver = std::move(resolver); }

    // Appends a batch (ids ascending). Rows past the cap are dropped oldest first.
    void appendBatch(const QList<FlowRecord> &records);
    void clear();
    // Tries again to name the client of rows that have none yet (the client may report its port
    // after the gateway recorded the flow); one dataChanged over the rows that changed.
    void resolveClients(qsizetype recentRows = -1);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const FlowRecord *recordAt(int row) const;
    QString clientAt(int row) const;
    int rowForId(quint64 id) const;
    FlowFilter::Fields filterFields(int row) const;
    // Rows dropped because of the cap since the last clear.
    qint64 droppedCount() const { return m_dropped; }

    static QString stickyText(FlowRecord::StickyDecision decision);
    static QString podName(const QString &podKey);

private:
    struct Row
    {
        FlowRecord record;
        QString client;
    };
    QString clientFallback(const FlowRecord &record) const;

    std::deque<Row> m_rows;
    qsizetype m_capacity = DefaultCapacity;
    qint64 m_dropped = 0;
    ClientResolver m_resolver;
};

} // namespace gw::ui
