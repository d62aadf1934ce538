#pragma once

#include "flowfilter.h"

#include <QSortFilterProxyModel>

namespace gw::ui {

class FlowTableModel;

// A thin proxy over the flow table: the predicate is FlowFilter's; this only hands it the row's
// fields. Sorting uses the model's SortRole, so numbers sort as numbers.
class FlowFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlowFilterProxyModel)

public:
    explicit FlowFilterProxyModel(FlowTableModel *source, QObject *parent = nullptr);

    // Returns false (and keeps the previous filter) when the text is not a valid filter.
    bool setFilterText(const QString &text);
    const FlowFilter &filter() const { return m_filter; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    FlowTableModel *m_source;
    FlowFilter m_filter;
};

} // namespace gw::ui
