#include "flowfilterproxymodel.h"

#include "flowtablemodel.h"

namespace gw::ui {

FlowFilterProxyModel::FlowFilterProxyModel(FlowTableModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_source(source)
{
    setSourceModel(source);
    setSortRole(FlowTableModel::SortRole);
}

bool FlowFilterProxyModel::setFilterText(const QString &text)
{
    FlowFilter filter(text);
    if (!filter.isValid())
        return false;
    m_filter = filter;
    invalidateRowsFilter();
    return true;
}

bool FlowFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    return m_filter.isEmpty() || m_filter.matches(m_source->filterFields(sourceRow));
}

} // namespace gw::ui
