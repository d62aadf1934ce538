#include "appsettings.h"
#include "clientpool.h"
#include "lab/simulation.h"
#include "mainwindow.h"
#include "models/cookiejarmodel.h"
#include "models/flowtablemodel.h"
#include "testpaths.h"
#include "widgets/composerpanel.h"
#include "widgets/manifestspage.h"
#include "widgets/trafficpage.h"
#include "widgets/yamleditor.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>
#include <QTimer>
#include <QToolButton>

using namespace gw;
using namespace gw::ui;

// The window's everyday actions: what is remembered between runs, saving and the prompt that
// keeps unsaved edits, the listener button's curl command, Replay, an edited cookie, dropping
// files, and Ctrl+Return.
class TestUiWindowActions final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString copySample()
    {
        const QString folder = m_dir.filePath(QStringLiteral("sample-%1").arg(QDir(m_dir.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size()));
        QDir().mkpath(folder);
        const QDir source(test::samplePath(QStringLiteral("session-sticky")));
        for (const QString &name : source.entryList({QStringLiteral("0*.yaml")}, QDir::Files))
            QFile::copy(source.filePath(name), folder + u'/' + name);
        return folder;
    }
    static Simulation::Options options(int portOffset)
    {
        Simulation::Options result;
        result.defaultNamespace = QStringLiteral("server");
        result.portOffset = portOffset;
        return result;
    }
    static void typeInto(YamlEditor *editor, const QString &from, const QString &to)
    {
        QString text = editor->toPlainText();
        text.replace(from, to);
        QTextCursor cursor(editor->document());
        cursor.select(QTextCursor::Document);
        cursor.insertText(text);
    }
    // Answers the next modal message box with `button` once it shows.
    static void answerNextMessageBox(QMessageBox::StandardButton button)
    {
        QTimer::singleShot(0, qApp, [button] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (box)
                box->button(button)->click();
        });
    }
    static QString fileIn(const ManifestsPage *page, const QString &name)
    {
        for (const QString &file : page->files()) {
            if (file.endsWith(name))
                return file;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    }

    void remembersRecentFilesNamespaceAndLayout()
    {
        const QString folder = copySample();
        QByteArray state;
        {
            Simulation simulation(options(2600));
            MainWindow window(simulation);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.setNamespace(QStringLiteral("server"));
            window.openPaths({folder});
            auto *composerDock = window.findChild<QDockWidget *>(QStringLiteral("composerDock"));
            QVERIFY(composerDock);
            composerDock->hide();
            window.setNamespace(QStringLiteral("shop"));
            QCOMPARE(window.namespaceName(), QStringLiteral("shop"));
            QVERIFY(simulation.cluster().findPod(QStringLiteral("shop/pipy-1")));   // reloaded in the new namespace
            QVERIFY(window.close());
        }
        AppSettings settings;
        QCOMPARE(settings.lastNamespace(), QStringLiteral("shop"));
        QCOMPARE(AppSettings::pathsOfEntry(settings.recentEntries().value(0)), QStringList{QFileInfo(folder).absoluteFilePath()});
        QVERIFY(!settings.windowState().isEmpty());
        // A new window comes back with the dock hidden.
        Simulation simulation(options(2600));
        MainWindow window(simulation);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.findChild<QDockWidget *>(QStringLiteral("composerDock"))->isVisible());
        window.findChild<QDockWidget *>(QStringLiteral("composerDock"))->show();
        QVERIFY(window.close());
    }

    void unsavedEditsAreKeptUntilTheUserDecides()
    {
        const QString folder = copySample();
        Simulation simulation(options(2610));
        MainWindow window(simulation);
        window.show();
        window.openPaths({folder});
        ManifestsPage *manifests = window.manifestsPage();
        const QString policy = fileIn(manifests, QStringLiteral("03-session-sticky-policy.yaml"));
        YamlEditor *editor = manifests->editorFor(policy);
        QVERIFY(editor);
        typeInto(editor, QStringLiteral("expires: 600"), QStringLiteral("expires: 30"));
        QCOMPARE(manifests->modifiedFiles(), QStringList{policy});

        // Reloading from disk keeps the edit.
        window.reload();
        QVERIFY(editor->toPlainText().contains(u"expires: 30"));
        QVERIFY(manifests->hasUnsavedChanges());

        // Closing asks; Cancel keeps the window and the edit.
        answerNextMessageBox(QMessageBox::Cancel);
        QVERIFY(!window.close());
        QVERIFY(window.isVisible());
        QVERIFY(manifests->hasUnsavedChanges());

        // Save writes the file (atomically: no temporary file is left beside it).
        QVERIFY(manifests->save(policy));
        QVERIFY(!manifests->hasUnsavedChanges());
        QFile saved(policy);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(saved.readAll().contains("expires: 30"));
        QCOMPARE(QDir(folder).entryList(QDir::Files).size(), 3);

        // Save As moves the editor to the new file, and the lab reads it.
        typeInto(editor, QStringLiteral("expires: 30"), QStringLiteral("expires: 45"));
        const QString copy = m_dir.filePath(QStringLiteral("policy-copy.yaml"));
        QVERIFY(manifests->saveAs(policy, copy));
        QCOMPARE(manifests->editorFor(copy), editor);
        QVERIFY(simulation.loadedPaths().contains(copy));

        // Closing with an edit and choosing Discard closes.
        typeInto(editor, QStringLiteral("expires: 45"), QStringLiteral("expires: 50"));
        answerNextMessageBox(QMessageBox::Discard);
        QVERIFY(window.close());
    }

    void listenerButtonCopiesCurlAndCtrlReturnApplies()
    {
        const QString folder = copySample();
        Simulation simulation(options(2620));
        MainWindow window(simulation);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openPaths({folder});
        QCOMPARE(window.listenerButtons().size(), 1);
        window.listenerButtons().constFirst()->click();
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("curl -i http://127.0.0.2:10620/"));

        window.showTab(MainWindow::ManifestsTab);
        ManifestsPage *manifests = window.manifestsPage();
        YamlEditor *editor = manifests->editorFor(fileIn(manifests, QStringLiteral("03-session-sticky-policy.yaml")));
        manifests->openAt(fileIn(manifests, QStringLiteral("03-session-sticky-policy.yaml")), 1);
        const quint64 version = simulation.config()->version;
        typeInto(editor, QStringLiteral("cookieName: _srv_id"), QStringLiteral("cookieName: lab_session"));
        QApplication::setActiveWindow(&window);
        editor->setFocus();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(simulation.config()->version > version);
        QCOMPARE(simulation.config()->services.constFirst()->sticky->cookieName, QByteArray("lab_session"));
        // Typed, applied, not saved: still marked unsaved.
        QVERIFY(manifests->hasUnsavedChanges());
        manifests->revert(fileIn(manifests, QStringLiteral("03-session-sticky-policy.yaml")));
    }

    void replayAndAForgedCookie()
    {
        const QString folder = copySample();
        Simulation simulation(options(2630));
        MainWindow window(simulation);
        window.openPaths({folder});
        int answers = 0;
        connect(window.clientPool(), &ClientPool::resultReady, this, [&answers] { ++answers; });
        ComposerPanel *composer = window.composer();
        composer->setCurrentClient(QStringLiteral("alice"));
        QVERIFY(composer->send());
        QTRY_COMPARE(answers, 1);
        QTRY_VERIFY(window.lastSelectedFlowId() != 0);
        const quint64 first = window.lastSelectedFlowId();

        // Replay the selected flow: from alice again, whose jar now supplies the cookie.
        TrafficPage *traffic = window.trafficPage();
        QVERIFY(traffic->selectFlow(first));
        QAction *replay = nullptr;
        for (QAction *action : traffic->findChildren<QAction *>()) {
            if (action->text() == u"Replay")
                replay = action;
        }
        QVERIFY(replay && replay->isEnabled());
        replay->trigger();
        QTRY_COMPARE(answers, 2);
        QTRY_VERIFY(window.lastSelectedFlowId() > first);
        const FlowTableModel *model = traffic->model();
        const FlowRecord *replayed = model->recordAt(model->rowForId(window.lastSelectedFlowId()));
        QVERIFY(replayed);
        QCOMPARE(model->clientAt(model->rowForId(replayed->id)), QStringLiteral("alice"));
        QCOMPARE(replayed->stickyDecision, FlowRecord::StickyDecision::Honoured);

        // Forge alice's cookie in the jar editor: the gateway re-pins her.
        CookieJarModel *jar = composer->jarModel();
        QAbstractItemModelTester tester(jar, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(jar->rowCount(), 1);
        QVERIFY(jar->setData(jar->index(0, CookieJarModel::ValueColumn), QStringLiteral("12345")));
        QCOMPARE(window.clientPool()->cookieJar(QStringLiteral("alice"))->cookies().constFirst().value, QByteArray("12345"));
        QVERIFY(composer->send());
        QTRY_COMPARE(answers, 3);
        QTRY_VERIFY(window.lastSelectedFlowId() > replayed->id);
        const FlowRecord *forged = model->recordAt(model->rowForId(window.lastSelectedFlowId()));
        QCOMPARE(forged->cookieReceived, QByteArray("12345"));
        QCOMPARE(forged->stickyDecision, FlowRecord::StickyDecision::Repinned);
        jar->clearJar();
        QCOMPARE(jar->rowCount(), 0);
    }

    void droppedFilesAreAdded()
    {
        const QString folder = copySample();
        Simulation simulation(options(2640));
        MainWindow window(simulation);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openPaths({folder + QStringLiteral("/01-backends.yaml"), folder + QStringLiteral("/02-gateway-route.yaml")});
        QVERIFY(simulation.config()->services.constFirst()->sticky == std::nullopt);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(folder + QStringLiteral("/03-session-sticky-policy.yaml"))});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        // Added to what was loaded, as kubectl apply -f would.
        QCOMPARE(simulation.loadedPaths().size(), 3);
        QVERIFY(simulation.config()->services.constFirst()->sticky.has_value());
    }
};

QTEST_MAIN(TestUiWindowActions)
#include "tst_ui_window_actions.moc"
