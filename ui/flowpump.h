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
    // Under heavy traffic the tick slows to this, so the table repaints less often for more rows.
    static constexpr int BusyIntervalMs = 250;
    static constexpr qsizetype BusyBatch = 1000;
    // One pull hands over at most this many records, so that no turn of the GUI's event loop
    // spends more than a few milliseconds on them (each row is filtered, resolved to its client and
    // laid out). When the log holds more, the next pull follows on the next turn of the event
    // loop, after the paints and input queued meanwhile, rather than a whole tick later.
    static constexpr qsizetype MaxBatch = 1'500;

    explicit FlowPump(FlowLog &flowLog, QObject *parent = nullptr);

    void setInterval(int ms);
    int interval() const { return m_interval; }
    // Pulls at once (tests, and the moment a hand-fired request's answer is in).
    void pullNow();
    // From now on only records after the log's current end are pulled.
    void skipToEnd();
    quint64 lastId() const { return m_lastId; }

Q_SIGNALS:
    void recordsArrived(const QList<gw::FlowRecord> &records);

private:
    void scheduleCatchUp();

    FlowLog &m_flowLog;
    QTimer m_timer;
    int m_interval = DefaultIntervalMs;
    quint64 m_lastId = 0;
    bool m_catchUpPending = false;
};

} // namespace gw::ui
