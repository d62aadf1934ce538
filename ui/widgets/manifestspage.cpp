#include "manifestspage.h"

#include "inlinemessage.h"
#include "lab/simulation.h"
#include "yamleditor.h"

#include <QAction>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QSaveFile>
#include <QSplitter>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace gw::ui {

namespace {
enum DiagnosticRole { FileRole = Qt::UserRole + 1, LineRole, ColumnRole };
}

ManifestsPage::ManifestsPage(Simulation &simulation, QWidget *parent)
    : QWidget(parent)
    , m_simulation(simulation)
    , m_message(new InlineMessage(this))
    , m_tabs(new QTabWidget(this))
    , m_diagnosticsList(new QListWidget(this))
    , m_summary(new QLabel(this))
{
    auto *toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setIconSize(QSize(16, 16));
    m_applyAction = toolbar->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Apply"), this, &ManifestsPage::apply);
    m_applyAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    m_applyAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_applyAction->setToolTip(tr("Reload the lab from the editors' text, without restarting the gateway (Ctrl+Return)"));
    toolbar->addSeparator();
    m_saveAction = toolbar->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("Save"), this, [this] { save(currentPath()); });
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QAction *saveAsAction = toolbar->addAction(tr("Save As…"), this, [this] {
        const QString path = currentPath();
        if (path.isEmpty())
            return;
        const QString target = QFileDialog::getSaveFileName(this, tr("Save manifest as"), path, tr("YAML (*.yaml *.yml *.json)"));
        if (!target.isEmpty())
            saveAs(path, target);
    });
    saveAsAction->setShortcut(QKeySequence::SaveAs);
    saveAsAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    toolbar->addAction(tr("Save All"), this, &ManifestsPage::saveAll);
    toolbar->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Revert File"), this, [this] {
        const QString path = currentPath();
        if (path.isEmpty() || !editorFor(path)->document()->isModified())
            return;
        if (QMessageBox::question(this, tr("Revert"), tr("Discard the unsaved edits of %1?").arg(QFileInfo(path).fileName())) == QMessageBox::Yes)
            revert(path);
    });
    toolbar->addSeparator();
    toolbar->addWidget(m_summary);

    m_tabs->setDocumentMode(true);
    m_tabs->setUsesScrollButtons(true);
    auto *diagnosticsPane = new QWidget(this);
    auto *diagnosticsLayout = new QVBoxLayout(diagnosticsPane);
    diagnosticsLayout->setContentsMargins(0, 0, 0, 0);
    diagnosticsLayout->setSpacing(2);
    auto *diagnosticsTitle = new QLabel(tr("<b>Diagnostics</b> — click one to go to its line"), diagnosticsPane);
    diagnosticsLayout->addWidget(diagnosticsTitle);
    diagnosticsLayout->addWidget(m_diagnosticsList);
    m_diagnosticsList->setObjectName(QStringLiteral("diagnosticsList"));
    m_diagnosticsList->setAlternatingRowColors(true);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_tabs);
    splitter->addWidget(diagnosticsPane);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(toolbar);
    layout->addWidget(m_message);
    layout->addWidget(splitter, 1);

    connect(m_diagnosticsList, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        const QString file = item->data(FileRole).toString();
        if (!file.isEmpty())
            openAt(file, item->data(LineRole).toInt(), item->data(ColumnRole).toInt());
    });
    connect(m_diagnosticsList, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) { Q_EMIT m_diagnosticsList->itemClicked(item); });

    m_checkTimer.setSingleShot(true);
    m_checkTimer.setInterval(400);
    connect(&m_checkTimer, &QTimer::timeout, this, &ManifestsPage::checkEdits);
    connect(&m_simulation, &Simulation::configurationChanged, this, &ManifestsPage::onConfigurationChanged);
    onConfigurationChanged();
}

QStringList ManifestsPage::files() const
{
    QStringList result;
    for (int i = 0; i < m_tabs->count(); ++i)
        result << m_tabs->widget(i)->property("path").toString();
    return result;
}

YamlEditor *ManifestsPage::editorFor(const QString &path) const
{
    return m_editors.value(path);
}

YamlEditor *ManifestsPage::currentEditor() const
{
    return qobject_cast<YamlEditor *>(m_tabs->currentWidget());
}

QString ManifestsPage::currentPath() const
{
    const QWidget *widget = m_tabs->currentWidget();
    return widget ? widget->property("path").toString() : QString();
}

YamlEditor *ManifestsPage::addEditor(const QString &path)
{
    auto *editor = new YamlEditor(m_tabs);
    editor->setProperty("path", path);
    QFile file(path);
    if (file.open(QIODevice::ReadOnly))
        editor->setPlainText(QString::fromUtf8(file.readAll()));
    editor->document()->setModified(false);
    m_editors.insert(path, editor);
    m_tabs->addTab(editor, QFileInfo(path).fileName());
    m_tabs->setTabToolTip(m_tabs->indexOf(editor), path);
    connect(editor->document(), &QTextDocument::modificationChanged, this, [this, editor](bool) {
        updateTabTitle(editor);
        Q_EMIT modificationChanged(hasUnsavedChanges());
    });
    connect(editor, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_applying)
            m_checkTimer.start();
    });
    return editor;
}

void ManifestsPage::updateTabTitle(YamlEditor *editor)
{
    const int index = m_tabs->indexOf(editor);
    if (index < 0)
        return;
    const QString name = QFileInfo(editor->property("path").toString()).fileName();
    m_tabs->setTabText(index, editor->document()->isModified() ? name + QStringLiteral(" ●") : name);
}

void ManifestsPage::syncFiles()
{
    const QStringList loaded = m_simulation.cluster().manifests().files;
    // Files that left the set go, unless they hold unsaved text: that is never dropped silently.
    for (const QString &path : m_editors.keys()) {
        YamlEditor *editor = m_editors.value(path);
        if (loaded.contains(path) || editor->document()->isModified())
            continue;
        m_editors.remove(path);
        m_tabs->removeTab(m_tabs->indexOf(editor));
        editor->deleteLater();
    }
    for (const QString &path : loaded) {
        YamlEditor *editor = m_editors.value(path);
        if (!editor) {
            addEditor(path);
            continue;
        }
        if (editor->document()->isModified())
            continue;
        // Not edited here: show what is on disk now (Reload reads it again).
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QString text = QString::fromUtf8(file.readAll());
        if (text != editor->toPlainText()) {
            const QSignalBlocker blocker(editor);
            editor->setPlainText(text);
            editor->document()->setModified(false);
        }
    }
}

QHash<QString, QByteArray> ManifestsPage::overrides() const
{
    QHash<QString, QByteArray> result;
    for (auto it = m_editors.cbegin(); it != m_editors.cend(); ++it) {
        if (it.value()->document()->isModified())
            result.insert(it.key(), it.value()->toPlainText().toUtf8());
    }
    return result;
}

void ManifestsPage::onConfigurationChanged()
{
    if (m_applying)
        return;
    syncFiles();
    // Edits not applied yet keep showing their own dry run's diagnostics.
    if (overrides().isEmpty())
        showDiagnostics(m_simulation.diagnostics());
    else
        checkEdits();
}

void ManifestsPage::checkEdits()
{
    const QStringList paths = m_simulation.loadedPaths();
    if (paths.isEmpty())
        return;
    const QHash<QString, QByteArray> edited = overrides();
    showDiagnostics(edited.isEmpty() ? m_simulation.diagnostics() : m_simulation.validate(paths, edited));
}

bool ManifestsPage::apply()
{
    m_checkTimer.stop();
    const QStringList paths = m_simulation.loadedPaths();
    if (paths.isEmpty()) {
        m_message->showMessage(InlineMessage::Kind::Information, tr("Nothing is loaded yet: open a file, a folder or a sample first."));
        return false;
    }
    const QHash<QString, QByteArray> edited = overrides();
    const Diagnostics dryRun = m_simulation.validate(paths, edited);
    if (hasErrors(dryRun)) {
        showDiagnostics(dryRun);
        const auto firstError = std::find_if(dryRun.cbegin(), dryRun.cend(), [](const Diagnostic &d) { return d.isError(); });
        const auto config = m_simulation.config();
        m_message->showMessage(InlineMessage::Kind::Error,
                               tr("Not applied: %n error(s), the first at %1. The gateway keeps serving the last good configuration%2.", "",
                                  int(errorCount(dryRun)))
                                   .arg(firstError->location.toString(),
                                        config ? tr(" (version %1)").arg(config->version) : QString()));
        if (firstError->location.isKnown())
            openAt(firstError->location.file, firstError->location.line, firstError->location.column);
        return false;
    }
    m_applying = true;
    const Diagnostics applied = m_simulation.load(paths, edited);
    m_applying = false;
    syncFiles();
    showDiagnostics(applied);
    const auto config = m_simulation.config();
    const qsizetype warnings = warningCount(applied);
    m_message->showMessage(InlineMessage::Kind::Positive,
                           (config ? tr("Applied: configuration version %1 is live.").arg(config->version) : tr("Applied."))
                               + (warnings ? tr(" %n warning(s).", "", int(warnings)) : QString())
                               + (edited.isEmpty() ? QString() : tr(" The edits are not saved to disk yet.")));
    return true;
}

void ManifestsPage::showDiagnostics(const Diagnostics &diagnostics)
{
    m_shown = diagnostics;
    m_diagnosticsList->clear();
    QHash<QString, Diagnostics> byFile;
    for (const Diagnostic &diagnostic : diagnostics) {
        byFile[diagnostic.location.file].append(diagnostic);
        const auto icon = style()->standardIcon(diagnostic.isError() ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning);
        auto *item = new QListWidgetItem(icon, diagnostic.toString(), m_diagnosticsList);
        item->setData(FileRole, diagnostic.location.file);
        item->setData(LineRole, diagnostic.location.line);
        item->setData(ColumnRole, diagnostic.location.column);
        item->setToolTip(diagnostic.toString());
    }
    for (auto it = m_editors.cbegin(); it != m_editors.cend(); ++it)
        it.value()->setDiagnostics(byFile.value(it.key()));
    const qsizetype errors = errorCount(diagnostics), warnings = warningCount(diagnostics);
    m_summary->setText(errors == 0 && warnings == 0 ? tr("No problems") : tr("%1 errors, %2 warnings").arg(errors).arg(warnings));
}

void ManifestsPage::openAt(const QString &path, int line, int column)
{
    YamlEditor *editor = editorFor(path);
    if (!editor)
        return;
    m_tabs->setCurrentWidget(editor);
    if (line > 0)
        editor->goToLine(line, column);
}

bool ManifestsPage::hasUnsavedChanges() const
{
    return !modifiedFiles().isEmpty();
}

QStringList ManifestsPage::modifiedFiles() const
{
    QStringList result;
    for (const QString &path : files()) {
        if (m_editors.value(path)->document()->isModified())
            result << path;
    }
    return result;
}

bool ManifestsPage::writeFile(const QString &path, const QByteArray &text)
{
    // QSaveFile writes beside the file and renames over it: a crash or a full disk never leaves half a manifest.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        QMessageBox::warning(this, tr("Save failed"), tr("Could not save %1: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

bool ManifestsPage::save(const QString &path)
{
    YamlEditor *editor = editorFor(path);
    if (!editor)
        return false;
    if (!writeFile(path, editor->toPlainText().toUtf8()))
        return false;
    editor->document()->setModified(false);
    return true;
}

bool ManifestsPage::saveAs(const QString &path, const QString &newPath)
{
    YamlEditor *editor = editorFor(path);
    if (!editor || newPath.isEmpty())
        return false;
    if (!writeFile(newPath, editor->toPlainText().toUtf8()))
        return false;
    if (newPath == path) {
        editor->document()->setModified(false);
        return true;
    }
    m_editors.remove(path);
    m_editors.insert(newPath, editor);
    editor->setProperty("path", newPath);
    m_tabs->setTabToolTip(m_tabs->indexOf(editor), newPath);
    editor->document()->setModified(false);
    updateTabTitle(editor);
    // The lab now reads the new file in the old one's place (or beside the folder it came from).
    QStringList paths = m_simulation.loadedPaths();
    const qsizetype at = paths.indexOf(path);
    if (at >= 0)
        paths[at] = newPath;
    else
        paths.append(newPath);
    Q_EMIT pathsChanged(paths);
    return true;
}

bool ManifestsPage::saveAll()
{
    bool ok = true;
    for (const QString &path : modifiedFiles())
        ok = save(path) && ok;
    return ok;
}

void ManifestsPage::revert(const QString &path)
{
    YamlEditor *editor = editorFor(path);
    if (!editor)
        return;
    QFile file(path);
    editor->setPlainText(file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString());
    editor->document()->setModified(false);
    checkEdits();
}

bool ManifestsPage::maybeSave()
{
    const QStringList modified = modifiedFiles();
    if (modified.isEmpty())
        return true;
    QStringList names;
    for (const QString &path : modified)
        names << QFileInfo(path).fileName();
    const auto answer = QMessageBox::warning(this, tr("Unsaved manifests"),
                                             tr("These manifests have unsaved edits:\n%1\n\nSave them?").arg(names.join(u'\n')),
                                             QMessageBox::SaveAll | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::SaveAll);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::SaveAll)
        return saveAll();
    return true;
}

} // namespace gw::ui
