#include "mainwindow.h"

#include "lab/simulation.h"
#include "models/resourcetreemodel.h"

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QStatusBar>
#include <QStyle>
#include <QTreeView>

namespace gw::ui {

MainWindow::MainWindow(Simulation &simulation, QWidget *parent)
    : QMainWindow(parent)
    , m_simulation(simulation)
    , m_resources(new ResourceTreeModel(this))
    , m_tree(new QTreeView(this))
    , m_diagnostics(new QListWidget(this))
    , m_listeners(new QLabel(this))
{
    setWindowTitle(tr("Gateway Lab"));
    resize(1100, 700);

    m_tree->setModel(m_resources);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    setCentralWidget(m_tree);

    auto *dock = new QDockWidget(tr("Diagnostics"), this);
    dock->setObjectName(QStringLiteral("diagnosticsDock"));
    dock->setWidget(m_diagnostics);
    addDockWidget(Qt::BottomDockWidgetArea, dock);

    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *open = fileMenu->addAction(tr("&Open…"), this, &MainWindow::openDialog);
    open->setShortcut(QKeySequence::Open);
    QAction *reloadAction = fileMenu->addAction(tr("&Reload"), this, &MainWindow::reload);
    reloadAction->setShortcut(QKeySequence::Refresh);
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    m_listeners->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(m_listeners, 1);
    connect(&m_simulation, &Simulation::configurationChanged, this, &MainWindow::refresh);
    refresh();
}

MainWindow::~MainWindow() = default;

void MainWindow::openPaths(const QStringList &paths)
{
    m_simulation.load(paths);
    if (!m_simulation.isServing()) {
        const QStringList errors = m_simulation.start();
        for (const QString &error : errors)
            m_diagnostics->addItem(new QListWidgetItem(style()->standardIcon(QStyle::SP_MessageBoxCritical), error));
    }
}

void MainWindow::reload()
{
    if (!m_simulation.loadedPaths().isEmpty())
        m_simulation.load(m_simulation.loadedPaths());
}

void MainWindow::openDialog()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Open manifests"), QString(), tr("YAML (*.yaml *.yml *.json)"));
    if (!files.isEmpty())
        openPaths(files);
}

void MainWindow::refresh()
{
    const Diagnostics diagnostics = m_simulation.diagnostics();
    m_resources->rebuild(m_simulation.cluster().manifests(), diagnostics);
    m_tree->expandAll();
    m_diagnostics->clear();
    for (const Diagnostic &diagnostic : diagnostics) {
        const auto icon = style()->standardIcon(diagnostic.isError() ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning);
        auto *item = new QListWidgetItem(icon, diagnostic.toString());
        item->setData(Qt::UserRole, diagnostic.location.file);
        item->setData(Qt::UserRole + 1, diagnostic.location.line);
        m_diagnostics->addItem(item);
    }
    QStringList addresses;
    for (const auto &listener : m_simulation.listeners())
        addresses << QStringLiteral("%1/%2 %3").arg(listener.gatewayKey, listener.listenerName, listener.url);
    m_listeners->setText(addresses.isEmpty() ? tr("No listener") : addresses.join(QStringLiteral("   ")));
    const QStringList paths = m_simulation.loadedPaths();
    setWindowTitle(paths.isEmpty() ? tr("Gateway Lab") : tr("Gateway Lab — %1").arg(paths.join(QStringLiteral(", "))));
}

} // namespace gw::ui
