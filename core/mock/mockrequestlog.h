#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QList>
#include <QMutex>
#include <QString>
#include <QWaitCondition>

namespace gw {

// What the mock pods received, in arrival order: the lab's `kubectl logs`. echo-basic logs every
// request it echoes ("Echoing back request made to <path> to client"), and the conformance suite reads
// those logs to see that a RequestMirror reached its backend; this log serves the same purpose.
// Thread-safe; bounded, the oldest entries go first.
class MockRequestLog
{
public:
    struct Entry
    {
        quint64 sequence = 0;
        QString podKey;              // namespace/pod
        QByteArray method;
        QByteArray target;           // path and query as received
    };

    static constexpr qsizetype Capacity = 100'000;

    void append(const QString &podKey, const QByteArray &method, const QByteArray &target);
    // The sequence number the next entry will get: remember it, then ask for what came `since`.
    quint64 nextSequence() const;
    QList<Entry> since(quint64 sequence) const;
    // Blocks until the entry numbered `sequence` has been appended or the deadline passes; true when
    // it has. Lets a reader wait for a request still on its way instead of polling.
    bool waitFor(quint64 sequence, QDeadlineTimer deadline) const;

private:
    mutable QMutex m_mutex;
    mutable QWaitCondition m_appended;
    QList<Entry> m_entries;
    quint64 m_next = 0;
};

} // namespace gw
