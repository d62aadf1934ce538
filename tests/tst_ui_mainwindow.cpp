#include "lab/simulation.h"
#include "mainwindow.h"
#include "models/resourcetreemodel.h"
#include "testpaths.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace gw;
using namespace gw::ui;

// The first window, driven offscreen: the seed sample's objects by namespace and kind, their
// diagnostics, and the listener the gateway serves.
class TestUiMainWindow final : public QObject
{
    Q_OBJECT

private:
    static QStandardItem *child(QStandardItem *parent, const QString &text)
    {
        for (int row = 0; row < parent->rowCount(); ++row) {
            if (parent->child(row)->text() == text)
                return parent->child(row);
        }
        return nullptr;
    }

private Q_SLOTS:
    void listsTheSeedByNamespaceAndKind()
    {
        Simulation::Options options;
        options.defaultNamespace = QStringLiteral("server");
        options.portOffset = 500;
        Simulation simulation(options);
        MainWindow window(simulation);
        QAbstractItemModelTester tester(window.resourceModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.openPaths({test::samplePath(QStringLiteral("session-sticky"))});
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        ResourceTreeModel *model = window.resourceModel();
        QStandardItem *server = child(model->invisibleRootItem(), QStringLiteral("server"));
        QVERIFY(server);
        QStandardItem *pods = child(server, QStringLiteral("Pod"));
        QVERIFY(pods);
        QCOMPARE(pods->rowCount(), 2);
        QCOMPARE(pods->child(0)->text(), QStringLiteral("pipy-1"));
        QCOMPARE(pods->child(0)->data(ResourceTreeModel::StatusRole).value<ResourceTreeModel::Status>(), ResourceTreeModel::Status::Ok);
        QVERIFY(child(server, QStringLiteral("Gateway")));
        QVERIFY(child(server, QStringLiteral("HTTPRoute")));
        QVERIFY(child(server, QStringLiteral("SessionStickyPolicy")));
        QCOMPARE(window.diagnosticsList()->count(), 0);
        // The tutorial is clean: no diagnostic, and no status condition that says a problem.
        for (int kind = 0; kind < server->rowCount(); ++kind) {
            for (int object = 0; object < server->child(kind)->rowCount(); ++object) {
                QStandardItem *item = server->child(kind)->child(object);
                QCOMPARE(item->data(ResourceTreeModel::StatusRole).value<ResourceTreeModel::Status>(), ResourceTreeModel::Status::Ok);
            }
        }
        QCOMPARE(window.listenerButtons().size(), 1);
        QVERIFY2(window.listenerButtons().constFirst()->text().contains(u"http://127.0.0.2:8500/"), qPrintable(window.listenerButtons().constFirst()->text()));
    }

    void marksObjectsWithDiagnostics()
    {
        Simulation simulation(Simulation::Options{});
        MainWindow window(simulation);
        window.openPaths({test::testDataDir() + QStringLiteral("/cli/bad-listener-port.yaml"),
                          test::samplePath(QStringLiteral("session-sticky/01-backends.yaml"))});
        QVERIFY(window.diagnosticsList()->count() >= 1);
        QVERIFY(window.diagnosticsList()->item(0)->text().contains(u"bad-listener-port.yaml:9:11: spec.listeners[0].port"));
        // The good file's objects still load and are listed as ok.
        QStandardItem *ns = child(window.resourceModel()->invisibleRootItem(), QStringLiteral("default"));
        QVERIFY(ns);
        QStandardItem *pods = child(ns, QStringLiteral("Pod"));
        QVERIFY(pods);
        QCOMPARE(pods->rowCount(), 2);
    }

    void marksObjectsFromTheirStatus()
    {
        // A route to a Service that does not exist: the controller says ResolvedRefs=False.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("route.yaml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw\nspec:\n  gatewayClassName: gatewaylab\n"
                   "  listeners:\n  - name: http\n    protocol: HTTP\n    port: 8000\n---\n"
                   "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: lost\nspec:\n  parentRefs:\n  - name: gw\n"
                   "  rules:\n  - backendRefs:\n    - name: nowhere\n      port: 80\n");
        file.close();
        Simulation::Options options;
        options.portOffset = 520;
        Simulation simulation(options);
        MainWindow window(simulation);
        window.openPaths({path});
        QStandardItem *route = window.resourceModel()->findObject(QStringLiteral("HTTPRoute"), QStringLiteral("default/lost"));
        QVERIFY(route);
        QCOMPARE(route->data(ResourceTreeModel::StatusRole).value<ResourceTreeModel::Status>(), ResourceTreeModel::Status::Warning);
        const QString statusText = route->parent()->child(route->row(), 1)->text();
        QVERIFY2(statusText.contains(u"ResolvedRefs=False (BackendNotFound)"), qPrintable(statusText));
        QStandardItem *gateway = window.resourceModel()->findObject(QStringLiteral("Gateway"), QStringLiteral("default/gw"));
        QVERIFY(gateway);
        QVERIFY(gateway->parent()->child(gateway->row(), 1)->text().contains(u"http://127.0.0.2:8520/"));
    }
};

QTEST_MAIN(TestUiMainWindow)
#include "tst_ui_mainwindow.moc"
