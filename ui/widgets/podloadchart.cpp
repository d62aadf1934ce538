#include "podloadchart.h"

#include "models/flowtablemodel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QValueAxis>

namespace gw::ui {

PodLoadChart::PodLoadChart(QWidget *parent)
    : QWidget(parent)
{
    m_requests = makePanel(tr("Requests per pod"), QColor(0x19, 0x76, 0xd2));
    m_sessions = makePanel(tr("Sessions per pod (clients holding a live cookie)"), QColor(0xef, 0x6c, 0x00));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_requests.view);
    layout->addWidget(m_sessions.view);
    setMinimumHeight(200);
}

PodLoadChart::Panel PodLoadChart::makePanel(const QString &title, const QColor &color)
{
    Panel panel;
    panel.chart = new QChart;
    panel.chart->setTitle(title);
    panel.chart->legend()->hide();
    // Charts redraw every second from live data: animation would only blur the numbers.
    panel.chart->setAnimationOptions(QChart::NoAnimation);
    panel.chart->setMargins(QMargins(4, 4, 4, 4));
    panel.chart->setBackgroundRoundness(0);
    auto *series = new QBarSeries(panel.chart);
    panel.set = new QBarSet(title, series);
    panel.set->setColor(color);
    panel.set->setBorderColor(color.darker(120));
    series->append(panel.set);
    series->setLabelsVisible(true);
    series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    series->setLabelsFormat(QStringLiteral("@value"));
    panel.chart->addSeries(series);
    panel.categories = new QBarCategoryAxis(panel.chart);
    panel.values = new QValueAxis(panel.chart);
    panel.values->setLabelFormat(QStringLiteral("%d"));
    panel.chart->addAxis(panel.categories, Qt::AlignBottom);
    panel.chart->addAxis(panel.values, Qt::AlignLeft);
    series->attachAxis(panel.categories);
    series->attachAxis(panel.values);
    panel.view = new QChartView(panel.chart, this);
    panel.view->setRenderHint(QPainter::Antialiasing);
    return panel;
}

void PodLoadChart::fill(Panel &panel, const QStringList &names, const QList<qreal> &values)
{
    if (panel.categories->categories() != names) {
        panel.categories->clear();
        panel.categories->append(names);
        panel.set->remove(0, panel.set->count());
        panel.set->append(values);
    } else {
        for (int i = 0; i < values.size(); ++i) {
            if (panel.set->at(i) != values.at(i))
                panel.set->replace(i, values.at(i));
        }
    }
    qreal top = 1;
    for (const qreal value : values)
        top = qMax(top, value);
    // Head room for the value labels above the bars; whole ticks.
    const qreal range = top * 1.2;
    panel.values->setRange(0, range < 5 ? 5 : range);
    panel.values->applyNiceNumbers();
}

void PodLoadChart::setLoads(const QList<SessionTableModel::PodLoad> &loads)
{
    m_loads = loads;
    QStringList names;
    QList<qreal> requests, sessions;
    for (const SessionTableModel::PodLoad &load : loads) {
        names << FlowTableModel::podName(load.podKey);
        requests << qreal(load.requests);
        sessions << qreal(load.sessions);
    }
    fill(m_requests, names, requests);
    fill(m_sessions, names, sessions);
}

} // namespace gw::ui
