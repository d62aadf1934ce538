#include "conformance/conformancecatalogue.h"
#include "conformance/conformancestatuscheck.h"
#include "testpaths.h"

#include <QFile>
#include <QProcess>
#include <QTest>

using namespace gw;
using namespace gw::test;

// The Gateway API conformance catalogue (../shared/conformance/cases.json) run the way a user runs it:
// `gatewaylab conformance`, a real process over real sockets. Skipped, and saying so, when the
// catalogue is not there.
class TestConformance final : public QObject
{
    Q_OBJECT

private:
    QString m_cases;

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    static Run run(const QStringList &arguments, int timeoutMs)
    {
        QProcess process;
        process.start(gatewaylabBinary(), arguments);
        Run result;
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished();
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = process.readAllStandardOutput();
        result.err = process.readAllStandardError();
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_cases = sharedDir() + QStringLiteral("/conformance/cases.json");
        if (!QFile::exists(m_cases))
            QSKIP(qPrintable(QStringLiteral("conformance skipped: %1 does not exist").arg(m_cases)));
        QVERIFY2(QFile::exists(gatewaylabBinary()), qPrintable(gatewaylabBinary()));
    }

    // Every core case must pass; the extended ones that do not are listed in the README.
    void catalogue()
    {
        // An offset keeps the run clear of a lab the user serves on the usual ports meanwhile.
        const Run conformance = run({QStringLiteral("conformance"), QStringLiteral("--cases"), m_cases, QStringLiteral("--port-offset"),
                                     QStringLiteral("1700")},
                                    110'000);
        for (const QByteArray &line : conformance.out.split('\n'))
            qInfo("%s", line.constData());
        QVERIFY2(conformance.err.isEmpty(), conformance.err.constData());
        const QList<QByteArray> lines = conformance.out.trimmed().split('\n');
        QVERIFY(!lines.isEmpty());
        QVERIFY2(lines.last().startsWith("conformance: passed "), lines.last().constData());
        QCOMPARE(conformance.exitCode, 0);
    }

    // The status-only tests, read from what `gatewaylab check -o yaml` prints for their manifests.
    void statusChecksThroughCheckYaml_data()
    {
        QTest::addColumn<QStringList>("manifests");
        QTest::addColumn<QJsonArray>("checks");
        if (m_cases.isEmpty() || !QFile::exists(m_cases))
            return;
        QString error;
        const auto catalogue = ConformanceCatalogue::load(m_cases, &error);
        QVERIFY2(catalogue, qPrintable(error));
        for (const ConformanceCatalogue::Test &test : catalogue->tests) {
            if (!test.statusChecks.isEmpty())
                QTest::newRow(qPrintable(test.name)) << test.manifests << test.statusChecks;
        }
    }
    void statusChecksThroughCheckYaml()
    {
        QFETCH(QStringList, manifests);
        QFETCH(QJsonArray, checks);
        const Run check = run(QStringList{QStringLiteral("check"), QStringLiteral("-o"), QStringLiteral("yaml")} + manifests, 20'000);
        QCOMPARE(check.exitCode, 0);
        QString error;
        const auto items = ConformanceStatusCheck::parseItems(QString::fromUtf8(check.out), &error);
        QVERIFY2(items, qPrintable(error));
        for (const QJsonValue &value : checks) {
            const QString failure = ConformanceStatusCheck::failure(*items, value.toObject());
            QVERIFY2(failure.isEmpty(), qPrintable(ConformanceStatusCheck::describe(value.toObject()) + QStringLiteral(": ") + failure));
        }
    }
};

QTEST_GUILESS_MAIN(TestConformance)
#include "tst_conformance.moc"
