#pragma once

#include "appsettings.h"
#include "clientdirectory.h"

#include <QMainWindow>
#include <QStringList>
#include <QTimer>

class QComboBox;
class QLabel;
class QListWidget;
class QMenu;
class QTabWidget;
class QToolButton;
class QTreeView;

namespace gw {
class Simulation;
}

namespace gw::ui {

class FlowPump;
class ManifestsPage;
class ResourceTreeModel;
class SessionsPage;
class TopologyView;
class TrafficPage;

// The desktop app's main window: a Resources tree (namespace → kind → object with its mark),
// tabs for Manifests, Topology, Traffic and Sessions, and a status bar with each listener's
// address (click copies a curl command), the request rate and the flow count. Dock layout, recent
// files and the namespace are remembered between runs.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum Tab { ManifestsTab, TopologyTab, TrafficTab, SessionsTab };

    explicit MainWindow(Simulation &simulation, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Loads the paths (replacing what was loaded) and serves them.
    void openPaths(const QStringList &paths);
    // Adds paths to what is loaded (drag and drop, File ▸ Add).
    void addPaths(const QStringList &paths);
    // Reads the loaded paths from disk again (folders are listed again); unsaved editor text is kept.
    void reload();
    void setNamespace(const QString &namespaceName);
    QString namespaceName() const;
    void showTab(Tab tab);

    ResourceTreeModel *resourceModel() const { return m_resources; }
    QTreeView *resourceTree() const { return m_tree; }
    QListWidget *diagnosticsList() const;
    ManifestsPage *manifestsPage() const { return m_manifests; }
    TopologyView *topologyView() const { return m_topology; }
    TrafficPage *trafficPage() const { return m_traffic; }
    SessionsPage *sessionsPage() const { return m_sessions; }
    QTabWidget *tabs() const { return m_tabs; }
    FlowPump *flowPump() const { return m_pump; }
    ClientDirectory &clientDirectory() { return m_clientDirectory; }
    Simulation &simulation() const { return m_simulation; }
    QList<QToolButton *> listenerButtons() const { return m_listenerButtons; }
    QLabel *rateLabel() const { return m_rate; }
    QLabel *flowCountLabel() const { return m_flowCount; }
    // Pulls new flows and refreshes every live view now, instead of on the next timer tick.
    void refreshLiveViews();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createMenus();
    void openFilesDialog();
    void openFolderDialog();
    void addFilesDialog();
    void rebuildRecentMenu();
    void refresh();
    void updateListeners();
    void updateLiveStatus();
    void loadPaths(const QStringList &paths);

    Simulation &m_simulation;
    AppSettings m_settings;
    ClientDirectory m_clientDirectory;
    FlowPump *m_pump;
    ResourceTreeModel *m_resources;
    QTreeView *m_tree;
    QTabWidget *m_tabs;
    ManifestsPage *m_manifests;
    TopologyView *m_topology;
    TrafficPage *m_traffic;
    SessionsPage *m_sessions;
    QComboBox *m_namespace;
    QMenu *m_recentMenu = nullptr;
    QWidget *m_listenerBox;
    QList<QToolButton *> m_listenerButtons;
    QLabel *m_rate;
    QLabel *m_flowCount;
    QTimer m_liveTimer;
    QStringList m_openedPaths;
    quint64 m_rateLastId = 0;
    qint64 m_rateLastMs = 0;
    QStringList m_bindErrors;
};

} // namespace gw::ui
