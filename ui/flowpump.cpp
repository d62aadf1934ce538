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

void FlowPump::pullNow()
{
    if (m_flowLog.lastId() == m_lastId)
        return;
    const QList<FlowRecord> records = m_flowLog.recordsAfter(m_lastId, MaxBatch);
    if (records.isEmpty()) {
        // Everything after m_lastId fell out of the ring already.
        m_lastId = m_flowLog.lastId();
        return;
    }
    m_lastId = records.constLast().id;
    Q_EMIT recordsArrived(records);
}

void FlowPump::skipToEnd()
{
    m_lastId = m_flowLog.lastId();
}

} // namespace gw::ui
