#include "client/loadrunner.h"
#include "labfixture.h"
#include "testpaths.h"

#include <QHash>
#include <QMutex>
#include <QSet>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QTimer>

using namespace gw;
using namespace gw::test;

// The load runner against the running tutorial lab: what it counts is what the gateway logged.
class TestLoadRunner final : public QObject
{
    Q_OBJECT

private:
    static Simulation::Options serverNamespace()
    {
        Simulation::Options options;
        options.defaultNamespace = QStringLiteral("server");
        return options;
    }
    static LoadRunner::Plan planFor(LabFixture &lab, int clients, int requests, int concurrency)
    {
        const auto listener = lab.listener(QStringLiteral("server/simple-fsm-gateway"), QStringLiteral("http"));
        LoadRunner::Plan plan;
        plan.request.connectHost = listener.address;
        plan.request.connectPort = listener.port;
        plan.clients = clients;
        plan.requestsPerClient = requests;
        plan.concurrency = concurrency;
        return plan;
    }

private Q_SLOTS:
    void countsMatchTheFlowLog()
    {
        LabFixture lab(serverNamespace());
        QVERIFY2(lab.start({samplePath(QStringLiteral("session-sticky"))}), qPrintable(lab.error()));
        LoadRunner runner(lab.simulation().clock());
        QSignalSpy finished(&runner, &LoadRunner::finished);
        const quint64 before = lab.simulation().flowLog().lastId();
        QVERIFY(runner.start(planFor(lab, 200, 5, 16)));
        QVERIFY(!runner.start(planFor(lab, 1, 1, 1)));   // one run at a time

        // Progress, polled while the run goes on, never goes backwards.
        qint64 lastCompleted = -1;
        qint64 lastElapsed = -1;
        bool monotonic = true;
        QTimer poll;
        connect(&poll, &QTimer::timeout, this, [&] {
            const LoadRunner::Progress progress = runner.progress();
            monotonic = monotonic && progress.completed >= lastCompleted && progress.elapsedMs >= lastElapsed && progress.total == 1000;
            lastCompleted = progress.completed;
            lastElapsed = progress.elapsedMs;
        });
        poll.start(5);
        QVERIFY(finished.wait(60'000));
        poll.stop();
        QVERIFY(monotonic);

        const LoadRunner::Progress progress = runner.progress();
        QVERIFY(!progress.running);
        QVERIFY(!progress.cancelled);
        QCOMPARE(progress.completed, 1000);
        QCOMPARE(progress.failed, 0);
        const QList<LoadRunner::Sample> samples = runner.samples();
        QCOMPARE(samples.size(), 1000);

        // Every sample is one flow record, joined by (client port, request number on the connection).
        const QList<FlowRecord> records = lab.simulation().flowLog().recordsAfter(before, 10'000);
        QCOMPARE(records.size(), 1000);
        QHash<QPair<quint16, int>, const FlowRecord *> byConnection;
        for (const FlowRecord &record : records)
            byConnection.insert({record.clientPort, record.requestOnConnection}, &record);
        QCOMPARE(byConnection.size(), 1000);
        QHash<int, QString> podOfClient;
        QSet<int> clients;
        for (const LoadRunner::Sample &sample : samples) {
            const FlowRecord *record = byConnection.value({sample.localPort, sample.requestOnConnection});
            QVERIFY(record);
            QCOMPARE(int(sample.status), record->status);
            QCOMPARE(sample.receivedSetCookie, record->stickyDecision == FlowRecord::StickyDecision::Issued);
            QCOMPARE(sample.sentCookie, !record->cookieReceived.isNull());
            // Each client keeps its own cookie, so it stays on one pod for all five requests.
            const QString pod = podOfClient.value(sample.clientIndex, record->podKey);
            QCOMPARE(record->podKey, pod);
            podOfClient.insert(sample.clientIndex, pod);
            clients.insert(sample.clientIndex);
            QVERIFY(sample.durationUs > 0);
        }
        QCOMPARE(clients.size(), 200);
        const FlowStatistics stats = lab.simulation().flowLog().statistics();
        QCOMPARE(stats.stickyIssued, 200);
        QCOMPARE(stats.stickyHonoured, 800);
        // The jars hold each client's sticky cookie.
        const QList<CookieJar> jars = runner.cookieJars();
        QCOMPARE(jars.size(), 200);
        for (const CookieJar &jar : jars)
            QCOMPARE(jar.cookies().size(), 1);
    }

    void eachOpenedConnectionIsAnnounced_data()
    {
        QTest::addColumn<SimulatedClient::ConnectionPolicy>("policy");
        QTest::addColumn<int>("expectedConnections");
        QTest::newRow("keep-alive") << SimulatedClient::ConnectionPolicy::KeepAlive << 6;
        QTest::newRow("new connection per request") << SimulatedClient::ConnectionPolicy::NewConnectionPerRequest << 24;
    }

    void eachOpenedConnectionIsAnnounced()
    {
        QFETCH(SimulatedClient::ConnectionPolicy, policy);
        QFETCH(int, expectedConnections);
        LabFixture lab(serverNamespace());
        QVERIFY2(lab.start({samplePath(QStringLiteral("session-sticky"))}), qPrintable(lab.error()));
        LoadRunner runner(lab.simulation().clock());
        QSignalSpy finished(&runner, &LoadRunner::finished);
        LoadRunner::Plan plan = planFor(lab, 6, 4, 3);
        plan.connectionPolicy = policy;
        struct Announcement
        {
            int client;
            quint16 port;
            qint64 startedAtMs;
        };
        QMutex mutex;
        QList<Announcement> announced;
        plan.connectionOpened = [&mutex, &announced](int client, quint16 port, qint64 startedAtMs) {
            const QMutexLocker locker(&mutex);
            announced.append({client, port, startedAtMs});
        };
        QVERIFY(runner.start(plan));
        QVERIFY(finished.wait(60'000));
        const QMutexLocker locker(&mutex);
        QCOMPARE(announced.size(), expectedConnections);
        // Each announcement is the first request of one connection, as the samples saw it.
        QSet<QPair<int, quint16>> firstRequests;
        for (const LoadRunner::Sample &sample : runner.samples()) {
            if (sample.requestOnConnection == 1)
                firstRequests.insert({sample.clientIndex, sample.localPort});
        }
        QCOMPARE(firstRequests.size(), expectedConnections);
        for (const Announcement &a : std::as_const(announced)) {
            QVERIFY(firstRequests.contains({a.client, a.port}));
            QVERIFY(a.startedAtMs > 0);
        }
    }

    void concurrencyIsRespected()
    {
        LabFixture lab(serverNamespace());
        QVERIFY2(lab.start({samplePath(QStringLiteral("session-sticky"))}), qPrintable(lab.error()));
        // Slow pods make the requests overlap, so the limit is what bounds them.
        lab.simulation().slowPod(QStringLiteral("server/pipy-1"), 30);
        lab.simulation().slowPod(QStringLiteral("server/pipy-2"), 30);
        LoadRunner runner(lab.simulation().clock());
        QSignalSpy finished(&runner, &LoadRunner::finished);
        LoadRunner::Plan plan = planFor(lab, 12, 3, 4);
        QVERIFY(runner.start(plan));
        QVERIFY(finished.wait(60'000));
        const QList<LoadRunner::Sample> samples = runner.samples();
        QCOMPARE(samples.size(), 36);
        // Before the first answer came back, exactly four requests had been sent (the limit, used).
        qint64 firstEndUs = std::numeric_limits<qint64>::max();
        for (const LoadRunner::Sample &sample : samples)
            firstEndUs = std::min(firstEndUs, sample.startedAtMs * 1000 + sample.durationUs);
        // startedAtMs is whole milliseconds: leave one millisecond of doubt on either side.
        const auto startedBefore = [&samples](qint64 us) {
            return std::count_if(samples.cbegin(), samples.cend(), [us](const LoadRunner::Sample &s) { return s.startedAtMs * 1000 < us; });
        };
        QCOMPARE(startedBefore(firstEndUs - 1000), 4);
        // 36 requests of at least 30 ms, four at a time, take at least nine rounds.
        QVERIFY2(runner.progress().elapsedMs >= 9 * 30 - 5, qPrintable(QString::number(runner.progress().elapsedMs)));
    }

    void cancelStopsTheRun()
    {
        LabFixture lab(serverNamespace());
        QVERIFY2(lab.start({samplePath(QStringLiteral("session-sticky"))}), qPrintable(lab.error()));
        lab.simulation().slowPod(QStringLiteral("server/pipy-1"), 20);
        lab.simulation().slowPod(QStringLiteral("server/pipy-2"), 20);
        LoadRunner runner(lab.simulation().clock());
        QSignalSpy finished(&runner, &LoadRunner::finished);
        QVERIFY(runner.start(planFor(lab, 100, 100, 8)));
        QTRY_VERIFY_WITH_TIMEOUT(runner.progress().completed >= 20, 20'000);
        runner.cancel();
        QVERIFY(finished.wait(20'000));
        const LoadRunner::Progress progress = runner.progress();
        QVERIFY(progress.cancelled);
        QVERIFY(!progress.running);
        QVERIFY(progress.completed < progress.total);
        QCOMPARE(qint64(runner.samples().size()), progress.completed);
        // The gateway saw what was answered plus, at most, the requests in flight when it stopped.
        QVERIFY(qint64(lab.simulation().flowLog().size()) <= progress.completed + 8);
        // A new run can start on the same runner.
        QVERIFY(runner.start(planFor(lab, 2, 2, 2)));
        QVERIFY(finished.wait(20'000));
        QCOMPARE(runner.samples().size(), 4);
    }

    void failuresAreCounted()
    {
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            closedPort = probe.serverPort();
        }
        LabClock clock;
        LoadRunner runner(clock);
        QSignalSpy finished(&runner, &LoadRunner::finished);
        LoadRunner::Plan plan;
        plan.request.connectHost = "127.0.0.1";
        plan.request.connectPort = closedPort;
        plan.clients = 3;
        plan.requestsPerClient = 2;
        plan.concurrency = 3;
        QVERIFY(runner.start(plan));
        QVERIFY(finished.wait(20'000));
        QCOMPARE(runner.progress().failed, 6);
        QCOMPARE(runner.samples().size(), 6);
        for (const LoadRunner::Sample &sample : runner.samples())
            QCOMPARE(sample.status, qint16(0));
        QCOMPARE(runner.errorExamples(), QStringList{QStringLiteral("connection refused by 127.0.0.1:%1").arg(closedPort)});
    }
};

QTEST_GUILESS_MAIN(TestLoadRunner)
#include "tst_loadrunner.moc"
