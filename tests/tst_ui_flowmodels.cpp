#include "models/flowfilterproxymodel.h"
#include "models/flowtablemodel.h"
#include "models/sessiontablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace gw;
using namespace gw::ui;

// The Traffic and Sessions models on their own, each under QAbstractItemModelTester: batched
// inserts, the cap that drops the oldest rows, late client names, the filter proxy, and session
// states from statistics and jars.
class TestUiFlowModels final : public QObject
{
    Q_OBJECT

private:
    static QList<FlowRecord> records(quint64 firstId, int count, const QString &pod = QStringLiteral("server/pipy-1"))
    {
        QList<FlowRecord> result;
        for (int i = 0; i < count; ++i) {
            FlowRecord record;
            record.id = firstId + quint64(i);
            record.startedAtMs = 1'000'000 + qint64(record.id);
            record.method = "GET";
            record.target = "/item/" + QByteArray::number(record.id);
            record.host = "127.0.0.2:8000";
            record.status = record.id % 2 ? 200 : 503;
            record.clientAddress = "127.0.0.1";
            record.clientPort = quint16(40000 + record.id);
            record.podKey = pod;
            record.endpointKey = QStringLiteral("10.42.0.16:8080");
            record.routeKey = QStringLiteral("server/fortio-route");
            record.ruleIndex = 0;
            record.stickyDecision = FlowRecord::StickyDecision::Honoured;
            result.append(record);
        }
        return result;
    }

private Q_SLOTS:
    void batchesInsertOnceAndDropOldestPastCap()
    {
        FlowTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapacity(100);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

        model.appendBatch(records(1, 60));
        QCOMPARE(model.rowCount(), 60);
        QCOMPARE(inserted.count(), 1);   // one batch, one insert
        QCOMPARE(removed.count(), 0);

        model.appendBatch(records(61, 70));
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(removed.count(), 1);    // the 30 oldest, in one removal
        QCOMPARE(removed.at(0).at(1).toInt(), 0);
        QCOMPARE(removed.at(0).at(2).toInt(), 29);
        QCOMPARE(model.recordAt(0)->id, quint64(31));
        QCOMPARE(model.recordAt(99)->id, quint64(130));
        QCOMPARE(model.droppedCount(), qint64(30));

        // A batch larger than the cap keeps only its newest rows.
        model.appendBatch(records(131, 250));
        QCOMPARE(model.rowCount(), 100);
        QCOMPARE(model.recordAt(0)->id, quint64(281));
        QCOMPARE(model.rowForId(300), 19);
        QCOMPARE(model.rowForId(280), -1);
        QCOMPARE(model.index(19, FlowTableModel::PathColumn).data().toString(), QStringLiteral("/item/300"));

        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void columnsShowWhatHappened()
    {
        FlowTableModel model;
        QList<FlowRecord> batch = records(1, 2);
        batch[1].stickyDecision = FlowRecord::StickyDecision::Repinned;
        batch[1].podKey = QStringLiteral("server/pipy-2");
        model.appendBatch(batch);
        QCOMPARE(model.index(0, FlowTableModel::StatusColumn).data().toString(), QStringLiteral("200"));
        QCOMPARE(model.index(1, FlowTableModel::StatusColumn).data().toString(), QStringLiteral("503"));
        QCOMPARE(model.index(0, FlowTableModel::PodColumn).data().toString(), QStringLiteral("pipy-1"));
        QCOMPARE(model.index(1, FlowTableModel::PodColumn).data().toString(), QStringLiteral("pipy-2"));
        QCOMPARE(model.index(0, FlowTableModel::StickyColumn).data().toString(), QStringLiteral("cookie honoured"));
        QCOMPARE(model.index(1, FlowTableModel::StickyColumn).data().toString(), QStringLiteral("re-pinned"));
        QCOMPARE(model.index(0, FlowTableModel::RouteColumn).data().toString(), QStringLiteral("server/fortio-route#0"));
        // Not a simulated client of the app: its address stands in.
        QCOMPARE(model.index(0, FlowTableModel::ClientColumn).data().toString(), QStringLiteral("127.0.0.1:40001"));
    }

    void clientNamesResolvedLate()
    {
        FlowTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QHash<quint16, QString> known;
        model.setClientResolver([&known](quint16 port, qint64) { return known.value(port); });
        model.appendBatch(records(1, 3));
        QCOMPARE(model.clientAt(1), QStringLiteral("127.0.0.1:40002"));
        known.insert(40002, QStringLiteral("alice"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.resolveClients();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.clientAt(1), QStringLiteral("alice"));
        QCOMPARE(model.index(1, FlowTableModel::ClientColumn).data().toString(), QStringLiteral("alice"));
    }

    void proxyFiltersWithFlowFilter()
    {
        FlowTableModel model;
        FlowFilterProxyModel proxy(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.appendBatch(records(1, 10));
        QVERIFY(proxy.setFilterText(QStringLiteral("status:5xx")));
        QCOMPARE(proxy.rowCount(), 5);
        model.appendBatch(records(11, 4, QStringLiteral("server/pipy-2")));
        QCOMPARE(proxy.rowCount(), 7);
        QVERIFY(proxy.setFilterText(QStringLiteral("pod:pipy-2 !status:503")));
        QCOMPARE(proxy.rowCount(), 2);
        QVERIFY(!proxy.setFilterText(QStringLiteral("nonsense:1")));
        QCOMPARE(proxy.rowCount(), 2);   // the previous filter stays
        QVERIFY(proxy.setFilterText(QString()));
        QCOMPARE(proxy.rowCount(), 14);
        // Sorting by status sorts numbers as numbers.
        proxy.sort(FlowTableModel::StatusColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, FlowTableModel::StatusColumn).data().toString(), QStringLiteral("503"));
    }

    void sessionStatesFromStatisticsAndJars()
    {
        SessionTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        FlowStatistics statistics;
        FlowStatistics::Session one;
        one.cookieName = "_srv_id";
        one.endpointKey = QStringLiteral("10.42.0.16:8080");
        one.podKey = QStringLiteral("server/pipy-1");
        one.requests = 4;
        one.issued = 1;
        one.firstSeenMs = 1000;
        one.lastSeenMs = 5000;
        FlowStatistics::Session two = one;
        two.endpointKey = QStringLiteral("10.42.0.10:8080");
        two.podKey = QStringLiteral("server/pipy-2");
        two.requests = 1;
        two.firstSeenMs = 2000;
        statistics.sessions.insert("111", one);
        statistics.sessions.insert("222", two);
        statistics.backends.insert(QStringLiteral("10.42.0.16:8080"), FlowStatistics::Backend{QStringLiteral("server/pipy-1"), 9, 0, {}});
        statistics.backends.insert(QStringLiteral("10.42.0.10:8080"), FlowStatistics::Backend{QStringLiteral("server/pipy-2"), 3, 3, {}});

        const qint64 now = 100'000;
        const QList<SessionTableModel::Holder> holders{{QStringLiteral("alice"), "_srv_id", "111", now + 600'000},
                                                       {QStringLiteral("bob"), "_srv_id", "111", now + 300'000},
                                                       {QStringLiteral("carol"), "_srv_id", "222", now + 600'000},
                                                       {QStringLiteral("carol"), "theme", "dark", -1}};
        QHash<QByteArray, SessionTableModel::LiveValue> live{{"111", {QStringLiteral("10.42.0.16:8080"), QStringLiteral("server/pipy-1")}},
                                                             {"222", {QStringLiteral("10.42.0.10:8080"), QStringLiteral("server/pipy-2")}}};
        model.refresh(statistics, holders, live, now);
        QCOMPARE(model.rowCount(), 2);   // the non-sticky cookie is no session
        QCOMPARE(model.rowForValue("111"), 0);
        const QModelIndex first = model.index(0, SessionTableModel::StateColumn);
        QCOMPARE(first.data(SessionTableModel::StateRole).value<SessionTableModel::State>(), SessionTableModel::State::Pinned);
        QCOMPARE(first.data(SessionTableModel::ClientsRole).toStringList(), (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));
        QCOMPARE(first.data(SessionTableModel::RequestsRole).toLongLong(), qint64(5));
        QCOMPARE(first.data(SessionTableModel::ExpiresInMsRole).toLongLong(), qint64(600'000));
        QCOMPARE(model.index(0, SessionTableModel::ExpiresColumn).data().toString(), QStringLiteral("10 min 00 s"));
        QCOMPARE(model.index(0, SessionTableModel::PodColumn).data().toString(), QStringLiteral("pipy-1"));

        // pipy-2 left (stopped): its value names no current endpoint.
        live.remove("222");
        model.refresh(statistics, holders, live, now);
        QCOMPARE(model.index(1, 0).data(SessionTableModel::StateRole).value<SessionTableModel::State>(), SessionTableModel::State::Stale);

        // Ten minutes later every copy of 111 has expired in its jar.
        model.refresh(statistics, holders, live, now + 600'001);
        QCOMPARE(model.index(0, 0).data(SessionTableModel::StateRole).value<SessionTableModel::State>(), SessionTableModel::State::Expired);
        QCOMPARE(model.index(0, SessionTableModel::ClientsColumn).data().toString(), QStringLiteral("alice (expired), bob (expired)"));

        // Per pod: every request it served, and the clients a live cookie pins to it.
        model.refresh(statistics, holders, {{"111", live.value("111")}, {"222", {QStringLiteral("10.42.0.10:8080"), QStringLiteral("server/pipy-2")}}}, now);
        const QList<SessionTableModel::PodLoad> loads = model.podLoads();
        QCOMPARE(loads.size(), 2);
        QCOMPARE(loads.at(0).podKey, QStringLiteral("server/pipy-1"));
        QCOMPARE(loads.at(0).requests, qint64(9));
        QCOMPARE(loads.at(0).sessions, 2);
        QCOMPARE(loads.at(1).sessions, 1);
    }
};

QTEST_MAIN(TestUiFlowModels)
#include "tst_ui_flowmodels.moc"
