#include "lab/yamlvalue.h"
#include "routingharness.h"

#include <QTest>

using namespace gw;
using namespace gw::test;

// The status the controller writes (spec/gateway-api.md §1.4; FSM's policy conditions,
// spec/fsm-gateway.md §1), for the cases the conformance catalogue does not cover, and the YAML
// `check -o yaml` prints them in. Each row is named after the rule it shows.
class TestStatus final : public QObject
{
    Q_OBJECT

private:
    static QByteArray gateway(const QByteArray &listeners)
    {
        return "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: g, namespace: default}\nspec: {gatewayClassName: gatewaylab, "
               "listeners: "
               + listeners + "}\n";
    }
    static QByteArray route(const QByteArray &spec, const QByteArray &ns = "default")
    {
        return "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, namespace: " + ns + "}\nspec: " + spec + "\n";
    }
    static QByteArray service(const QByteArray &extra = {})
    {
        return "---\napiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: default}\nspec: {selector: {app: s}, ports: [{port: 80" + extra
               + "}]}\n";
    }
    // "type=status/reason" of a condition, or "(none)".
    static QString condition(const QList<ObjectStatus::Condition> &conditions, const QString &type)
    {
        const ObjectStatus::Condition *found = ObjectStatus::findCondition(conditions, type);
        return found ? QStringLiteral("%1/%2").arg(found->status, found->reason) : QStringLiteral("(none)");
    }

private Q_SLOTS:
    void listeners_data()
    {
        QTest::addColumn<QByteArray>("listeners");
        QTest::addColumn<QString>("listener");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("expected");
        QTest::newRow("Conflicted: two listeners with one port and hostname")
            << QByteArray("[{name: a, port: 80, protocol: HTTP, hostname: x.com}, {name: b, port: 80, protocol: HTTP, hostname: x.com}]") << "b"
            << "Conflicted" << "True/HostnameConflict";
        QTest::newRow("Conflicted: HTTP and HTTPS on one port")
            << QByteArray("[{name: a, port: 80, protocol: HTTP}, {name: b, port: 80, protocol: HTTPS, tls: {certificateRefs: [{name: c}]}}]") << "a"
            << "Conflicted" << "True/ProtocolConflict";
        QTest::newRow("Conflicted: a conflicting listener is not programmed")
            << QByteArray("[{name: a, port: 80, protocol: HTTP}, {name: b, port: 80, protocol: HTTP}]") << "a" << "Programmed" << "False/Invalid";
        QTest::newRow("Conflicted: hostnames that differ do not conflict")
            << QByteArray("[{name: a, port: 80, protocol: HTTP, hostname: x.com}, {name: b, port: 80, protocol: HTTP, hostname: y.com}]") << "b"
            << "Conflicted" << "False/NoConflicts";
        QTest::newRow("Accepted: an unsupported protocol") << QByteArray("[{name: a, port: 9000, protocol: TCP}]") << "a" << "Accepted"
                                                           << "False/UnsupportedProtocol";
        QTest::newRow("ResolvedRefs: an unsupported route kind")
            << QByteArray("[{name: a, port: 80, protocol: HTTP, allowedRoutes: {kinds: [{kind: GRPCRoute}]}}]") << "a" << "ResolvedRefs"
            << "False/InvalidRouteKinds";
        QTest::newRow("ResolvedRefs: an HTTPS certificate that does not exist")
            << QByteArray("[{name: a, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: missing}]}}]") << "a" << "ResolvedRefs"
            << "False/InvalidCertificateRef";
        QTest::newRow("Programmed: HTTPS is understood but not served") << QByteArray("[{name: a, port: 443, protocol: HTTPS}]") << "a" << "Programmed"
                                                                       << "False/Invalid";
    }
    void listeners()
    {
        QFETCH(QByteArray, listeners);
        QFETCH(QString, listener);
        QFETCH(QString, type);
        QFETCH(QString, expected);
        const RoutingHarness harness(gateway(listeners));
        QVERIFY2(harness.ok(), qPrintable(harness.error()));
        const ObjectStatus *status = harness.result().status(QStringLiteral("Gateway"), QStringLiteral("default/g"));
        QVERIFY(status);
        for (const ObjectStatus::Listener &entry : status->listeners) {
            if (entry.name == listener) {
                QCOMPARE(condition(entry.conditions, type), expected);
                return;
            }
        }
        QFAIL("no status for the listener");
    }

    void gatewayConditions()
    {
        // ListenersNotValid with Accepted=True when only some listeners are valid.
        const RoutingHarness partial(gateway("[{name: a, port: 80, protocol: HTTP}, {name: b, port: 9000, protocol: UDP}]"));
        const ObjectStatus *status = partial.result().status(QStringLiteral("Gateway"), QStringLiteral("default/g"));
        QVERIFY(status);
        QCOMPARE(condition(status->conditions, QStringLiteral("Accepted")), QStringLiteral("True/ListenersNotValid"));
        QCOMPARE(condition(status->conditions, QStringLiteral("Programmed")), QStringLiteral("True/Programmed"));
        QCOMPARE(status->addresses, QStringList{QStringLiteral("127.0.0.2")});
        const RoutingHarness none(gateway("[{name: b, port: 9000, protocol: UDP}]"));
        status = none.result().status(QStringLiteral("Gateway"), QStringLiteral("default/g"));
        QCOMPARE(condition(status->conditions, QStringLiteral("Accepted")), QStringLiteral("False/ListenersNotValid"));
        QCOMPARE(condition(status->conditions, QStringLiteral("Programmed")), QStringLiteral("False/Invalid"));
    }

    void routes_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("expected");
        const QByteArray g = gateway("[{name: http, port: 80, protocol: HTTP, allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {team: a}}}}}]");
        const QByteArray ns = "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: team-a, labels: {team: a}}\n";
        QTest::newRow("Accepted: a namespace the Selector selects")
            << g + ns + route("{parentRefs: [{name: g, namespace: default}], rules: [{backendRefs: [{name: s, namespace: default, port: 80}]}]}", "team-a")
            << "Accepted" << "True/Accepted";
        QTest::newRow("Accepted: a namespace the Selector does not select")
            << g + route("{parentRefs: [{name: g}], rules: [{backendRefs: [{name: s, port: 80}]}]}") + service() << "Accepted" << "False/NotAllowedByListeners";
        const QByteArray plain = gateway("[{name: http, port: 80, protocol: HTTP}]");
        QTest::newRow("Accepted: a sectionName no listener has") << plain + route("{parentRefs: [{name: g, sectionName: nope}]}") << "Accepted"
                                                                 << "False/NoMatchingParent";
        QTest::newRow("Accepted: URLRewrite with RequestRedirect is IncompatibleFilters")
            << plain
                   + route("{parentRefs: [{name: g}], rules: [{filters: [{type: URLRewrite, urlRewrite: {hostname: a}}, "
                           "{type: RequestRedirect, requestRedirect: {hostname: b}}]}]}")
            << "Accepted" << "False/IncompatibleFilters";
        QTest::newRow("Accepted: an unsupported redirect code is UnsupportedValue")
            << plain + route("{parentRefs: [{name: g}], rules: [{filters: [{type: RequestRedirect, requestRedirect: {statusCode: 304}}]}]}") << "Accepted"
            << "False/UnsupportedValue";
        QTest::newRow("Accepted: ReplacePrefixMatch needs a PathPrefix match")
            << plain
                   + route("{parentRefs: [{name: g}], rules: [{matches: [{path: {type: Exact, value: /a}}], "
                           "filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /b}}}]}]}")
            << "Accepted" << "False/UnsupportedValue";
        QTest::newRow("PartiallyInvalid: one rule dropped, the route still accepted")
            << plain
                   + route("{parentRefs: [{name: g}], rules: [{matches: [{method: BREW}]}, {backendRefs: [{name: s, port: 80}]}]}") + service()
            << "PartiallyInvalid" << "True/UnsupportedValue";
        QTest::newRow("ResolvedRefs: an h2c Service port is UnsupportedProtocol")
            << plain + route("{parentRefs: [{name: g}], rules: [{backendRefs: [{name: s, port: 80}]}]}") + service(", appProtocol: kubernetes.io/h2c")
            << "ResolvedRefs" << "False/UnsupportedProtocol";
        QTest::newRow("ResolvedRefs: a mirror backend that does not exist")
            << plain
                   + route("{parentRefs: [{name: g}], rules: [{filters: [{type: RequestMirror, requestMirror: {backendRef: {name: gone, port: 80}}}], "
                           "backendRefs: [{name: s, port: 80}]}]}")
                   + service()
            << "ResolvedRefs" << "False/BackendNotFound";
    }
    void routes()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, type);
        QFETCH(QString, expected);
        const RoutingHarness harness(yaml);
        QVERIFY2(harness.ok(), qPrintable(harness.error()));
        const ObjectStatus *status = nullptr;
        for (const ObjectStatus &candidate : harness.result().statuses) {
            if (candidate.kind == u"HTTPRoute")
                status = &candidate;
        }
        QVERIFY(status);
        QCOMPARE(status->parents.size(), 1);
        QCOMPARE(condition(status->parents.first().conditions, type), expected);
    }

    void policies_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("policy");
        QTest::addColumn<QString>("expected");
        const QByteArray svc = "apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: default}\nspec: {selector: {app: s}, ports: [{port: 80}]}\n";
        const auto policy = [](const QByteArray &name, const QByteArray &target, const QByteArray &cookie, const QByteArray &created) -> QByteArray {
            return "---\napiVersion: gateway.flomesh.io/v1alpha1\nkind: SessionStickyPolicy\nmetadata: {name: " + name
                   + ", namespace: default, creationTimestamp: \"" + created + "\"}\nspec: {targetRef: {group: \"\", kind: Service, name: " + target
                   + "}, ports: [{port: 80}], config: {cookieName: " + cookie + "}}\n";
        };
        QTest::newRow("Accepted: a policy on an existing Service") << svc + policy("p", "s", "a", "2024-01-01T00:00:00Z") << "p" << "True/Accepted";
        QTest::newRow("TargetNotFound: the Service does not exist") << svc + policy("p", "gone", "a", "2024-01-01T00:00:00Z") << "p"
                                                                    << "False/TargetNotFound";
        QTest::newRow("Conflicted: a newer policy with other settings on the same port")
            << svc + policy("older", "s", "a", "2024-01-01T00:00:00Z") + policy("newer", "s", "b", "2025-01-01T00:00:00Z") << "newer"
            << "False/Conflicted";
    }
    void policies()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, policy);
        QFETCH(QString, expected);
        const RoutingHarness harness(yaml);
        QVERIFY2(harness.ok(), qPrintable(harness.error()));
        const ObjectStatus *status = harness.result().status(QStringLiteral("SessionStickyPolicy"), QStringLiteral("default/") + policy);
        QVERIFY(status);
        QCOMPARE(condition(status->conditions, QStringLiteral("Accepted")), expected);
    }

    // Scalars as kubectl's YAML writes them.
    void yamlQuoting_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("a plain word") << "HTTPRoute" << "HTTPRoute";
        QTest::newRow("a wildcard hostname") << "*.example.com" << "'*.example.com'";
        QTest::newRow("a word YAML reads as a boolean") << "True" << "\"True\"";
        QTest::newRow("a number as a string") << "8080" << "\"8080\"";
        QTest::newRow("the empty string") << "" << "\"\"";
        QTest::newRow("a timestamp") << "2026-01-01T00:00:00Z" << "\"2026-01-01T00:00:00Z\"";
        QTest::newRow("a colon and a space") << "a: b" << "'a: b'";
        QTest::newRow("a path") << "/v2/example" << "/v2/example";
    }
    void yamlQuoting()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(YamlValue::quoted(text), expected);
    }
    void yamlLayout()
    {
        YamlValue listener = YamlValue::map();
        listener.insert(QStringLiteral("name"), YamlValue::string(QStringLiteral("http"))).insert(QStringLiteral("port"), YamlValue::integer(80));
        YamlValue spec = YamlValue::map();
        spec.insert(QStringLiteral("listeners"), YamlValue::list().append(listener)).insert(QStringLiteral("gatewayClassName"), YamlValue::string(QStringLiteral("x")));
        spec.insert(QStringLiteral("empty"), YamlValue::list());
        // Keys sorted, sequences at their key's indentation, empty lists inline.
        QCOMPARE(YamlValue::map().insert(QStringLiteral("spec"), spec).toYaml(),
                 QStringLiteral("spec:\n  empty: []\n  gatewayClassName: x\n  listeners:\n  - name: http\n    port: 80\n"));
    }
};

QTEST_GUILESS_MAIN(TestStatus)
#include "tst_status.moc"
