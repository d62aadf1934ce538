#include "mainwindow.h"

#include "clientpool.h"
#include "curlcommand.h"
#include "flowpump.h"
#include "lab/simulation.h"
#include "models/flowtablemodel.h"
#include "models/resourcetreemodel.h"
#include "report/harwriter.h"
#include "report/htmlreportwriter.h"
#include "report/jsonreportwriter.h"
#include "samplecatalog.h"
#include "sessionreportbuilder.h"
#include "widgets/composerpanel.h"
#include "widgets/flowinspector.h"
#include "widgets/inlinemessage.h"
#include "widgets/livelabel.h"
#include "widgets/loadrunpanel.h"
#include "widgets/manifestspage.h"
#include "widgets/sessionspage.h"
#include "widgets/topologyview.h"
#include "widgets/trafficpage.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace gw::ui {

MainWindow::MainWindow(Simulation &simulation, QWidget *parent)
    : QMainWindow(parent)
    , m_simulation(simulation)
    , m_pump(new FlowPump(simulation.flowLog(), this))
    , m_resources(new ResourceTreeModel(this))
    , m_tree(new QTreeView(this))
    , m_tabs(new QTabWidget(this))
    , m_manifests(new ManifestsPage(simulation, this))
    , m_topology(new TopologyView(simulation, this))
    , m_traffic(new TrafficPage(this))
    , m_sessions(new SessionsPage(simulation, this))
    , m_namespace(new QComboBox(this))
    , m_listenerBox(new QWidget(this))
    , m_rate(new LiveLabel(QStringLiteral("99999.9 req/s"), this))
    , m_flowCount(new LiveLabel(QStringLiteral("99999999 flows"), this))
{
    setWindowTitle(tr("Gateway Lab"));
    setAcceptDrops(true);
    resize(1360, 860);

    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_manifests, tr("Manifests"));
    auto *topologyPage = new QWidget(this);
    auto *topologyLayout = new QVBoxLayout(topologyPage);
    topologyLayout->setContentsMargins(4, 4, 4, 4);
    auto *topologyBar = new QToolBar(topologyPage);
    topologyBar->addAction(tr("Fit"), m_topology, &TopologyView::zoomToFit);
    topologyBar->addWidget(new QLabel(tr("  Right-click a pod to stop, crash, restart or slow it.  "
                                         "<span style='color:#2e7d32'>■</span> running  "
                                         "<span style='color:#f9a825'>■</span> slowed  "
                                         "<span style='color:#9e9e9e'>■</span> stopped  "
                                         "<span style='color:#c62828'>■</span> crashed"),
                                      topologyBar));
    topologyLayout->addWidget(topologyBar);
    topologyLayout->addWidget(m_topology, 1);
    m_tabs->addTab(topologyPage, tr("Topology"));
    m_tabs->addTab(m_traffic, tr("Traffic"));
    m_tabs->addTab(m_sessions, tr("Sessions"));
    setCentralWidget(m_tabs);

    m_tree->setModel(m_resources);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->setToolTip(tr("Double-click an object to open its manifest at its line"));
    auto *resourcesDock = new QDockWidget(tr("Resources"), this);
    resourcesDock->setObjectName(QStringLiteral("resourcesDock"));
    resourcesDock->setWidget(m_tree);
    addDockWidget(Qt::LeftDockWidgetArea, resourcesDock);
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const QString file = index.data(ResourceTreeModel::SourceFileRole).toString();
        if (file.isEmpty())
            return;
        showTab(ManifestsTab);
        m_manifests->openAt(file, index.data(ResourceTreeModel::SourceLineRole).toInt());
    });

    m_traffic->model()->setClientResolver(
        [this](quint16 port, qint64 startedAtMs) { return m_clientDirectory.clientFor(port, startedAtMs); });
    connect(m_pump, &FlowPump::recordsArrived, m_traffic, &TrafficPage::appendRecords);
    connect(m_traffic, &TrafficPage::statusMessage, this, [this](const QString &message) { statusBar()->showMessage(message, 5000); });
    connect(m_manifests, &ManifestsPage::pathsChanged, this, &MainWindow::loadPaths);
    connect(m_sessions, &SessionsPage::clockChanged, this, &MainWindow::updateLiveStatus);

    createClientDocks();
    createMenus();

    auto *listenerLayout = new QHBoxLayout(m_listenerBox);
    listenerLayout->setContentsMargins(0, 0, 0, 0);
    listenerLayout->setSpacing(2);
    statusBar()->addWidget(m_listenerBox, 1);
    m_rate->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_flowCount->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_rate->setToolTip(tr("Requests the gateway answered per second, over the last half second"));
    m_flowCount->setToolTip(tr("Exchanges recorded since the lab started"));
    statusBar()->addPermanentWidget(m_rate);
    statusBar()->addPermanentWidget(m_flowCount);

    // One coarse timer drives every live view: statistics are read once per tick for all of them.
    m_liveTimer.setTimerType(Qt::CoarseTimer);
    m_liveTimer.setInterval(500);
    connect(&m_liveTimer, &QTimer::timeout, this, &MainWindow::updateLiveStatus);
    m_liveTimer.start();

    connect(&m_simulation, &Simulation::configurationChanged, this, &MainWindow::refresh);
    m_namespace->setCurrentText(m_simulation.options().defaultNamespace);
    refresh();
    updateLiveStatus();
    restoreGeometry(m_settings.windowGeometry());
    m_layoutRestored = restoreState(m_settings.windowState());
    m_traffic->table()->horizontalHeader()->restoreState(m_settings.trafficHeaderState());
}

MainWindow::~MainWindow()
{
    // The clients and a load run's port registration write into m_clientDirectory: they end before it.
    delete m_loadPanel;
    delete m_clientPool;
}

void MainWindow::createClientDocks()
{
    m_clientPool = new ClientPool(m_simulation.clock(), m_clientDirectory, this);
    // Ready to compare at once: three browsers with cookie jars, and curl, which keeps no cookie
    // and opens a new connection for every request, as in the tutorial.
    m_clientPool->addClient({QStringLiteral("alice"), SimulatedClient::ConnectionPolicy::KeepAlive, true});
    m_clientPool->addClient({QStringLiteral("bob"), SimulatedClient::ConnectionPolicy::KeepAlive, true});
    m_clientPool->addClient({QStringLiteral("carol"), SimulatedClient::ConnectionPolicy::KeepAlive, true});
    m_clientPool->addClient({QStringLiteral("curl"), SimulatedClient::ConnectionPolicy::NewConnectionPerRequest, false});
    m_composer = new ComposerPanel(m_simulation, *m_clientPool, this);
    m_loadPanel = new LoadRunPanel(m_simulation, m_clientDirectory, [this] { return m_composer->currentRequest(); }, this);

    auto *composerDock = new QDockWidget(tr("Request composer"), this);
    composerDock->setObjectName(QStringLiteral("composerDock"));
    composerDock->setWidget(m_composer);
    addDockWidget(Qt::RightDockWidgetArea, composerDock);
    auto *loadDock = new QDockWidget(tr("Load run"), this);
    loadDock->setObjectName(QStringLiteral("loadDock"));
    loadDock->setWidget(m_loadPanel);
    addDockWidget(Qt::RightDockWidgetArea, loadDock);
    tabifyDockWidget(composerDock, loadDock);
    composerDock->raise();

    connect(m_clientPool, &ClientPool::resultReady, this, &MainWindow::onClientResult);
    connect(m_pump, &FlowPump::recordsArrived, this, [this] {
        if (m_pendingSelection)
            selectPendingFlow();
    });
    connect(m_loadPanel, &LoadRunPanel::clientsRegistered, this, [this] { m_traffic->model()->resolveClients(); });
    connect(m_loadPanel, &LoadRunPanel::runFinished, this, &MainWindow::refreshLiveViews);
    m_sessions->setHolderProvider([this] { return sessionHolders(); });
    m_traffic->setReplayHandler([this](const FlowRecord &record, const QString &clientName) { replay(record, clientName); });
}

QList<SessionTableModel::Holder> MainWindow::sessionHolders() const
{
    QList<SessionTableModel::Holder> holders = m_loadPanel->holders();
    for (const QString &name : m_clientPool->names()) {
        const CookieJar *jar = m_clientPool->cookieJar(name);
        for (const CookieJar::Cookie &cookie : jar->cookies())
            holders.append({name, cookie.name, cookie.value, cookie.expiresAtMs});
    }
    return holders;
}

void MainWindow::onClientResult(quint64, const ClientResult &result)
{
    // The gateway may have logged the flow before or after the client read its answer: look now,
    // and again as batches come in, for a little while.
    m_pendingSelection = PendingSelection{result.localPort, result.startedAtMs, result.requestOnConnection,
                                          QDateTime::currentMSecsSinceEpoch() + 3000};
    m_pump->pullNow();
    m_traffic->model()->resolveClients(2000);
    if (m_pendingSelection)
        selectPendingFlow();
    if (m_tabs->currentIndex() == ManifestsTab)
        showTab(TrafficTab);
    updateLiveStatus();
}

bool MainWindow::selectPendingFlow()
{
    if (!m_pendingSelection)
        return false;
    const PendingSelection pending = *m_pendingSelection;
    const FlowTableModel *model = m_traffic->model();
    const int last = model->rowCount() - 1;
    for (int row = last; row >= 0 && row > last - 5000; --row) {
        const FlowRecord *record = model->recordAt(row);
        if (record->clientPort != pending.port || record->startedAtMs < pending.startedAtMs)
            continue;
        if (pending.requestOnConnection > 0 && record->requestOnConnection != pending.requestOnConnection)
            continue;
        m_pendingSelection.reset();
        m_lastSelectedFlow = record->id;
        m_traffic->selectFlow(record->id);
        return true;
    }
    if (QDateTime::currentMSecsSinceEpoch() > pending.deadlineMs)
        m_pendingSelection.reset();
    return false;
}

void MainWindow::replay(const FlowRecord &record, const QString &clientName)
{
    // From the same simulated client when there is one (its jar supplies today's cookies), else
    // from the composer's current client with the recorded Cookie header, as curl -b would.
    const QString sender = m_clientPool->contains(clientName) ? clientName : m_composer->currentClient();
    if (sender.isEmpty())
        return;
    const bool jarSupplies = m_clientPool->contains(clientName) && m_clientPool->client(clientName).usesCookieJar;
    ClientRequest request;
    request.connectHost = record.gatewayAddress;
    request.connectPort = record.gatewayPort;
    request.method = record.method;
    request.target = record.target;
    request.hostHeader = record.host;
    for (const HttpHeaders::Field &field : record.requestHeaders.fields()) {
        const QByteArray name = field.name.toLower();
        if (name == "host" || name == "content-length" || name == "connection" || name == "transfer-encoding" || (jarSupplies && name == "cookie"))
            continue;
        request.headers.append(field.name, field.value);
    }
    request.body = record.requestBody;
    m_clientPool->send(sender, request);
    statusBar()->showMessage(tr("Replaying #%1 from %2").arg(record.id).arg(sender), 4000);
}

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *open = fileMenu->addAction(style()->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open Files…"), this, &MainWindow::openFilesDialog);
    open->setShortcut(QKeySequence::Open);
    fileMenu->addAction(style()->standardIcon(QStyle::SP_DirOpenIcon), tr("Open &Folder…"), this, &MainWindow::openFolderDialog)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    fileMenu->addAction(tr("&Add Files…"), this, &MainWindow::addFilesDialog)->setToolTip(tr("Add files to what is loaded, as kubectl apply would"));
    m_recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    fileMenu->addSeparator();
    QMenu *exportMenu = fileMenu->addMenu(tr("&Export"));
    exportMenu->addAction(tr("HTML report…"), this, [this] { exportDialog(ExportFormat::Html); })
        ->setToolTip(tr("One self-contained page: configuration, flows, pods, sessions, charts and diagnostics"));
    exportMenu->addAction(tr("Traffic as HAR 1.2…"), this, [this] { exportDialog(ExportFormat::Har); })
        ->setToolTip(tr("Every flow, with route, pod and sticky decision in _-prefixed fields"));
    exportMenu->addAction(tr("JSON…"), this, [this] { exportDialog(ExportFormat::Json); });
    fileMenu->addSeparator();
    QAction *reloadAction = fileMenu->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Reload"), this, &MainWindow::reload);
    reloadAction->setShortcut(QKeySequence::Refresh);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *samplesMenu = menuBar()->addMenu(tr("&Samples"));
    const QList<SampleCatalog::Sample> samples = SampleCatalog::samples();
    if (samples.isEmpty())
        samplesMenu->addAction(tr("(no samples folder found)"))->setEnabled(false);
    for (const SampleCatalog::Sample &sample : samples) {
        QAction *action = samplesMenu->addAction(sample.title + QStringLiteral("  (") + sample.name + u')', this, [this, sample] {
            if (!sample.defaultNamespace.isEmpty())
                setNamespace(sample.defaultNamespace);
            openPaths({sample.path});
        });
        action->setToolTip(sample.path + (sample.defaultNamespace.isEmpty() ? QString() : tr(" (namespace %1)").arg(sample.defaultNamespace)));
    }

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    const QList<QPair<QString, Tab>> tabs{{tr("&Manifests"), ManifestsTab}, {tr("&Topology"), TopologyTab}, {tr("T&raffic"), TrafficTab},
                                          {tr("&Sessions"), SessionsTab}};
    for (int i = 0; i < tabs.size(); ++i) {
        QAction *action = viewMenu->addAction(tabs.at(i).first, this, [this, tab = tabs.at(i).second] { showTab(tab); });
        action->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)));
    }
    viewMenu->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        viewMenu->addAction(dock->toggleViewAction());

    auto *toolbar = addToolBar(tr("Lab"));
    toolbar->setObjectName(QStringLiteral("labToolbar"));
    toolbar->setIconSize(QSize(16, 16));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(open);
    toolbar->addAction(reloadAction);
    toolbar->addSeparator();
    toolbar->addWidget(new QLabel(tr(" Namespace (-n): "), toolbar));
    m_namespace->setEditable(true);
    m_namespace->setMinimumWidth(140);
    m_namespace->setToolTip(tr("The namespace of objects that name none, as kubectl apply -n; changing it reloads"));
    toolbar->addWidget(m_namespace);
    connect(m_namespace->lineEdit(), &QLineEdit::editingFinished, this, [this] { setNamespace(m_namespace->currentText().trimmed()); });
    connect(m_namespace, &QComboBox::activated, this, [this](int index) { setNamespace(m_namespace->itemText(index)); });
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList entries = m_settings.recentEntries();
    for (const QString &entry : entries) {
        const QStringList paths = AppSettings::pathsOfEntry(entry);
        QString label = paths.size() == 1 ? paths.constFirst() : tr("%1 and %n more", "", int(paths.size() - 1)).arg(paths.constFirst());
        m_recentMenu->addAction(label, this, [this, paths] { openPaths(paths); })->setToolTip(paths.join(u'\n'));
    }
    if (entries.isEmpty())
        m_recentMenu->addAction(tr("(none yet)"))->setEnabled(false);
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("Clear"), this, [this] {
        m_settings.clearRecentEntries();
        rebuildRecentMenu();
    });
}

RunReport MainWindow::sessionReport(qsizetype maxExchangesPerClient)
{
    refreshLiveViews();
    SessionReportBuilder::Input input;
    input.flows = m_simulation.flowLog().allRecords();
    input.clientName = [this](const FlowRecord &record) { return m_clientDirectory.clientFor(record.clientPort, record.startedAtMs); };
    input.loadedPaths = m_openedPaths;
    input.maxExchangesPerClient = maxExchangesPerClient;
    return SessionReportBuilder::build(m_simulation, input);
}

bool MainWindow::exportTo(ExportFormat format, const QString &path, QString *error)
{
    QString message;
    bool ok = false;
    switch (format) {
    case ExportFormat::Html:
        // A page lists every exchange in full: a long session keeps each client's newest 500.
        ok = HtmlReportWriter::write(sessionReport(500), path, &message);
        break;
    case ExportFormat::Har: ok = HarWriter::write(sessionReport(), path, &message); break;
    case ExportFormat::Json: ok = JsonReportWriter::write(sessionReport(), path, &message); break;
    }
    if (error)
        *error = message;
    return ok;
}

void MainWindow::exportDialog(ExportFormat format)
{
    const QString suffix = format == ExportFormat::Html ? QStringLiteral("html") : format == ExportFormat::Har ? QStringLiteral("har") : QStringLiteral("json");
    const QString filter = format == ExportFormat::Html ? tr("HTML report (*.html)") : format == ExportFormat::Har ? tr("HAR 1.2 (*.har)") : tr("JSON (*.json)");
    QString path = QFileDialog::getSaveFileName(this, tr("Export"), QStringLiteral("gatewaylab-session.") + suffix, filter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += u'.' + suffix;
    QString error;
    if (!exportTo(format, path, &error)) {
        QMessageBox::warning(this, tr("Export failed"), tr("Could not write %1: %2").arg(path, error));
        return;
    }
    statusBar()->showMessage(tr("Exported %1").arg(path), 6000);
}

void MainWindow::openFilesDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Open manifests"), QString(), tr("Manifests (*.yaml *.yml *.json)"));
    if (!files.isEmpty())
        openPaths(files);
}

void MainWindow::openFolderDialog()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open a folder of manifests"));
    if (!folder.isEmpty())
        openPaths({folder});
}

void MainWindow::addFilesDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Add manifests"), QString(), tr("Manifests (*.yaml *.yml *.json)"));
    if (!files.isEmpty())
        addPaths(files);
}

void MainWindow::loadPaths(const QStringList &paths)
{
    m_openedPaths = paths;
    m_simulation.load(paths, {});
    m_bindErrors.clear();
    if (!m_simulation.isServing())
        m_bindErrors = m_simulation.start();
    refresh();
    if (!m_bindErrors.isEmpty())
        m_manifests->message()->showMessage(InlineMessage::Kind::Error, m_bindErrors.join(u'\n'));
}

void MainWindow::openPaths(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    QStringList absolute;
    for (const QString &path : paths)
        absolute << QFileInfo(path).absoluteFilePath();
    // Opening another set replaces the editors: their unsaved text is saved or dropped first, by the user.
    if (!m_manifests->maybeSave())
        return;
    for (const QString &path : m_manifests->modifiedFiles())
        m_manifests->revert(path);
    loadPaths(absolute);
    m_settings.addRecentEntry(absolute);
    rebuildRecentMenu();
    if (hasErrors(m_simulation.diagnostics()))
        showTab(ManifestsTab);
}

void MainWindow::addPaths(const QStringList &paths)
{
    QStringList combined = m_openedPaths;
    for (const QString &path : paths) {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        if (!combined.contains(absolute))
            combined << absolute;
    }
    loadPaths(combined);
    m_settings.addRecentEntry(combined);
    rebuildRecentMenu();
}

void MainWindow::reload()
{
    if (!m_openedPaths.isEmpty())
        loadPaths(m_openedPaths);
}

void MainWindow::setNamespace(const QString &namespaceName)
{
    if (namespaceName.isEmpty() || namespaceName == m_simulation.options().defaultNamespace)
        return;
    m_simulation.setDefaultNamespace(namespaceName);
    m_settings.setLastNamespace(namespaceName);
    if (m_namespace->currentText() != namespaceName)
        m_namespace->setCurrentText(namespaceName);
    reload();
}

QString MainWindow::namespaceName() const
{
    return m_simulation.options().defaultNamespace;
}

void MainWindow::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(int(tab));
}

QListWidget *MainWindow::diagnosticsList() const
{
    return m_manifests->diagnosticsList();
}

void MainWindow::refresh()
{
    const Cluster &cluster = m_simulation.cluster();
    QHash<QString, ResourceTreeModel::ObjectStatus> runtime;
    for (const ClusterPod &pod : cluster.pods()) {
        ResourceTreeModel::ObjectStatus status;
        status.text = ClusterPod::stateName(pod.state) + u' ' + pod.ip;
        if (pod.state == ClusterPod::State::Crashed)
            status.status = ResourceTreeModel::Status::Error;
        else if (pod.state == ClusterPod::State::Stopped)
            status.status = ResourceTreeModel::Status::Warning;
        else if (pod.delayMs > 0)
            status.text += tr(" slowed +%1 ms").arg(pod.delayMs);
        runtime.insert(ResourceTreeModel::objectStatusKey(QStringLiteral("Pod"), pod.key()), status);
    }
    // What the controller wrote in status: a condition that says something is wrong marks the
    // object as a warning, and its first such condition is shown.
    for (const ObjectStatus &object : m_simulation.statuses()) {
        QList<ObjectStatus::Condition> conditions = object.conditions;
        for (const ObjectStatus::Listener &listener : object.listeners)
            conditions += listener.conditions;
        for (const ObjectStatus::Parent &parent : object.parents)
            conditions += parent.conditions;
        for (const ObjectStatus::Condition &condition : std::as_const(conditions)) {
            // These say a problem when True; every other standard condition says one when False.
            static const QStringList negative{QStringLiteral("Conflicted"), QStringLiteral("Detached"), QStringLiteral("OverlappingTLSConfig")};
            if (condition.isTrue() != negative.contains(condition.type))
                continue;
            auto &status = runtime[ResourceTreeModel::objectStatusKey(object.kind, object.key())];
            status.status = qMax(status.status, ResourceTreeModel::Status::Warning);
            status.text += (status.text.isEmpty() ? QString() : QStringLiteral(", ")) + condition.type + u'=' + condition.status + u" (" + condition.reason + u')';
            break;
        }
    }
    for (const Simulation::ListenerAddress &listener : m_simulation.listeners()) {
        auto &status = runtime[ResourceTreeModel::objectStatusKey(QStringLiteral("Gateway"), listener.gatewayKey)];
        status.text += (status.text.isEmpty() ? QString() : QStringLiteral(", ")) + listener.url;
    }
    m_resources->rebuild(cluster.manifests(), m_simulation.diagnostics(), runtime);
    m_tree->expandAll();

    const QStringList namespaces = cluster.namespaces();
    const QString current = m_simulation.options().defaultNamespace;
    const QSignalBlocker blocker(m_namespace);
    m_namespace->clear();
    m_namespace->addItems(namespaces.contains(current) ? namespaces : QStringList(namespaces) << current);
    m_namespace->setCurrentText(current);

    updateListeners();
    const QStringList paths = m_openedPaths;
    QStringList names;
    for (const QString &path : paths)
        names << QFileInfo(path).fileName();
    setWindowTitle(paths.isEmpty() ? tr("Gateway Lab") : tr("%1 — Gateway Lab").arg(names.join(QStringLiteral(", "))));
}

void MainWindow::updateListeners()
{
    qDeleteAll(m_listenerButtons);
    m_listenerButtons.clear();
    const QList<Simulation::ListenerAddress> listeners = m_simulation.listeners();
    auto *layout = static_cast<QHBoxLayout *>(m_listenerBox->layout());
    for (const Simulation::ListenerAddress &listener : listeners) {
        auto *button = new QToolButton(m_listenerBox);
        button->setAutoRaise(true);
        button->setText(listener.gatewayKey.section(u'/', -1) + u'/' + listener.listenerName + u"  " + listener.url);
        const QString curl = CurlCommand::forUrl(listener.url);
        button->setToolTip(tr("Gateway %1, listener %2.\nClick to copy: %3").arg(listener.gatewayKey, listener.listenerName, curl));
        button->setProperty("curl", curl);
        connect(button, &QToolButton::clicked, this, [this, curl] {
            QApplication::clipboard()->setText(curl);
            statusBar()->showMessage(tr("Copied: %1").arg(curl), 5000);
        });
        layout->addWidget(button);
        m_listenerButtons << button;
    }
    if (listeners.isEmpty()) {
        auto *label = new QToolButton(m_listenerBox);
        label->setAutoRaise(true);
        label->setEnabled(false);
        label->setText(m_simulation.loadedPaths().isEmpty() ? tr("Nothing loaded — File ▸ Open, Samples, or drop YAML here") : tr("No listener served"));
        layout->addWidget(label);
        m_listenerButtons << label;
    }
}

void MainWindow::refreshLiveViews()
{
    m_pump->pullNow();
    updateLiveStatus();
}

void MainWindow::updateLiveStatus()
{
    const FlowStatistics statistics = m_simulation.flowLog().statistics();
    m_topology->updateCounts(statistics);
    m_sessions->refresh(statistics);

    const quint64 lastId = m_simulation.flowLog().lastId();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    if (m_rateLastMs > 0 && nowMs > m_rateLastMs) {
        const double rate = double(lastId - m_rateLastId) * 1000.0 / double(nowMs - m_rateLastMs);
        m_rate->setText(tr("%1 req/s").arg(rate, 0, 'f', rate < 10 ? 1 : 0));
    } else {
        m_rate->setText(tr("0 req/s"));
    }
    m_rateLastId = lastId;
    m_rateLastMs = nowMs;
    m_flowCount->setText(tr("%n flow(s)", "", int(qMin<quint64>(lastId, INT_MAX))));
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_layoutRestored)
        return;
    // First run: docks narrow enough that the tabs get most of the width (docks only know their
    // size once the window has one).
    m_layoutRestored = true;
    QList<QDockWidget *> docks;
    QList<int> widths;
    for (QDockWidget *dock : findChildren<QDockWidget *>()) {
        if (dock->objectName() == u"resourcesDock" || dock->objectName() == u"composerDock") {
            docks << dock;
            widths << (dock->objectName() == u"resourcesDock" ? 250 : 390);
        }
    }
    resizeDocks(docks, widths, Qt::Horizontal);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_manifests->maybeSave()) {
        event->ignore();
        return;
    }
    m_settings.setWindowLayout(saveGeometry(), saveState());
    m_settings.setTrafficHeaderState(m_traffic->table()->horizontalHeader()->saveState());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls()) {
        if (url.isLocalFile())
            paths << url.toLocalFile();
    }
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    // Dropping onto a running lab adds to it, as kubectl apply -f would; onto an empty one, opens.
    if (m_openedPaths.isEmpty())
        openPaths(paths);
    else
        addPaths(paths);
}

} // namespace gw::ui
