#pragma once

#include <QDateTime>
#include <atomic>

namespace gw {

// The lab's notion of now: the real UTC clock plus an offset the user can push forward (to watch
// cookies expire without waiting). The gateway stamps Set-Cookie expiry with it and the simulated
// clients' cookie jars judge expiry with it, so both sides agree. Thread-safe.
class LabClock
{
public:
    qint64 nowMs() const { return QDateTime::currentMSecsSinceEpoch() + m_offsetMs.load(std::memory_order_relaxed); }
    QDateTime nowUtc() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }
    qint64 offsetMs() const { return m_offsetMs.load(std::memory_order_relaxed); }
    void advance(qint64 ms) { m_offsetMs.fetch_add(ms, std::memory_order_relaxed); }
    void reset() { m_offsetMs.store(0, std::memory_order_relaxed); }

private:
    std::atomic<qint64> m_offsetMs{0};
};

} // namespace gw
