#pragma once

#include <QMainWindow>
#include <QStringList>

class QLabel;
class QListWidget;
class QTreeView;

namespace gw {
class Simulation;
}

namespace gw::ui {

class ResourceTreeModel;

// The desktop app's main window: the loaded objects by namespace and kind with their diagnostics,
// and the gateway serving them on loopback (its listener addresses in the status bar).
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(Simulation &simulation, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Loads the paths (replacing what was loaded) and serves them.
    void openPaths(const QStringList &paths);
    void reload();

    ResourceTreeModel *resourceModel() const { return m_resources; }
    QListWidget *diagnosticsList() const { return m_diagnostics; }
    QLabel *listenerLabel() const { return m_listeners; }

private:
    void openDialog();
    void refresh();

    Simulation &m_simulation;
    ResourceTreeModel *m_resources;
    QTreeView *m_tree;
    QListWidget *m_diagnostics;
    QLabel *m_listeners;
};

} // namespace gw::ui
