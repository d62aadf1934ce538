#include "controller/profilerules.h"
#include "labfixture.h"
#include "rawhttpclient.h"
#include "routingharness.h"
#include "testpaths.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace gw;
using namespace gw::test;

// Where FSM v1.2 and the Gateway API specification decide differently: every switch of
// ProfileRules, shown on the same manifests under both profiles. Each row names its switch.
class TestProfiles final : public QObject
{
    Q_OBJECT

private:
    static QByteArray gateway(const QByteArray &className, const QByteArray &listeners)
    {
        return "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: g, namespace: default}\nspec:\n  gatewayClassName: "
               + className + "\n  listeners: " + listeners + "\n";
    }
    static QByteArray route(const QByteArray &name, const QByteArray &spec, const QByteArray &created = {})
    {
        QByteArray meta = "{name: " + name + ", namespace: default";
        if (!created.isEmpty())
            meta += ", creationTimestamp: \"" + created + "\"";
        return "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: " + meta + "}\nspec: " + spec + "\n";
    }
    static QString ruleName(ProfileRules::Rule rule) { return ProfileRules::ruleName(rule); }

private Q_SLOTS:
    void routing_data()
    {
        QTest::addColumn<QByteArray>("listeners");
        QTest::addColumn<QByteArray>("routes");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("fsm");

        const QByteArray oneListener = "[{name: http, port: 8000, protocol: HTTP}]";
        const QByteArray twoWildcards = "[{name: wide, port: 8000, protocol: HTTP, hostname: '*.example.com'},"
                                        " {name: narrow, port: 8000, protocol: HTTP, hostname: '*.foo.example.com'}]";
        QTest::newRow(qPrintable(ruleName(ProfileRules::Rule::HostSelection) + QStringLiteral(": listener isolation against one host table per port")))
            << twoWildcards
            << route("wide", "{parentRefs: [{name: g, sectionName: wide}], rules: [{matches: [{path: {type: PathPrefix, value: /wide}}]}]}")
                   + route("narrow", "{parentRefs: [{name: g, sectionName: narrow}], rules: [{matches: [{path: {type: PathPrefix, value: /narrow}}]}]}")
            << QByteArray("/wide") << QByteArray("bar.foo.example.com") << QStringLiteral("404") << QStringLiteral("default/wide#0");
        QTest::newRow(qPrintable(ruleName(ProfileRules::Rule::HostSelection) + QStringLiteral(": FSM tries the Host with its port before stripping it")))
            << oneListener
            << route("any", "{parentRefs: [{name: g}], rules: [{matches: [{path: {type: PathPrefix, value: /}}]}]}")
                   + route("named", "{parentRefs: [{name: g}], hostnames: [foo.com], rules: [{matches: [{path: {type: PathPrefix, value: /}}]}]}")
            << QByteArray("/") << QByteArray("foo.com:8000") << QStringLiteral("default/named#0") << QStringLiteral("default/any#0");
        QTest::newRow(qPrintable(ruleName(ProfileRules::Rule::MatchOrder) + QStringLiteral(": the older route against config order")))
            << oneListener
            << route("new", "{parentRefs: [{name: g}], rules: [{matches: [{path: {type: PathPrefix, value: /}}]}]}", "2025-01-01T00:00:00Z")
                   + route("old", "{parentRefs: [{name: g}], rules: [{matches: [{path: {type: PathPrefix, value: /}}]}]}", "2024-01-01T00:00:00Z")
            << QByteArray("/") << QByteArray("lab.example") << QStringLiteral("default/old#0") << QStringLiteral("default/new#0");
        QTest::newRow(qPrintable(ruleName(ProfileRules::Rule::MatchOrder) + QStringLiteral(": equal-length paths by rule order against reverse lexical order")))
            << oneListener
            << route("r", "{parentRefs: [{name: g}], rules: [{matches: [{path: {type: RegularExpression, value: \"/.*b\"}}]},"
                          " {matches: [{path: {type: RegularExpression, value: \"/a.*\"}}]}]}")
            << QByteArray("/ab") << QByteArray("lab.example") << QStringLiteral("default/r#0") << QStringLiteral("default/r#1");
        QTest::newRow(qPrintable(ruleName(ProfileRules::Rule::PrefixTrailingSlash) + QStringLiteral(": /abc/ and the request /abc")))
            << oneListener
            << route("r", "{parentRefs: [{name: g}], rules: [{matches: [{path: {type: PathPrefix, value: /}}]}, {matches: [{path: {type: PathPrefix, value: /abc/}}]}]}")
            << QByteArray("/abc") << QByteArray("lab.example") << QStringLiteral("default/r#1") << QStringLiteral("default/r#0");
        QTest::newRow("the same decision where the profiles agree") << oneListener
                                                                   << route("r", "{parentRefs: [{name: g}], rules: [{matches: [{path: {type: Exact, value: /a}}]},"
                                                                                 " {matches: [{path: {type: PathPrefix, value: /}}]}]}")
                                                                   << QByteArray("/a") << QByteArray("lab.example") << QStringLiteral("default/r#0")
                                                                   << QStringLiteral("default/r#0");
    }
    void routing()
    {
        QFETCH(QByteArray, listeners);
        QFETCH(QByteArray, routes);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, host);
        QFETCH(QString, spec);
        QFETCH(QString, fsm);
        for (const bool isFsm : {false, true}) {
            const RoutingHarness harness(gateway(isFsm ? "fsm-gateway-cls" : "gatewaylab", listeners) + routes);
            QVERIFY2(harness.ok(), qPrintable(harness.error()));
            const ListenSocketConfig *socket = harness.socket(QStringLiteral("default/g"), 8000);
            QVERIFY(socket);
            const Profile profile = isFsm ? Profile::Fsm : Profile::Spec;
            QCOMPARE(RoutingHarness::decide(*socket, profile, "GET", target, host), isFsm ? fsm : spec);
            // The trail says what the other profile would have done.
            const QString other = isFsm ? spec : fsm;
            const QString otherName = isFsm ? QStringLiteral("a spec-conformant gateway") : QStringLiteral("FSM v1.2");
            const QString expected = other == fsm && other == spec ? QStringLiteral("%1 would decide the same").arg(otherName)
                                     : other == u"404"             ? QStringLiteral("%1 would answer 404").arg(otherName)
                                                                   : QStringLiteral("%1 would route this to rule %2 of HTTPRoute %3")
                                                                         .arg(otherName, other.section(u'#', 1), other.section(u'#', 0, 0));
            const QStringList trail = RoutingHarness::explain(*socket, "GET", target, host);
            QVERIFY2(std::any_of(trail.cbegin(), trail.cend(), [&](const QString &line) { return line.startsWith(expected); }),
                     qPrintable(expected + QStringLiteral("\n---\n") + trail.join(u'\n')));
        }
    }

    void gatewaysPerNamespace_data()
    {
        QTest::addColumn<QByteArray>("className");
        QTest::addColumn<bool>("secondServed");
        QTest::addColumn<QString>("secondReason");
        QTest::newRow(qPrintable(ruleName(ProfileRules::Rule::GatewaysPerNamespace) + QStringLiteral(": spec runs every Gateway")))
            << QByteArray("gatewaylab") << true << QStringLiteral("Accepted");
        QTest::newRow(qPrintable(ruleName(ProfileRules::Rule::GatewaysPerNamespace) + QStringLiteral(": FSM accepts only the oldest")))
            << QByteArray("fsm-gateway-cls") << false << QStringLiteral("Unaccepted");
    }
    void gatewaysPerNamespace()
    {
        QFETCH(QByteArray, className);
        QFETCH(bool, secondServed);
        QFETCH(QString, secondReason);
        const QByteArray yaml = "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: second, namespace: default, creationTimestamp: "
                                "\"2025-01-01T00:00:00Z\"}\nspec: {gatewayClassName: "
                                + className + ", listeners: [{name: http, port: 8000, protocol: HTTP}]}\n---\n"
                                  "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: first, namespace: default, creationTimestamp: "
                                  "\"2024-01-01T00:00:00Z\"}\nspec: {gatewayClassName: "
                                + className + ", listeners: [{name: http, port: 8000, protocol: HTTP}]}\n";
        const RoutingHarness harness(yaml);
        QVERIFY2(harness.ok(), qPrintable(harness.error()));
        QVERIFY(harness.socket(QStringLiteral("default/first"), 8000));
        QCOMPARE(harness.socket(QStringLiteral("default/second"), 8000) != nullptr, secondServed);
        const ObjectStatus *status = harness.result().status(QStringLiteral("Gateway"), QStringLiteral("default/second"));
        QVERIFY(status && status->condition(QStringLiteral("Accepted")));
        QCOMPARE(status->condition(QStringLiteral("Accepted"))->reason, secondReason);
        QCOMPARE(status->condition(QStringLiteral("Accepted"))->isTrue(), secondServed);
    }

    // The differences that show on the wire, one FSM and one spec Gateway in front of the same routes.
    void onTheWire_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("fsm");
        QTest::addColumn<QString>("spec");
        QTest::newRow(qPrintable(ruleName(ProfileRules::Rule::NoEndpointsStatus))) << QByteArray("/empty") << "status" << "502 Proxy Error"
                                                                                  << "503 Service Unavailable";
        QTest::newRow(qPrintable(ruleName(ProfileRules::Rule::UpstreamHost))) << QByteArray("/echo") << "host" << "(endpoint)" << "profiles.test";
        QTest::newRow(qPrintable(ruleName(ProfileRules::Rule::ForwardedFor))) << QByteArray("/echo") << "xff" << "(gateway)" << "(client)";
    }
    void onTheWire()
    {
        QFETCH(QByteArray, path);
        QFETCH(QString, what);
        QFETCH(QString, fsm);
        QFETCH(QString, spec);
        LabFixture lab;
        QVERIFY2(lab.start({testDataDir() + QStringLiteral("/gateway/profiles.yaml")}), qPrintable(lab.error()));
        for (const bool isFsm : {true, false}) {
            const Simulation::ListenerAddress listener =
                lab.listener(isFsm ? QStringLiteral("default/fsm") : QStringLiteral("spec-side/spec"), QStringLiteral("http"));
            QVERIFY(!listener.address.isEmpty());
            RawHttpClient client(listener.address, listener.port);
            const auto reply = client.exchange("GET " + path + " HTTP/1.1\r\nHost: profiles.test\r\n\r\n");
            QVERIFY2(reply.ok, qPrintable(reply.error));
            const QJsonObject echo = QJsonDocument::fromJson(reply.response.body).object();
            QString actual;
            if (what == u"status") {
                actual = QString::number(reply.response.status) + u' ' + QString::fromUtf8(reply.response.body);
            } else if (what == u"host") {
                actual = echo.value(u"host").toString();
                if (actual.startsWith(u"10.42."))
                    actual = QStringLiteral("(endpoint)");
            } else {
                const QString xff = echo.value(u"headers").toObject().value(u"X-Forwarded-For").toArray().at(0).toString();
                actual = xff == QString::fromLatin1(listener.address) ? QStringLiteral("(gateway)")
                         : xff == u"127.0.0.1"                        ? QStringLiteral("(client)")
                                                                       : xff;
            }
            QCOMPARE(actual, isFsm ? fsm : spec);
        }
    }
};

QTEST_GUILESS_MAIN(TestProfiles)
#include "tst_profiles.moc"
