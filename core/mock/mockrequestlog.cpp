#include "mockrequestlog.h"

namespace gw {

void MockRequestLog::append(const QString &podKey, const QByteArray &method, const QByteArray &target)
{
    QMutexLocker lock(&m_mutex);
    if (m_entries.size() >= Capacity)
        m_entries.remove(0, Capacity / 10);   // drop a tenth at once so appends stay cheap
    m_entries.append(Entry{m_next++, podKey, method, target});
    m_appended.wakeAll();
}

quint64 MockRequestLog::nextSequence() const
{
    QMutexLocker lock(&m_mutex);
    return m_next;
}

bool MockRequestLog::waitFor(quint64 sequence, QDeadlineTimer deadline) const
{
    QMutexLocker lock(&m_mutex);
    while (m_next <= sequence) {
        if (!m_appended.wait(&m_mutex, deadline))
            return m_next > sequence;
    }
    return true;
}

QList<MockRequestLog::Entry> MockRequestLog::since(quint64 sequence) const
{
    QMutexLocker lock(&m_mutex);
    QList<Entry> result;
    for (const Entry &entry : m_entries) {
        if (entry.sequence >= sequence)
            result.append(entry);
    }
    return result;
}

} // namespace gw
