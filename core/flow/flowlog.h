#pragma once

#include "flowrecord.h"
#include "flowstatistics.h"

#include <QList>
#include <QMutex>
#include <atomic>
#include <deque>

namespace gw {

// The flow log: a bounded ring buffer of finished exchanges plus running statistics. Data-plane
// threads append; views and reports pull batches by id (nothing is pushed per request).
class FlowLog
{
public:
    static constexpr qsizetype DefaultCapacity = 100'000;

    explicit FlowLog(qsizetype capacity = DefaultCapacity);

    // Thread-safe. Assigns the record's id and returns it.
    quint64 append(FlowRecord &&record);

    // Records with id > afterId, oldest first, at most maxCount. Records that fell out of the ring are
    // skipped, so a slow reader sees a gap rather than stale data.
    QList<FlowRecord> recordsAfter(quint64 afterId, qsizetype maxCount = 10'000) const;
    QList<FlowRecord> allRecords() const { return recordsAfter(0, capacity()); }
    FlowStatistics statistics() const;
    quint64 lastId() const { return m_lastId.load(std::memory_order_acquire); }
    qsizetype size() const;
    qsizetype capacity() const { return m_capacity; }
    // Drops the records and the statistics; ids keep counting so pulls stay monotonic.
    void clear();

private:
    const qsizetype m_capacity;
    mutable QMutex m_mutex;
    std::deque<FlowRecord> m_records;
    FlowStatistics m_statistics;
    std::atomic<quint64> m_lastId{0};
};

} // namespace gw
