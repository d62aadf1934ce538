#include "lab/simulation.h"
#include "testpaths.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gw;
using namespace gw::test;

// What the desktop app's editor relies on in the Simulation: unsaved text stands in for its file
// in the file's place, a dry run reports without serving, and pod lifecycle changes keep the
// manifests' diagnostics.
class TestLabSimulation final : public QObject
{
    Q_OBJECT

private:
    static QString sampleFolder() { return samplePath(QStringLiteral("session-sticky")); }
    static QString sampleFile(const QString &name) { return sampleFolder() + u'/' + name; }
    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    static Simulation::Options options()
    {
        Simulation::Options result;
        result.defaultNamespace = QStringLiteral("server");
        result.portOffset = 1100;   // clear of the other tests' listeners when ctest runs in parallel
        return result;
    }

private Q_SLOTS:
    void overrideInsideFolderKeepsLoadOrder()
    {
        Simulation plain(options());
        QVERIFY(!hasErrors(plain.load({sampleFolder()})));
        Simulation edited(options());
        // The first file, edited: pipy-2 now answers 418. Loaded in its place, both pods keep the
        // addresses the on-disk files give them.
        QByteArray backends = read(sampleFile(QStringLiteral("01-backends.yaml")));
        QVERIFY(backends.contains("{status: 503}"));
        backends.replace("{status: 503}", "{status: 418}");
        QVERIFY(!hasErrors(edited.load({sampleFolder()}, {{sampleFile(QStringLiteral("01-backends.yaml")), backends}})));
        QCOMPARE(edited.cluster().pods().size(), plain.cluster().pods().size());
        for (const ClusterPod &pod : plain.cluster().pods()) {
            const ClusterPod *other = edited.cluster().findPod(pod.key());
            QVERIFY(other);
            QCOMPARE(other->ip, pod.ip);
            QCOMPARE(other->creationOrder, pod.creationOrder);
        }
        const ClusterPod *pipy2 = edited.cluster().findPod(QStringLiteral("server/pipy-2"));
        QVERIFY(pipy2);
        QVERIFY(pipy2->containers.constFirst().command.join(u' ').contains(u"418"));
        QCOMPARE(edited.cluster().manifests().files, plain.cluster().manifests().files);
    }

    void overrideForUnsavedNewFile()
    {
        const QString path = sampleFolder() + QStringLiteral("/../not-on-disk.yaml");
        Simulation lab(options());
        const Diagnostics diagnostics = lab.load({path}, {{path, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: extra\n"}});
        QVERIFY(!hasErrors(diagnostics));
        QVERIFY(lab.cluster().hasNamespace(QStringLiteral("extra")));
    }

    void validateReportsWithoutServing()
    {
        Simulation lab(options());
        QVERIFY(!hasErrors(lab.load({sampleFolder()})));
        QVERIFY(lab.start().isEmpty());
        const quint64 version = lab.config()->version;
        const QString route = sampleFile(QStringLiteral("02-gateway-route.yaml"));
        QByteArray text = read(route);
        text.replace("port: 8000\n    name: http", "port: eighty\n    name: http");
        const Diagnostics diagnostics = lab.validate(lab.cluster().manifests().files, {{route, text}});
        QVERIFY(hasErrors(diagnostics));
        const auto error = std::find_if(diagnostics.cbegin(), diagnostics.cend(), [](const Diagnostic &d) { return d.isError(); });
        QCOMPARE(error->location.file, route);
        QCOMPARE(error->location.line, 9);
        QVERIFY2(error->fieldPath.contains(u"port"), qPrintable(error->toString()));
        // Nothing changed: same snapshot, same diagnostics, same listeners.
        QCOMPARE(lab.config()->version, version);
        QVERIFY(!hasErrors(lab.diagnostics()));
        QCOMPARE(lab.listeners().size(), 1);
        // A clean input validates clean.
        QVERIFY(!hasErrors(lab.validate(lab.cluster().manifests().files)));
    }

    void configIsVisibleBeforeServingAndStartIsAnnounced()
    {
        Simulation lab(options());
        QVERIFY(!hasErrors(lab.load({sampleFolder()})));
        QVERIFY(!lab.isServing());
        QVERIFY(lab.config());   // views draw what will be served
        const quint64 version = lab.config()->version;
        QSignalSpy changed(&lab, &Simulation::configurationChanged);
        QVERIFY(lab.start().isEmpty());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(lab.config()->version, version);
    }

    void podLifecycleKeepsManifestDiagnostics()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString extra = dir.filePath(QStringLiteral("extra.yaml"));
        QFile file(extra);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n");
        file.close();
        Simulation lab(options());
        const Diagnostics loaded = lab.load({sampleFolder(), extra});
        QCOMPARE(warningCount(loaded), 1);
        QVERIFY(lab.stopPod(QStringLiteral("server/pipy-1")));
        QCOMPARE(warningCount(lab.diagnostics()), 1);
        QVERIFY(lab.startPod(QStringLiteral("server/pipy-1"), true));
        QCOMPARE(warningCount(lab.diagnostics()), 1);
    }

    void defaultNamespaceAppliesToNextLoad()
    {
        Simulation lab(options());
        QVERIFY(!hasErrors(lab.load({sampleFolder()})));
        QVERIFY(lab.cluster().findPod(QStringLiteral("server/pipy-1")));
        lab.setDefaultNamespace(QStringLiteral("shop"));
        QVERIFY(!hasErrors(lab.load({sampleFolder()})));
        QVERIFY(lab.cluster().findPod(QStringLiteral("shop/pipy-1")));
        QVERIFY(!lab.cluster().findPod(QStringLiteral("server/pipy-1")));
    }
};

QTEST_GUILESS_MAIN(TestLabSimulation)
#include "tst_lab_simulation.moc"
