#pragma once

#include "models/sessiontablemodel.h"

#include <QWidget>
#include <functional>

class QLabel;
class QTableView;

namespace gw {
class Simulation;
}

namespace gw::ui {

class PodLoadChart;

// The Sessions tab: every sticky cookie value with the pod it pins and who holds it, a chart of
// requests and sessions per pod, the stickiness ratio, and the lab clock, which the user can push
// forward so cookies expire in the clients' jars without waiting.
class SessionsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionsPage)

public:
    // The simulated clients' cookies, read fresh on every refresh.
    using HolderProvider = std::function<QList<SessionTableModel::Holder>()>;

    explicit SessionsPage(Simulation &simulation, QWidget *parent = nullptr);

    void setHolderProvider(HolderProvider provider) { m_holders = std::move(provider); }
    void refresh(const FlowStatistics &statistics);
    // Pulls the statistics itself (after a user action, without waiting for the timer).
    void refreshNow();
    void fastForward(qint64 ms);
    void resetClock();

    SessionTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    PodLoadChart *chart() const { return m_chart; }
    QString ratioText() const;
    // honoured / (honoured + re-pinned): of the requests that carried a cookie, how many it pinned.
    static double stickinessRatio(const FlowStatistics &statistics);

Q_SIGNALS:
    void clockChanged();

private:
    QHash<QByteArray, SessionTableModel::LiveValue> liveValues() const;
    void updateClockLabel();

    Simulation &m_simulation;
    SessionTableModel *m_model;
    QTableView *m_table;
    PodLoadChart *m_chart;
    QLabel *m_ratio;
    QLabel *m_clock;
    HolderProvider m_holders;
};

} // namespace gw::ui
