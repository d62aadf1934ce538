#pragma once

#include "common/diagnostic.h"

#include <QHash>
#include <QTimer>
#include <QWidget>

class QAction;
class QLabel;
class QListWidget;
class QTabWidget;

namespace gw {
class Simulation;
}

namespace gw::ui {

class InlineMessage;
class YamlEditor;

// The Manifests tab: one editor per loaded file, the diagnostics of the whole set in a list that
// jumps to their line, and Apply (Ctrl+Return), which reloads the lab from the editors' text
// without restarting the gateway. An input with errors is refused as a whole, so the last good
// configuration keeps serving; edits are checked as they are typed (a dry run, nothing applied).
// Unsaved text is never dropped: reloading keeps it, and closing asks.
class ManifestsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManifestsPage)

public:
    explicit ManifestsPage(Simulation &simulation, QWidget *parent = nullptr);

    // True when the configuration is now the editors' text; false when refused (errors shown).
    bool apply();
    bool save(const QString &path);
    bool saveAs(const QString &path, const QString &newPath);
    bool saveAll();
    // Asks what to do with unsaved edits; false when the user cancels.
    bool maybeSave();
    bool hasUnsavedChanges() const;
    QStringList modifiedFiles() const;
    void revert(const QString &path);

    // Shows the file and puts the cursor on the line.
    void openAt(const QString &path, int line, int column = 0);
    YamlEditor *editorFor(const QString &path) const;
    YamlEditor *currentEditor() const;
    QString currentPath() const;
    QStringList files() const;
    QListWidget *diagnosticsList() const { return m_diagnosticsList; }
    InlineMessage *message() const { return m_message; }
    // What is shown: the lab's diagnostics, or the dry run's when the editors differ from it.
    const Diagnostics &shownDiagnostics() const { return m_shown; }
    QAction *applyAction() const { return m_applyAction; }
    QAction *saveAction() const { return m_saveAction; }

Q_SIGNALS:
    // The set of loaded paths changed through Save As.
    void pathsChanged(const QStringList &paths);
    void modificationChanged(bool anyUnsaved);

private:
    void syncFiles();
    YamlEditor *addEditor(const QString &path);
    void showDiagnostics(const Diagnostics &diagnostics);
    QHash<QString, QByteArray> overrides() const;
    void updateTabTitle(YamlEditor *editor);
    void checkEdits();
    void onConfigurationChanged();
    bool writeFile(const QString &path, const QByteArray &text);

    Simulation &m_simulation;
    InlineMessage *m_message;
    QTabWidget *m_tabs;
    QListWidget *m_diagnosticsList;
    QLabel *m_summary;
    QAction *m_applyAction;
    QAction *m_saveAction;
    QHash<QString, YamlEditor *> m_editors;
    Diagnostics m_shown;
    QTimer m_checkTimer;
    bool m_applying = false;
};

} // namespace gw::ui
