#pragma once

#include <QByteArray>
#include <QHash>
#include <QMap>
#include <QString>

namespace gw {

// Running totals kept beside the ring buffer, so they cover every exchange even after the buffer
// has dropped the oldest records.
struct FlowStatistics
{
    struct Backend
    {
        QString podKey;
        qint64 requests = 0;
        qint64 errors = 0;                // 5xx answers and gateway errors
        QMap<int, qint64> statuses;
    };
    struct Session
    {
        QByteArray cookieName;
        QString endpointKey;              // the endpoint the value pins
        QString podKey;
        qint64 requests = 0;              // requests that carried the cookie and were pinned by it
        qint64 issued = 0;                // times the gateway handed this value out
        qint64 firstSeenMs = 0;
        qint64 lastSeenMs = 0;
    };

    qint64 total = 0;
    qint64 errors = 0;
    qint64 stickyHonoured = 0;
    qint64 stickyIssued = 0;
    qint64 stickyRepinned = 0;
    QHash<QString, Backend> backends;     // by endpoint key
    QHash<QByteArray, Session> sessions;  // by cookie value
};

} // namespace gw
