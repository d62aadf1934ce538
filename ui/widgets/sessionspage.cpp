#include "sessionspage.h"

#include "lab/simulation.h"
#include "podloadchart.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace gw::ui {

SessionsPage::SessionsPage(Simulation &simulation, QWidget *parent)
    : QWidget(parent)
    , m_simulation(simulation)
    , m_model(new SessionTableModel(this))
    , m_table(new QTableView(this))
    , m_chart(new PodLoadChart(this))
    , m_ratio(new QLabel(this))
    , m_clock(new QLabel(this))
{
    auto *toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addWidget(m_clock);
    toolbar->addSeparator();
    toolbar->addWidget(new QLabel(tr("Fast-forward the lab clock: "), toolbar));
    const QList<QPair<QString, qint64>> steps{{tr("+1 min"), 60'000}, {tr("+10 min"), 600'000}, {tr("+1 h"), 3'600'000}};
    for (const auto &[label, ms] : steps) {
        QAction *action = toolbar->addAction(label, this, [this, ms = ms] { fastForward(ms); });
        action->setToolTip(tr("Cookies in the clients' jars expire on the lab clock; the gateway stamps new ones with it too"));
    }
    toolbar->addAction(tr("Reset clock"), this, &SessionsPage::resetClock);
    auto *spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    toolbar->addWidget(m_ratio);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(SessionTableModel::CookieColumn, 200);
    m_table->setColumnWidth(SessionTableModel::ClientsColumn, 200);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_chart);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(toolbar);
    layout->addWidget(splitter, 1);
    updateClockLabel();
}

double SessionsPage::stickinessRatio(const FlowStatistics &statistics)
{
    const qint64 carried = statistics.stickyHonoured + statistics.stickyRepinned;
    return carried == 0 ? 1.0 : double(statistics.stickyHonoured) / double(carried);
}

QString SessionsPage::ratioText() const
{
    return m_ratio->text();
}

QHash<QByteArray, SessionTableModel::LiveValue> SessionsPage::liveValues() const
{
    QHash<QByteArray, SessionTableModel::LiveValue> values;
    const auto config = m_simulation.config();
    if (!config)
        return values;
    for (const auto &service : config->services) {
        if (!service->sticky)
            continue;
        for (const EndpointTarget &endpoint : service->endpoints)
            values.insert(endpoint.stickyValue, SessionTableModel::LiveValue{endpoint.key, endpoint.podKey});
    }
    return values;
}

void SessionsPage::refresh(const FlowStatistics &statistics)
{
    m_model->refresh(statistics, m_holders ? m_holders() : QList<SessionTableModel::Holder>{}, liveValues(), m_simulation.clock().nowMs());
    m_chart->setLoads(m_model->podLoads());
    const qint64 carried = statistics.stickyHonoured + statistics.stickyRepinned;
    m_ratio->setText(carried == 0 ? tr("Stickiness: no request has carried a session cookie yet")
                                  : tr("Stickiness %1 %: %2 of %3 requests that carried a cookie stayed on its pod (%4 re-pinned, %5 new cookies)")
                                        .arg(stickinessRatio(statistics) * 100.0, 0, 'f', 1)
                                        .arg(statistics.stickyHonoured)
                                        .arg(carried)
                                        .arg(statistics.stickyRepinned)
                                        .arg(statistics.stickyIssued));
    updateClockLabel();
}

void SessionsPage::refreshNow()
{
    refresh(m_simulation.flowLog().statistics());
}

void SessionsPage::fastForward(qint64 ms)
{
    m_simulation.clock().advance(ms);
    refreshNow();
    Q_EMIT clockChanged();
}

void SessionsPage::resetClock()
{
    m_simulation.clock().reset();
    refreshNow();
    Q_EMIT clockChanged();
}

void SessionsPage::updateClockLabel()
{
    const qint64 offset = m_simulation.clock().offsetMs();
    const QString now = m_simulation.clock().nowUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    m_clock->setText(offset == 0 ? tr("Lab clock: %1 (real time)").arg(now)
                                 : tr("Lab clock: <b>%1</b> (real time + %2)").arg(now, SessionTableModel::durationText(offset)));
}

} // namespace gw::ui
