#pragma once

#include "models/sessiontablemodel.h"

#include <QWidget>

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QValueAxis;

namespace gw::ui {

// Two bar charts side by side: requests each pod served, and sessions (clients holding a live
// cookie) pinned to each pod. Separate charts, because a load run puts thousands of requests
// beside a handful of sessions and one scale would flatten the sessions to nothing.
class PodLoadChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PodLoadChart)

public:
    explicit PodLoadChart(QWidget *parent = nullptr);

    void setLoads(const QList<SessionTableModel::PodLoad> &loads);
    QList<SessionTableModel::PodLoad> loads() const { return m_loads; }

private:
    struct Panel
    {
        QChart *chart = nullptr;
        QChartView *view = nullptr;
        QBarSet *set = nullptr;
        QBarCategoryAxis *categories = nullptr;
        QValueAxis *values = nullptr;
    };
    Panel makePanel(const QString &title, const QColor &color);
    static void fill(Panel &panel, const QStringList &names, const QList<qreal> &values);

    Panel m_requests;
    Panel m_sessions;
    QList<SessionTableModel::PodLoad> m_loads;
};

} // namespace gw::ui
