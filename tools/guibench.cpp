// gatewaylab-guibench: opens the main window (offscreen unless a display is asked for), loads a
// sample, runs a load through the LoadRunner at the gateway's top rate, and reports the longest
// stall of the GUI event loop (gaps between the ticks of a 1 ms timer) and how many rows per
// second the flow table absorbed through its batched updates. On a machine with fewer cores
// than busy threads a stall can be the scheduler's (the GUI thread waiting for a core) rather
// than the GUI's own work, so it also reports the CPU time the GUI thread spent in its longest
// busy spell (from waking up to going back to sleep: one turn of the event loop, or several
// when work was queued back to back, as when the flow table catches up in slices).
//
//   gatewaylab-guibench [--clients N] [--requests M] [--concurrency C] [--new-connections] [PATH]

#include "common/labthreads.h"
#include "flowpump.h"
#include "lab/simulation.h"
#include "waituntil.h"
#include "mainwindow.h"
#include "models/flowtablemodel.h"
#include "widgets/composerpanel.h"
#include "widgets/loadrunpanel.h"
#include "widgets/trafficpage.h"

#include <QAbstractEventDispatcher>
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace {

using gw::tools::waitUntil;

// Gaps between the ticks of a 1 ms timer: each gap past 1 ms is the event loop busy elsewhere.
class StallMeter
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last > 0) {
                m_gapsUs.append((now - m_last) / 1000);
                if (now - m_last > 10'000'000 && qEnvironmentVariableIsSet("GUIBENCH_TRACE"))
                    std::fprintf(stderr, "stall at %lld ms: %lld us\n", now / 1'000'000, (now - m_last) / 1000);
            }
            m_last = now;
        });
    }
    void start()
    {
        m_gapsUs.clear();
        m_last = 0;
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    QList<qint64> sortedGapsUs() const
    {
        QList<qint64> gaps = m_gapsUs;
        std::sort(gaps.begin(), gaps.end());
        return gaps;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    QList<qint64> m_gapsUs;
};

// The GUI thread's own CPU time, in microseconds.
qint64 threadCpuUs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1'000'000 + now.tv_nsec / 1000;
}

// The CPU the GUI thread used in each busy spell: between two moments it was about to block in
// poll(), everything it did (timers, posted events, painting) ran on its CPU clock, while blocking
// itself costs none. Input is still handled between the turns of one spell.
class BusyMeter
{
public:
    BusyMeter()
    {
        QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
        QObject::connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, dispatcher, [this] {
            const qint64 cpu = threadCpuUs();
            if (m_running && m_lastCpu > 0) {
                if (cpu - m_lastCpu > m_longestCpuUs) {
                    m_longestCpuUs = cpu - m_lastCpu;
                    m_longestAtMs = m_clock.elapsed();
                }
                m_totalCpuUs += cpu - m_lastCpu;
                if (cpu - m_lastCpu > 10'000 && qEnvironmentVariableIsSet("GUIBENCH_TRACE"))
                    std::fprintf(stderr, "busy spell at %lld ms: %lld us CPU\n", m_clock.elapsed(), cpu - m_lastCpu);
            }
            m_lastCpu = cpu;
        });
    }
    void start()
    {
        m_running = true;
        m_longestCpuUs = m_totalCpuUs = 0;
        m_clock.start();
    }
    void stop() { m_running = false; }
    qint64 longestCpuUs() const { return m_longestCpuUs; }
    qint64 longestAtMs() const { return m_longestAtMs; }
    qint64 totalCpuUs() const { return m_totalCpuUs; }

private:
    bool m_running = false;
    qint64 m_lastCpu = 0;
    qint64 m_longestCpuUs = 0;
    qint64 m_longestAtMs = 0;
    qint64 m_totalCpuUs = 0;
    QElapsedTimer m_clock;
};

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Qt's own event dispatcher announces each time it is about to block, which the CPU meter needs.
    qputenv("QT_NO_GLIB", "1");
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("gatewaylab-guibench"));
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption clientsOption(QStringLiteral("clients"), QStringLiteral("Clients (default 200)."), QStringLiteral("N"), QStringLiteral("200"));
    const QCommandLineOption requestsOption(QStringLiteral("requests"), QStringLiteral("Requests per client (default 500)."), QStringLiteral("M"),
                                            QStringLiteral("500"));
    const QCommandLineOption concurrencyOption(QStringLiteral("concurrency"), QStringLiteral("Clients in flight at once (default 64)."), QStringLiteral("C"),
                                               QStringLiteral("64"));
    const QCommandLineOption newConnectionsOption(QStringLiteral("new-connections"), QStringLiteral("A new connection per request."));
    parser.addOptions({clientsOption, requestsOption, concurrencyOption, newConnectionsOption});
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Manifests (default: samples/session-sticky, namespace server)."));
    parser.process(app);

    QTemporaryDir settingsDir;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());

    // As the app does: the lab's threads run behind the GUI thread.
    gw::LabThreads::yieldToCallingThread();
    gw::Simulation::Options options;
    options.defaultNamespace = QStringLiteral("server");
    options.portOffset = 3100;
    gw::Simulation simulation(options);
    gw::ui::MainWindow window(simulation);
    window.resize(1400, 900);
    window.show();
    window.showTab(gw::ui::MainWindow::TrafficTab);
    const QString path = parser.positionalArguments().value(0, QStringLiteral(GATEWAYLAB_SOURCE_DIR "/samples/session-sticky"));
    window.openPaths({path});
    if (!simulation.isServing() || simulation.listeners().isEmpty()) {
        std::fprintf(stderr, "gatewaylab-guibench: nothing is served from %s\n", qPrintable(path));
        return 2;
    }

    gw::ui::FlowTableModel *model = window.trafficPage()->model();
    qint64 rowsAbsorbed = 0;
    int batches = 0;
    QObject::connect(model, &QAbstractItemModel::rowsInserted, model, [&](const QModelIndex &, int first, int last) {
        rowsAbsorbed += last - first + 1;
        ++batches;
    });

    gw::ui::LoadRunPanel *load = window.loadRunPanel();
    const int clients = parser.value(clientsOption).toInt();
    const int requests = parser.value(requestsOption).toInt();
    const int concurrency = parser.value(concurrencyOption).toInt();
    load->setPlan(clients, requests, concurrency,
                  parser.isSet(newConnectionsOption) ? gw::SimulatedClient::ConnectionPolicy::NewConnectionPerRequest
                                                     : gw::SimulatedClient::ConnectionPolicy::KeepAlive,
                  true);

    StallMeter meter;
    BusyMeter busy;
    // Settle the first paint before measuring.
    waitUntil([] { return false; }, 300);
    meter.start();
    busy.start();
    QElapsedTimer runClock;
    runClock.start();
    if (!load->start()) {
        std::fprintf(stderr, "gatewaylab-guibench: the load run did not start\n");
        return 1;
    }
    const bool finished = waitUntil([&] { return !load->isRunning(); }, 600'000);
    const qint64 runMs = runClock.elapsed();
    // The flows still in the log reach the table with the next pump ticks.
    const quint64 lastId = simulation.flowLog().lastId();
    waitUntil([&] { return window.flowPump()->lastId() >= lastId; }, 10'000);
    const qint64 drainedMs = runClock.elapsed();
    waitUntil([] { return false; }, 500);   // the run's end: jars to Sessions, ports to the directory
    meter.stop();
    busy.stop();

    const gw::LoadRunner::Progress progress = load->runner()->progress();
    const QList<qint64> gaps = meter.sortedGapsUs();
    const auto percentile = [&gaps](double p) { return gaps.isEmpty() ? 0 : gaps.at(qMin(gaps.size() - 1, qsizetype(p / 100.0 * double(gaps.size())))); };
    QTextStream out(stdout);
    out << "gatewaylab-guibench: " << clients << " clients x " << requests << " requests, " << concurrency << " in flight, "
        << (parser.isSet(newConnectionsOption) ? "new connection per request" : "keep-alive") << (finished ? "" : " (did not finish in time)") << '\n';
    out << "  load run:        " << progress.completed << " requests in " << progress.elapsedMs << " ms = "
        << qRound64(double(progress.completed) * 1000.0 / double(qMax<qint64>(1, progress.elapsedMs))) << " req/s, " << progress.failed
        << " without response\n";
    out << "  flow table:      " << rowsAbsorbed << " rows absorbed in " << batches << " batches over " << drainedMs << " ms = "
        << qRound64(double(rowsAbsorbed) * 1000.0 / double(qMax<qint64>(1, drainedMs))) << " rows/s; " << model->rowCount() << " kept (cap "
        << model->capacity() << "), " << model->droppedCount() << " oldest dropped\n";
    out << "  GUI event loop:  longest stall " << QString::number(gaps.isEmpty() ? 0 : gaps.constLast() / 1000.0, 'f', 1) << " ms, p99 "
        << QString::number(percentile(99) / 1000.0, 'f', 1) << " ms, p50 " << QString::number(percentile(50) / 1000.0, 'f', 1) << " ms over "
        << gaps.size() << " ticks; " << std::count_if(gaps.cbegin(), gaps.cend(), [](qint64 us) { return us > 50'000; }) << " stalls over 50 ms\n";
    out << "  GUI thread work: longest busy spell used " << QString::number(busy.longestCpuUs() / 1000.0, 'f', 1) << " ms of CPU (at "
        << busy.longestAtMs() << " ms); " << QString::number(busy.totalCpuUs() / 1000.0, 'f', 0) << " ms of CPU in all over " << drainedMs << " ms\n";
    out << "  verdict:         " << (gaps.isEmpty() || gaps.constLast() < 50'000 ? "PASS" : "FAIL") << " (longest stall < 50 ms); the run took "
        << runMs << " ms on the wall clock\n";
    out.flush();
    return gaps.isEmpty() || gaps.constLast() < 50'000 ? 0 : 1;
}
