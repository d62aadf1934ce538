#include "flowpump.h"

#include "flow/flowlog.h"

namespace gw::ui {

FlowPump::FlowPump(FlowLog &flowLog, QObject *parent)
    : QObject(parent)
    , m_flowLog(flowLog)
{
    m_timer.setTimerType(Qt::CoarseTimer);
    m_timer.setInterval(DefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &FlowPump::pullNow);
    m_timer.start();
}

void FlowPump::setInterval(int ms)
{
    m_interval = ms;
    m_timer.setInterval(ms);
}

void FlowPump::pullNow()
{
    if (m_flowLog.lastId() == m_lastId) {
        m_timer.setInterval(m_interval);
        return;
    }
    const QList<FlowRecord> records = m_flowLog.recordsAfter(m_lastId, MaxBatch);
    if (records.isEmpty()) {
        // Everything after m_lastId fell out of the ring already.
        m_lastId = m_flowLog.lastId();
        return;
    }
    m_lastId = records.constLast().id;
    // A big batch means a load run: fewer, larger batches cost the GUI less (each one repaints).
    m_timer.setInterval(records.size() >= BusyBatch ? qMax(m_interval, int(BusyIntervalMs)) : m_interval);
    if (records.size() >= MaxBatch && m_flowLog.lastId() > m_lastId)
        scheduleCatchUp();
    Q_EMIT recordsArrived(records);
}

void FlowPump::scheduleCatchUp()
{
    if (m_catchUpPending)
        return;
    m_catchUpPending = true;
    QTimer::singleShot(0, this, [this] {
        m_catchUpPending = false;
        pullNow();
    });
}

void FlowPump::skipToEnd()
{
    m_lastId = m_flowLog.lastId();
}

} // namespace gw::ui
