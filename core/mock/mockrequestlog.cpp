#include "mockrequestlog.h"

namespace gw {

void MockRequestLog::append(const QString &podKey, const QByteArray &method, const QByteArray &target)
{
    QMutexLocker lock(&m_mutex);
    if (m_entries.size() >= Capacity)
        m_entries.remove(0, Capacity / 10);   // drop a tenth at once so appends stay cheap
    m_entries.append(Entry{m_next++, podKey, method, target});
}

quint64 MockRequestLog::nextSequence() const
{
    QMutexLocker lock(&m_mutex);
    return m_next;
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
