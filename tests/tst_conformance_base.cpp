#include "labfixture.h"
#include "rawhttpclient.h"
#include "testpaths.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace gw;
using namespace gw::test;

// The Gateway API conformance base manifests, served as a conformant implementation would have
// them: every Deployment's pods exist, and every echo pod answers as echo-basic does.
class TestConformanceBase final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LabFixture> m_lab;

private Q_SLOTS:
    void initTestCase()
    {
        const QString manifests = sharedDir() + QStringLiteral("/conformance/conformance/base/manifests.yaml");
        if (!QFile::exists(manifests))
            QSKIP("the shared conformance data is not present next to the project");
        Simulation::Options options;
        options.substitutions = {{QStringLiteral("{GATEWAY_CLASS_NAME}"), QStringLiteral("gatewaylab")}};
        m_lab = std::make_unique<LabFixture>(options);
        QVERIFY2(m_lab->start({manifests}), qPrintable(m_lab->error()));
    }
    void cleanupTestCase() { m_lab.reset(); }

    void loadsWithoutErrors()
    {
        const Diagnostics diagnostics = m_lab->simulation().diagnostics();
        QVERIFY(!hasErrors(diagnostics));
        const Cluster &cluster = m_lab->simulation().cluster();
        QCOMPARE(cluster.manifests().gateways.size(), 4);
        // 14 Deployments with two replicas each, named as Kubernetes names ReplicaSet pods.
        int infraV1 = 0;
        for (const ClusterPod &pod : cluster.pods()) {
            if (pod.ownerDeployment == u"infra-backend-v1") {
                ++infraV1;
                QVERIFY2(QRegularExpression(QStringLiteral("^infra-backend-v1-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$"))
                             .match(pod.name)
                             .hasMatch(),
                         qPrintable(pod.name));
            }
        }
        QCOMPARE(infraV1, 2);
    }

    void everyEchoPodAnswersAsEchoBasic()
    {
        const QList<MockPodHost::Endpoint> endpoints = m_lab->simulation().mockPods().endpoints();
        // Every pod port that receives traffic is served: 13 echo Deployments × 2 replicas, plus
        // the single coredns pod the DNS tests use (answered with an echo, with a warning).
        QCOMPARE(endpoints.size(), m_lab->simulation().cluster().mockPods().size());
        QVERIFY2(endpoints.size() >= 27, qPrintable(QString::number(endpoints.size())));
        for (const MockPodHost::Endpoint &endpoint : endpoints) {
            QVERIFY2(endpoint.running && endpoint.localPort != 0, qPrintable(endpoint.endpointKey));
            RawHttpClient client("127.0.0.1", endpoint.localPort);
            const auto reply = client.exchange("GET /probe?x=1 HTTP/1.1\r\nHost: conformance.example\r\nX-Echo-Set-Header: X-Lab: yes\r\n\r\n");
            QVERIFY2(reply.ok, qPrintable(reply.error));
            QCOMPARE(reply.response.status, 200);
            QCOMPARE(reply.response.headers.value("x-lab"), QByteArray("yes"));
            const QJsonObject echo = QJsonDocument::fromJson(reply.response.body).object();
            const QStringList pod = endpoint.podKey.split(u'/');
            QCOMPARE(echo.value(u"namespace").toString(), pod[0]);
            QCOMPARE(echo.value(u"pod").toString(), pod[1]);
            QCOMPARE(echo.value(u"path").toString(), QStringLiteral("/probe?x=1"));
            QCOMPARE(echo.value(u"host").toString(), QStringLiteral("conformance.example"));
            QCOMPARE(echo.value(u"method").toString(), QStringLiteral("GET"));
        }
    }
};

QTEST_GUILESS_MAIN(TestConformanceBase)
#include "tst_conformance_base.moc"
