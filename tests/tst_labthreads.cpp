#include "client/loadrunner.h"
#include "common/labthreads.h"
#include "labfixture.h"
#include "testpaths.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <sys/resource.h>
#include <unistd.h>

using namespace gw;
using namespace gw::test;

// The lab's threads and their CPU priority, read back from the kernel (/proc), for the threads a
// running lab and a load run really start.
class TestLabThreads final : public QObject
{
    Q_OBJECT

private:
    // A failed comparison returns early: the thread still has to stop before it is destroyed.
    class StoppedOnExit : public QThread
    {
    public:
        ~StoppedOnExit() override
        {
            quit();
            wait();
        }
    };

    static int ownNiceLevel() { return getpriority(PRIO_PROCESS, id_t(gettid())); }

    // Thread name → nice level, for every thread of this process.
    static QHash<QString, int> threadNiceLevels()
    {
        QHash<QString, int> levels;
        const QDir tasks(QStringLiteral("/proc/self/task"));
        for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile commFile(tasks.filePath(tid + QStringLiteral("/comm")));
            QFile statFile(tasks.filePath(tid + QStringLiteral("/stat")));
            if (!commFile.open(QIODevice::ReadOnly) || !statFile.open(QIODevice::ReadOnly))
                continue;
            const QString name = QString::fromLatin1(commFile.readAll().trimmed());
            // proc(5): the fields after the parenthesised command; nice is field 19 overall.
            const QByteArray stat = statFile.readAll();
            const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
            if (fields.size() > 16)
                levels.insert(name, fields.at(16).toInt());
        }
        return levels;
    }

    // Runs `fn` on `thread` and waits for it.
    template<typename Fn>
    static void runIn(QThread &thread, Fn fn)
    {
        auto *context = new QObject;
        context->moveToThread(&thread);
        QMetaObject::invokeMethod(context, fn, Qt::BlockingQueuedConnection);
        context->deleteLater();
    }

    static int levelInThread(QThread &thread)
    {
        int level = 100;
        runIn(thread, [&level] { level = ownNiceLevel(); });
        return level;
    }

private Q_SLOTS:
    // Runs first: until something asks, lab threads run at the process's priority (headless).
    void headlessThreadsKeepThePriority()
    {
        StoppedOnExit thread;
        LabThreads::start(thread);
        QCOMPARE(levelInThread(thread), ownNiceLevel());
    }

    void labThreadsYieldToTheGuiThread()
    {
        const int gui = ownNiceLevel();
        const int expected = std::min(gui + 10, 19);
        LabThreads::yieldToCallingThread();
        QCOMPARE(LabThreads::niceLevel(), expected);

        Simulation::Options options;
        options.defaultNamespace = QStringLiteral("server");
        LabFixture lab(options);
        QVERIFY2(lab.start({samplePath(QStringLiteral("session-sticky"))}), qPrintable(lab.error()));
        const Simulation::ListenerAddress listener = lab.listener(QStringLiteral("server/simple-fsm-gateway"), QStringLiteral("http"));
        QVERIFY(!listener.address.isEmpty());

        // A load run's threads are started from the caller's thread; they too run behind it. Its
        // requests go to a server that accepts and never answers, so they are there to look at.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        LoadRunner runner(lab.simulation().clock());
        LoadRunner::Plan plan;
        plan.request.connectPort = silent.serverPort();
        plan.request.timeoutMs = 30'000;
        plan.clients = 2;
        plan.requestsPerClient = 1;
        plan.concurrency = 2;
        QSignalSpy finished(&runner, &LoadRunner::finished);
        QVERIFY(runner.start(plan));
        QHash<QString, int> levels;
        QVERIFY(QTest::qWaitFor([&] {
            levels = threadNiceLevels();
            return levels.contains(QStringLiteral("load-runner-1")) && levels.contains(QStringLiteral("load-runner-2"));
        }, 10'000));
        runner.cancel();
        QVERIFY(finished.wait(10'000));

        QVERIFY2(levels.contains(QStringLiteral("dataplane-0")), qPrintable(levels.keys().join(u' ')));
        QCOMPARE(levels.value(QStringLiteral("dataplane-0")), expected);
        QCOMPARE(levels.value(QStringLiteral("dataplane-1")), expected);
        QCOMPARE(levels.value(QStringLiteral("mock-pods")), expected);
        QCOMPARE(levels.value(QStringLiteral("load-runner-1")), expected);
        QCOMPARE(levels.value(QStringLiteral("load-runner-2")), expected);
        QCOMPARE(ownNiceLevel(), gui);
    }

    void aLabThreadStartedByALabThreadIsNotLoweredTwice()
    {
        StoppedOnExit outer;
        LabThreads::start(outer);
        StoppedOnExit inner;
        runIn(outer, [&inner] { LabThreads::start(inner); });
        QCOMPARE(levelInThread(outer), LabThreads::niceLevel());
        QCOMPARE(levelInThread(inner), LabThreads::niceLevel());
    }
};

QTEST_GUILESS_MAIN(TestLabThreads)
#include "tst_labthreads.moc"
