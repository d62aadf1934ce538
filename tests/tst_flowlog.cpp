#include "flow/flowlog.h"

#include <QTest>
#include <thread>

using namespace gw;

// The flow log: bounded, pulled in batches by id, with statistics that outlive the ring.
class TestFlowLog final : public QObject
{
    Q_OBJECT

private:
    static FlowRecord record(const QString &endpoint, int status, FlowRecord::StickyDecision decision = FlowRecord::StickyDecision::None,
                             const QByteArray &received = {}, const QByteArray &issued = {})
    {
        FlowRecord r;
        r.endpointKey = endpoint;
        r.podKey = QStringLiteral("ns/") + endpoint;
        r.status = status;
        r.stickyDecision = decision;
        r.cookieName = "_srv_id";
        r.cookieReceived = received;
        r.cookieIssued = issued;
        r.startedAtMs = 1000;
        return r;
    }

private Q_SLOTS:
    void boundedRingKeepsNewest()
    {
        FlowLog log(3);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(log.append(record(QStringLiteral("a"), 200)), quint64(i + 1));
        QCOMPARE(log.size(), 3);
        const QList<FlowRecord> all = log.allRecords();
        QCOMPARE(all.size(), 3);
        QCOMPARE(all.first().id, quint64(3));
        QCOMPARE(all.last().id, quint64(5));
        // Statistics cover all five, not just what the ring kept.
        QCOMPARE(log.statistics().total, 5);
    }
    void batchedPullById()
    {
        FlowLog log(100);
        for (int i = 0; i < 10; ++i)
            log.append(record(QStringLiteral("a"), 200));
        const QList<FlowRecord> first = log.recordsAfter(0, 4);
        QCOMPARE(first.size(), 4);
        QCOMPARE(first.last().id, quint64(4));
        const QList<FlowRecord> rest = log.recordsAfter(first.last().id, 100);
        QCOMPARE(rest.size(), 6);
        QCOMPARE(rest.first().id, quint64(5));
        QVERIFY(log.recordsAfter(10).isEmpty());
        QCOMPARE(log.lastId(), quint64(10));
    }
    void readerThatFellBehindSeesAGap()
    {
        FlowLog log(5);
        for (int i = 0; i < 12; ++i)
            log.append(record(QStringLiteral("a"), 200));
        const QList<FlowRecord> batch = log.recordsAfter(2);
        QCOMPARE(batch.first().id, quint64(8));
    }
    void statisticsPerBackendAndCookie()
    {
        FlowLog log;
        log.append(record(QStringLiteral("10.0.0.1:80"), 200, FlowRecord::StickyDecision::Issued, {}, "111"));
        log.append(record(QStringLiteral("10.0.0.1:80"), 200, FlowRecord::StickyDecision::Honoured, "111"));
        log.append(record(QStringLiteral("10.0.0.1:80"), 503, FlowRecord::StickyDecision::Honoured, "111"));
        log.append(record(QStringLiteral("10.0.0.2:80"), 200, FlowRecord::StickyDecision::Repinned, "999", "222"));
        const FlowStatistics stats = log.statistics();
        QCOMPARE(stats.total, 4);
        QCOMPARE(stats.errors, 1);
        QCOMPARE(stats.backends.value(QStringLiteral("10.0.0.1:80")).requests, 3);
        QCOMPARE(stats.backends.value(QStringLiteral("10.0.0.1:80")).statuses.value(503), 1);
        QCOMPARE(stats.sessions.value("111").requests, 2);
        QCOMPARE(stats.sessions.value("111").issued, 1);
        QCOMPARE(stats.sessions.value("222").issued, 1);
        QCOMPARE(stats.stickyRepinned, 1);
        QCOMPARE(stats.stickyHonoured, 2);
    }
    void concurrentAppendsGetUniqueIds()
    {
        FlowLog log(100'000);
        const auto writer = [&log] {
            for (int i = 0; i < 10'000; ++i)
                log.append(record(QStringLiteral("a"), 200));
        };
        std::thread a(writer), b(writer);
        a.join();
        b.join();
        QCOMPARE(log.size(), 20'000);
        const QList<FlowRecord> all = log.allRecords();
        for (int i = 0; i < all.size(); ++i)
            QCOMPARE(all[i].id, quint64(i + 1));
    }
    void clearKeepsIdsMonotonic()
    {
        FlowLog log;
        log.append(record(QStringLiteral("a"), 200));
        log.clear();
        QCOMPARE(log.size(), 0);
        QCOMPARE(log.statistics().total, 0);
        QCOMPARE(log.append(record(QStringLiteral("a"), 200)), quint64(2));
    }
};

QTEST_GUILESS_MAIN(TestFlowLog)
#include "tst_flowlog.moc"
