#pragma once

#include "flow/flowrecord.h"

#include <QList>
#include <QObject>
#include <QTimer>

namespace gw {
class FlowLog;
}

namespace gw::ui {

// Pulls finished exchanges from the flow log on a coarse timer and hands each batch to the views
// in one signal: however fast the gateway runs, the GUI sees a few batches a second, never one
// signal per request. Every view that needs flows listens here, so the log is read once per tick.
class FlowPump final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlowPump)

public:
    static constexpr int DefaultIntervalMs = 150;
    // More than this per tick is left for the next tick, so one tick's work stays bounded even
    // when the views fell behind (a burst at the gateway's top rate).
    static constexpr qsizetype MaxBatch = 25'000;

    explicit FlowPump(FlowLog &flowLog, QObject *parent = nullptr);

    void setInterval(int ms) { m_timer.setInterval(ms); }
    int interval() const { return m_timer.interval(); }
    // Pulls at once (tests, and the moment a hand-fired request's answer is in).
    void pullNow();
    // From now on only records after the log's current end are pulled.
    void skipToEnd();
    quint64 lastId() const { return m_lastId; }

Q_SIGNALS:
    void recordsArrived(const QList<gw::FlowRecord> &records);

private:
    FlowLog &m_flowLog;
    QTimer m_timer;
    quint64 m_lastId = 0;
};

} // namespace gw::ui
