#include "loadrunpanel.h"

#include "clientdirectory.h"
#include "common/labthreads.h"
#include "lab/simulation.h"
#include "livelabel.h"
#include "models/flowtablemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace gw::ui {

LoadRunPanel::LoadRunPanel(Simulation &simulation, ClientDirectory &directory, RequestProvider requestProvider, QWidget *parent)
    : QWidget(parent)
    , m_simulation(simulation)
    , m_directory(directory)
    , m_requestProvider(std::move(requestProvider))
    , m_runner(new LoadRunner(simulation.clock()))
    , m_clients(new QSpinBox(this))
    , m_requests(new QSpinBox(this))
    , m_concurrency(new QSpinBox(this))
    , m_policy(new QComboBox(this))
    , m_jars(new QCheckBox(tr("Each client keeps its cookies"), this))
    , m_start(new QPushButton(tr("Start run"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_progress(new QProgressBar(this))
    , m_done(new LiveLabel(QStringLiteral("99,999,999 of 99,999,999 (100 %)"), this))
    , m_failed(new LiveLabel(QStringLiteral("99,999,999"), this))
    , m_rate(new LiveLabel(QStringLiteral("999,999 req/s"), this))
    , m_elapsed(new LiveLabel(QStringLiteral("99,999.9 s (cancelled)"), this))
    , m_summary(new QLabel(this))
{
    m_clients->setRange(1, 100'000);
    m_clients->setValue(20);
    m_requests->setRange(1, 1'000'000);
    m_requests->setValue(50);
    m_concurrency->setRange(1, 2'000);
    m_concurrency->setValue(10);
    m_policy->addItem(tr("Keep-alive"), int(SimulatedClient::ConnectionPolicy::KeepAlive));
    m_policy->addItem(tr("New connection per request"), int(SimulatedClient::ConnectionPolicy::NewConnectionPerRequest));
    m_jars->setChecked(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Clients"), m_clients);
    form->addRow(tr("Requests per client"), m_requests);
    form->addRow(tr("In flight at once"), m_concurrency);
    form->addRow(tr("Connections"), m_policy);
    form->addRow(QString(), m_jars);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_cancel);
    buttons->addStretch();
    m_cancel->setEnabled(false);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    auto *intro = new QLabel(tr("Sends the composer's request (method, listener, path, headers, body) from fresh clients."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    // Read a few times a second while the run goes: fixed-size labels, so only they repaint.
    auto *counts = new QFormLayout;
    counts->addRow(tr("Done"), m_done);
    counts->addRow(tr("No response"), m_failed);
    counts->addRow(tr("Rate"), m_rate);
    counts->addRow(tr("Elapsed"), m_elapsed);
    layout->addLayout(counts);
    layout->addWidget(m_summary);
    layout->addStretch();
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_controlThread.setObjectName(QStringLiteral("load-control"));
    m_runner->moveToThread(&m_controlThread);
    LabThreads::start(m_controlThread);

    connect(m_start, &QPushButton::clicked, this, &LoadRunPanel::start);
    connect(m_cancel, &QPushButton::clicked, this, &LoadRunPanel::cancel);
    // Runs on the control thread (the runner's), right after the runner's own end-of-run work.
    connect(m_runner, &LoadRunner::finished, m_runner, [this] { collectOnControlThread(); });
    // Progress is read from the runner's counters a few times a second, never pushed per request.
    m_progressTimer.setTimerType(Qt::CoarseTimer);
    m_progressTimer.setInterval(200);
    connect(&m_progressTimer, &QTimer::timeout, this, &LoadRunPanel::updateProgress);
}

LoadRunPanel::~LoadRunPanel()
{
    LoadRunner *runner = m_runner;
    // The runner cancels and joins its workers in its destructor, on its own thread.
    QMetaObject::invokeMethod(runner, [runner] { delete runner; }, Qt::BlockingQueuedConnection);
    m_controlThread.quit();
    m_controlThread.wait();
}

void LoadRunPanel::setPlan(int clients, int requestsPerClient, int concurrency, SimulatedClient::ConnectionPolicy policy, bool useCookieJars)
{
    m_clients->setValue(clients);
    m_requests->setValue(requestsPerClient);
    m_concurrency->setValue(concurrency);
    m_policy->setCurrentIndex(m_policy->findData(int(policy)));
    m_jars->setChecked(useCookieJars);
}

bool LoadRunPanel::isRunning() const
{
    return m_runner->isRunning();
}

bool LoadRunPanel::start()
{
    if (m_runner->isRunning())
        return false;
    LoadRunner::Plan plan;
    plan.request = m_requestProvider();
    if (plan.request.connectHost.isEmpty() || plan.request.connectPort == 0) {
        m_summary->setText(tr("No listener is served: load manifests with a Gateway first."));
        return false;
    }
    plan.clients = m_clients->value();
    plan.requestsPerClient = m_requests->value();
    plan.concurrency = m_concurrency->value();
    plan.connectionPolicy = SimulatedClient::ConnectionPolicy(m_policy->currentData().toInt());
    plan.useCookieJars = m_jars->isChecked();
    plan.keepCookieJars = plan.useCookieJars;
    // Each run names its clients apart, so flows of different runs are told apart in Traffic.
    m_prefix = tr("load%1-").arg(m_runNumber + 1);
    plan.clientNamePrefix = m_prefix;
    // Traffic names a flow's client from the directory: fill it while the run goes on.
    plan.connectionOpened = [directory = &m_directory, prefix = m_prefix](int clientIndex, quint16 localPort, qint64 startedAtMs) {
        directory->record(localPort, prefix + QString::number(clientIndex + 1), startedAtMs);
    };
    m_before = m_simulation.flowLog().statistics();
    bool started = false;
    LoadRunner *runner = m_runner;
    QMetaObject::invokeMethod(runner, [runner, plan, &started] { started = runner->start(plan); }, Qt::BlockingQueuedConnection);
    if (!started) {
        m_summary->setText(tr("The run could not start."));
        return false;
    }
    ++m_runNumber;
    m_progress->setRange(0, int(qMin<qint64>(qint64(plan.clients) * plan.requestsPerClient, INT_MAX)));
    m_progress->setValue(0);
    m_start->setEnabled(false);
    m_cancel->setEnabled(true);
    m_summary->clear();
    m_progressTimer.start();
    updateProgress();
    Q_EMIT runStarted();
    return true;
}

void LoadRunPanel::cancel()
{
    LoadRunner *runner = m_runner;
    QMetaObject::invokeMethod(runner, [runner] { runner->cancel(); });
}

void LoadRunPanel::updateProgress()
{
    const LoadRunner::Progress progress = m_runner->progress();
    m_progress->setValue(int(qMin<qint64>(progress.completed, INT_MAX)));
    const double seconds = double(progress.elapsedMs) / 1000.0;
    const double rate = seconds > 0 ? double(progress.completed) / seconds : 0.0;
    const QLocale locale;
    m_done->setText(tr("%1 of %2 (%3 %)")
                        .arg(locale.toString(progress.completed), locale.toString(progress.total))
                        .arg(progress.total > 0 ? 100 * progress.completed / progress.total : 0));
    m_failed->setText(locale.toString(progress.failed));
    m_rate->setText(tr("%1 req/s").arg(locale.toString(qRound64(rate))));
    m_elapsed->setText(tr("%1 s%2").arg(locale.toString(seconds, 'f', 1), progress.cancelled ? tr(" (cancelled)") : QString()));
}

void LoadRunPanel::collectOnControlThread()
{
    // A run can hold thousands of jars: everything proportional to them is done here, off the GUI
    // thread. (The clients' ports reached the directory during the run: Plan::connectionOpened.)
    const QList<CookieJar> jars = m_runner->cookieJars();
    QList<SessionTableModel::Holder> holders;
    for (qsizetype i = 0; i < jars.size(); ++i) {
        for (const CookieJar::Cookie &cookie : jars.at(i).cookies())
            holders.append({m_prefix + QString::number(i + 1), cookie.name, cookie.value, cookie.expiresAtMs});
    }
    QMetaObject::invokeMethod(this, [this, holders] { onFinished(holders); }, Qt::QueuedConnection);
}

void LoadRunPanel::onFinished(const QList<SessionTableModel::Holder> &holders)
{
    m_progressTimer.stop();
    updateProgress();
    m_start->setEnabled(true);
    m_cancel->setEnabled(false);

    // Requests per pod during the run: the flow log's totals now, less those before.
    const FlowStatistics after = m_simulation.flowLog().statistics();
    QMap<QString, qint64> perPod;
    for (auto it = after.backends.cbegin(); it != after.backends.cend(); ++it) {
        const qint64 delta = it->requests - m_before.backends.value(it.key()).requests;
        if (delta > 0)
            perPod[FlowTableModel::podName(it->podKey.isEmpty() ? it.key() : it->podKey)] += delta;
    }
    QStringList parts;
    for (auto it = perPod.cbegin(); it != perPod.cend(); ++it)
        parts << tr("%1: %2").arg(it.key()).arg(it.value());
    const qint64 honoured = after.stickyHonoured - m_before.stickyHonoured;
    const qint64 repinned = after.stickyRepinned - m_before.stickyRepinned;
    const qint64 issued = after.stickyIssued - m_before.stickyIssued;
    m_summary->setText(tr("Run %1 %2. Per pod: %3. Sticky: %4 new cookies, %5 honoured, %6 re-pinned.")
                           .arg(m_runNumber)
                           .arg(m_runner->progress().cancelled ? tr("cancelled") : tr("finished"))
                           .arg(parts.isEmpty() ? tr("none") : parts.join(QStringLiteral(", ")))
                           .arg(issued)
                           .arg(honoured)
                           .arg(repinned));
    m_holders = holders;
    Q_EMIT runFinished();
    Q_EMIT clientsRegistered();
}

QString LoadRunPanel::summaryText() const
{
    return m_summary->text();
}

} // namespace gw::ui
