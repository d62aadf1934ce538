#include "manifest/manifestloader.h"
#include "testpaths.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <algorithm>

using namespace gw;

// The malformed-input corpus: tests/data/malformed/<case>.yaml beside <case>.yaml.expected.
// An .expected file lists, in order, every diagnostic exactly as the CLI prints it, then one line
// per object that still loaded ("loaded: Kind namespace/name" or "set aside: ..."), in load order.
// A case whose input file does not exist tests a missing path. Inputs are loaded by their
// relative names from inside the folder, so the diagnostics carry the path as the user gave it.
class TestMalformedManifests : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyInputHasExpectations();
    void corpus_data();
    void corpus();

private:
    static QString corpusDir() { return test::testDataDir() + QStringLiteral("/malformed"); }
    static QStringList actualLines(const ManifestSet &set);
};

namespace {

QStringList readExpected(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {QStringLiteral("<cannot read ") + path + u'>'};
    QStringList lines;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (!line.isEmpty())
            lines.append(QString::fromUtf8(line));
    }
    return lines;
}

} // namespace

void TestMalformedManifests::initTestCase()
{
    QVERIFY(QDir::setCurrent(corpusDir()));
}

void TestMalformedManifests::everyInputHasExpectations()
{
    const QDir dir(corpusDir());
    const QStringList expected = dir.entryList({QStringLiteral("*.expected")}, QDir::Files, QDir::Name);
    QVERIFY2(expected.size() >= 22, "the corpus must keep at least 22 cases");
    for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) {
        if (!name.endsWith(u".expected"))
            QVERIFY2(expected.contains(name + QStringLiteral(".expected")), qPrintable(name + QStringLiteral(" has no .expected file")));
    }
}

QStringList TestMalformedManifests::actualLines(const ManifestSet &set)
{
    QStringList lines;
    for (const Diagnostic &d : set.diagnostics)
        lines.append(d.toString());
    QList<QPair<int, QString>> objects;
    const auto add = [&objects](const QString &what, const ObjectMeta &meta) {
        objects.append({meta.loadOrder, what + meta.kind + u' ' + meta.key()});
    };
    const QString loaded = QStringLiteral("loaded: ");
    for (const auto &x : set.namespaces)
        add(loaded, x.meta);
    for (const auto &x : set.pods)
        add(loaded, x.meta);
    for (const auto &x : set.deployments)
        add(loaded, x.meta);
    for (const auto &x : set.services)
        add(loaded, x.meta);
    for (const auto &x : set.endpointSlices)
        add(loaded, x.meta);
    for (const auto &x : set.gatewayClasses)
        add(loaded, x.meta);
    for (const auto &x : set.gateways)
        add(loaded, x.meta);
    for (const auto &x : set.httpRoutes)
        add(loaded, x.meta);
    for (const auto &x : set.referenceGrants)
        add(loaded, x.meta);
    for (const auto &x : set.sessionStickyPolicies)
        add(loaded, x.meta);
    for (const auto &meta : set.setAside)
        add(QStringLiteral("set aside: "), meta);
    std::sort(objects.begin(), objects.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    for (const auto &object : objects)
        lines.append(object.second);
    return lines;
}

void TestMalformedManifests::corpus_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("expected");
    const QDir dir(corpusDir());
    for (const QString &name : dir.entryList({QStringLiteral("*.expected")}, QDir::Files, QDir::Name)) {
        const QString input = name.chopped(int(qstrlen(".expected")));
        QTest::newRow(qPrintable(input)) << input << readExpected(dir.filePath(name));
    }
}

void TestMalformedManifests::corpus()
{
    QFETCH(QString, input);
    QFETCH(QStringList, expected);
    const ManifestSet set = ManifestLoader().loadPaths({input});
    const QStringList actual = actualLines(set);
    // Whole texts compare best: a failure shows both listings in full.
    QCOMPARE(actual.join(u'\n'), expected.join(u'\n'));
    // Every case is malformed: it must say so, with an error or at least a warning.
    QVERIFY(!set.diagnostics.isEmpty());
}

QTEST_GUILESS_MAIN(TestMalformedManifests)
#include "tst_malformedmanifests.moc"
