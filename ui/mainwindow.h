#pragma once

#include "appsettings.h"
#include "client/clientresult.h"
#include "clientdirectory.h"
#include "flow/flowrecord.h"
#include "models/sessiontablemodel.h"
#include "report/runreport.h"

#include <QMainWindow>
#include <QStringList>
#include <QTimer>
#include <optional>

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

class ClientPool;
class ComposerPanel;
class FlowPump;
class LoadRunPanel;
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
    enum class ExportFormat { Html, Har, Json };

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
    ClientPool *clientPool() const { return m_clientPool; }
    ComposerPanel *composer() const { return m_composer; }
    LoadRunPanel *loadRunPanel() const { return m_loadPanel; }
    // The flow of the last answer a simulated client got, once the flow log has it (0 before).
    quint64 lastSelectedFlowId() const { return m_lastSelectedFlow; }
    // Pulls new flows and refreshes every live view now, instead of on the next timer tick.
    void refreshLiveViews();
    // The session as the report model (configuration, flows, sessions, diagnostics), and written
    // with the CLI's writers; the file is replaced in one step. False with `*error` on failure.
    RunReport sessionReport(qsizetype maxExchangesPerClient = -1);
    bool exportTo(ExportFormat format, const QString &path, QString *error = nullptr);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createMenus();
    void exportDialog(ExportFormat format);
    void openFilesDialog();
    void openFolderDialog();
    void addFilesDialog();
    void rebuildRecentMenu();
    void refresh();
    void updateListeners();
    void updateLiveStatus();
    void loadPaths(const QStringList &paths);
    void createClientDocks();
    void onClientResult(quint64 ticket, const gw::ClientResult &result);
    bool selectPendingFlow();
    void replay(const FlowRecord &record, const QString &clientName);
    QList<SessionTableModel::Holder> sessionHolders() const;

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
    ClientPool *m_clientPool = nullptr;
    ComposerPanel *m_composer = nullptr;
    LoadRunPanel *m_loadPanel = nullptr;
    // The answer whose flow is to be selected when the pump brings it in.
    struct PendingSelection
    {
        quint16 port = 0;
        qint64 startedAtMs = 0;
        int requestOnConnection = 0;
        qint64 deadlineMs = 0;
    };
    std::optional<PendingSelection> m_pendingSelection;
    quint64 m_lastSelectedFlow = 0;
};

} // namespace gw::ui
