#include "flowlog.h"

#include <algorithm>

namespace gw {

FlowLog::FlowLog(qsizetype capacity)
    : m_capacity(qMax<qsizetype>(1, capacity))
{
}

quint64 FlowLog::append(FlowRecord &&record)
{
    QMutexLocker lock(&m_mutex);
    record.id = m_lastId.load(std::memory_order_relaxed) + 1;

    FlowStatistics &stats = m_statistics;
    ++stats.total;
    const bool failed = record.status == 0 || record.status >= 500;
    if (failed)
        ++stats.errors;
    if (!record.endpointKey.isEmpty()) {
        FlowStatistics::Backend &backend = stats.backends[record.endpointKey];
        backend.podKey = record.podKey;
        ++backend.requests;
        backend.errors += failed ? 1 : 0;
        ++backend.statuses[record.status];
    }
    const auto touchSession = [&](const QByteArray &value) -> FlowStatistics::Session & {
        FlowStatistics::Session &session = stats.sessions[value];
        if (session.firstSeenMs == 0)
            session.firstSeenMs = record.startedAtMs;
        session.lastSeenMs = record.startedAtMs;
        session.cookieName = record.cookieName;
        session.endpointKey = record.endpointKey;
        session.podKey = record.podKey;
        return session;
    };
    switch (record.stickyDecision) {
    case FlowRecord::StickyDecision::Honoured:
        ++stats.stickyHonoured;
        ++touchSession(record.cookieReceived).requests;
        break;
    case FlowRecord::StickyDecision::Issued:
    case FlowRecord::StickyDecision::Repinned:
        ++(record.stickyDecision == FlowRecord::StickyDecision::Issued ? stats.stickyIssued : stats.stickyRepinned);
        if (!record.cookieIssued.isNull())
            ++touchSession(record.cookieIssued).issued;
        break;
    case FlowRecord::StickyDecision::None:
        break;
    }

    if (qsizetype(m_records.size()) >= m_capacity)
        m_records.pop_front();
    m_records.push_back(std::move(record));
    m_lastId.store(m_records.back().id, std::memory_order_release);
    return m_records.back().id;
}

QList<FlowRecord> FlowLog::recordsAfter(quint64 afterId, qsizetype maxCount) const
{
    QMutexLocker lock(&m_mutex);
    QList<FlowRecord> result;
    if (m_records.empty() || maxCount <= 0)
        return result;
    // Ids are consecutive inside the ring, so the start is found by arithmetic.
    const quint64 firstId = m_records.front().id;
    const qsizetype start = afterId < firstId ? 0 : qsizetype(afterId - firstId + 1);
    const qsizetype end = std::min<qsizetype>(qsizetype(m_records.size()), start + maxCount);
    if (start >= end)
        return result;
    result.reserve(end - start);
    for (qsizetype i = start; i < end; ++i)
        result.append(m_records[size_t(i)]);
    return result;
}

FlowStatistics FlowLog::statistics() const
{
    QMutexLocker lock(&m_mutex);
    return m_statistics;
}

qsizetype FlowLog::size() const
{
    QMutexLocker lock(&m_mutex);
    return qsizetype(m_records.size());
}

void FlowLog::clear()
{
    QMutexLocker lock(&m_mutex);
    m_records.clear();
    m_statistics = FlowStatistics{};
}

} // namespace gw
