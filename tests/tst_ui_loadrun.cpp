#include "flowpump.h"
#include "lab/simulation.h"
#include "mainwindow.h"
#include "models/flowtablemodel.h"
#include "models/sessiontablemodel.h"
#include "testpaths.h"
#include "widgets/composerpanel.h"
#include "widgets/loadrunpanel.h"
#include "widgets/sessionspage.h"
#include "widgets/trafficpage.h"

#include <QAbstractItemModelTester>
#include <QProgressBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gw;
using namespace gw::ui;

// Load runs from the window: the run goes on the LoadRunner's threads, its flows reach the table
// in batches and are named after their clients while the run goes on, the clients' jars show up
// in Sessions, and Cancel stops a run early.
class TestUiLoadRun final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settings;
    std::unique_ptr<Simulation> m_simulation;
    std::unique_ptr<MainWindow> m_window;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
        Simulation::Options options;
        options.defaultNamespace = QStringLiteral("server");
        options.portOffset = 2500;
        m_simulation = std::make_unique<Simulation>(options);
        m_window = std::make_unique<MainWindow>(*m_simulation);
        m_window->openPaths({test::samplePath(QStringLiteral("session-sticky"))});
        QVERIFY(m_simulation->isServing());
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_simulation.reset();
    }

    void runNamesItsClientsAndFillsSessions()
    {
        QAbstractItemModelTester flows(m_window->trafficPage()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester sessions(m_window->sessionsPage()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        LoadRunPanel *load = m_window->loadRunPanel();
        QSignalSpy registered(load, &LoadRunPanel::clientsRegistered);
        QSignalSpy inserted(m_window->trafficPage()->model(), &QAbstractItemModel::rowsInserted);
        load->setPlan(6, 5, 3, SimulatedClient::ConnectionPolicy::KeepAlive, true);
        QVERIFY(load->start());
        QVERIFY(!load->start());   // one run at a time
        QTRY_COMPARE_WITH_TIMEOUT(registered.count(), 1, 20000);
        QVERIFY(!load->isRunning());
        QCOMPARE(load->progressBar()->value(), 30);
        QCOMPARE(load->progressBar()->maximum(), 30);
        QVERIFY2(load->summaryText().contains(u"Per pod:"), qPrintable(load->summaryText()));
        QVERIFY(load->summaryText().contains(u"6 new cookies, 24 honoured, 0 re-pinned"));

        m_window->refreshLiveViews();
        const FlowTableModel *model = m_window->trafficPage()->model();
        QCOMPARE(model->rowCount(), 30);
        QVERIFY(inserted.count() < 30);   // batches, never a row at a time
        QSet<QString> clients;
        for (int row = 0; row < model->rowCount(); ++row)
            clients.insert(model->clientAt(row));
        QCOMPARE(clients.size(), 6);
        for (int i = 1; i <= 6; ++i)
            QVERIFY2(clients.contains(QStringLiteral("load1-%1").arg(i)), qPrintable(QStringList(clients.values()).join(u',')));

        // Each client's jar holds the cookie of the pod it was pinned to.
        QCOMPARE(load->holders().size(), 6);
        const SessionTableModel *sessionModel = m_window->sessionsPage()->model();
        QStringList holders;
        for (int row = 0; row < sessionModel->rowCount(); ++row)
            holders << sessionModel->index(row, 0).data(SessionTableModel::ClientsRole).toStringList();
        holders.sort();
        QCOMPARE(holders.size(), 6);
        QCOMPARE(holders.constFirst(), QStringLiteral("load1-1"));
        int pinned = 0;
        for (const SessionTableModel::PodLoad &podLoad : sessionModel->podLoads())
            pinned += podLoad.sessions;
        QCOMPARE(pinned, 6);
    }

    void clientsAreNamedWhileTheRunGoesOn()
    {
        // Slow pods keep the run going long enough to look at the table in the middle of it.
        QVERIFY(m_simulation->slowPod(QStringLiteral("server/pipy-1"), 40));
        QVERIFY(m_simulation->slowPod(QStringLiteral("server/pipy-2"), 40));
        LoadRunPanel *load = m_window->loadRunPanel();
        QSignalSpy finished(load, &LoadRunPanel::runFinished);
        const FlowTableModel *model = m_window->trafficPage()->model();
        const int rowsBefore = model->rowCount();
        load->setPlan(4, 10, 2, SimulatedClient::ConnectionPolicy::KeepAlive, true);
        QVERIFY(load->start());
        const auto namedRows = [&] {
            int named = 0;
            for (int row = rowsBefore; row < model->rowCount(); ++row)
                named += model->clientAt(row).startsWith(u"load") ? 1 : 0;
            return named;
        };
        QTRY_VERIFY_WITH_TIMEOUT(namedRows() > 0, 10000);
        QVERIFY2(load->isRunning(), "the run ended before a flow of it was named: too fast to tell");
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QVERIFY(m_simulation->slowPod(QStringLiteral("server/pipy-1"), 0));
        QVERIFY(m_simulation->slowPod(QStringLiteral("server/pipy-2"), 0));
        m_window->refreshLiveViews();
        QCOMPARE(model->rowCount(), rowsBefore + 40);
        QCOMPARE(namedRows(), 40);
    }

    void cancelStopsARun()
    {
        LoadRunPanel *load = m_window->loadRunPanel();
        QSignalSpy finished(load, &LoadRunPanel::runFinished);
        load->setPlan(40, 100'000, 4, SimulatedClient::ConnectionPolicy::NewConnectionPerRequest, false);
        QVERIFY(load->start());
        QTRY_VERIFY_WITH_TIMEOUT(load->runner()->progress().completed > 0, 10000);
        load->cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        const LoadRunner::Progress progress = load->runner()->progress();
        QVERIFY(progress.cancelled);
        QVERIFY(progress.completed < progress.total);
        QVERIFY(load->summaryText().contains(u"cancelled"));
        // The window kept its flows capped and still answers.
        m_window->refreshLiveViews();
        QVERIFY(m_window->trafficPage()->model()->rowCount() <= m_window->trafficPage()->model()->capacity());
    }
};

QTEST_MAIN(TestUiLoadRun)
#include "tst_ui_loadrun.moc"
