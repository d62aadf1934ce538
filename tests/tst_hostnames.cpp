#include "routing/hostnames.h"
#include "routingharness.h"

#include <QTest>

using namespace gw;
using namespace gw::test;

// Hostnames of listeners and routes (spec/gateway-api.md §1.1, §1.3): intersection in all four
// specific/wildcard combinations, the effective hostnames a listener serves, wildcard matching, the
// Host port, and which listener takes a host. Each row is named after its rule.
class TestHostnames final : public QObject
{
    Q_OBJECT

    static QStringList names(std::initializer_list<const char *> list)
    {
        QStringList out;
        for (const char *name : list)
            out << QString::fromLatin1(name);
        return out;
    }

private Q_SLOTS:
    void intersect_data()
    {
        QTest::addColumn<QString>("listener");
        QTest::addColumn<QString>("route");
        QTest::addColumn<QString>("expected");   // "(none)" when they do not intersect
        // specific listener × specific route
        QTest::newRow("specific×specific: equal names intersect") << "test.example.com" << "test.example.com" << "test.example.com";
        QTest::newRow("specific×specific: case does not matter") << "Test.Example.com" << "test.example.com" << "Test.Example.com";
        QTest::newRow("specific×specific: different names do not") << "test.example.com" << "test.example.net" << "(none)";
        // wildcard listener × specific route: the route's name is kept
        QTest::newRow("wildcard×specific: a name one label inside") << "*.example.com" << "test.example.com" << "test.example.com";
        QTest::newRow("wildcard×specific: a name two labels inside") << "*.example.com" << "foo.test.example.com" << "foo.test.example.com";
        QTest::newRow("wildcard×specific: not the bare domain") << "*.example.com" << "example.com" << "(none)";
        QTest::newRow("wildcard×specific: not another domain") << "*.example.com" << "test.example.net" << "(none)";
        // specific listener × wildcard route: the listener's name is kept
        QTest::newRow("specific×wildcard: a route wildcard covering the listener") << "test.example.com" << "*.example.com" << "test.example.com";
        QTest::newRow("specific×wildcard: a route wildcard that does not") << "very.specific.com" << "*.nonmatchingwildcard.io" << "(none)";
        QTest::newRow("specific×wildcard: a wildcard never covers its bare domain") << "example.com" << "*.example.com" << "(none)";
        // wildcard listener × wildcard route: the narrower is kept
        QTest::newRow("wildcard×wildcard: equal") << "*.example.com" << "*.example.com" << "*.example.com";
        QTest::newRow("wildcard×wildcard: the route's is narrower") << "*.example.com" << "*.foo.example.com" << "*.foo.example.com";
        QTest::newRow("wildcard×wildcard: the listener's is narrower") << "*.foo.example.com" << "*.example.com" << "*.foo.example.com";
        QTest::newRow("wildcard×wildcard: disjoint") << "*.wildcard.io" << "*.anotherwildcard.io" << "(none)";
        // unset on either side
        QTest::newRow("no listener hostname: the route's is used") << "" << "*.example.com" << "*.example.com";
        QTest::newRow("no route hostname: the listener's is used") << "foo.example.com" << "" << "foo.example.com";
    }
    void intersect()
    {
        QFETCH(QString, listener);
        QFETCH(QString, route);
        QFETCH(QString, expected);
        const auto actual = Hostnames::intersect(listener, route);
        QCOMPARE(actual.value_or(QStringLiteral("(none)")), expected);
    }

    void effective_data()
    {
        QTest::addColumn<QString>("listener");
        QTest::addColumn<QStringList>("route");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("route names outside the listener are dropped")
            << "*.example.com" << names({"bar.com", "*.example.com", "*.foo.example.com", "abc.foo.example.com"})
            << names({"*.example.com", "*.foo.example.com", "abc.foo.example.com"}) << true;
        QTest::newRow("wildcards narrow to the specific listener") << "abc.foo.example.com"
                                                                   << names({"bar.com", "*.example.com", "*.foo.example.com", "abc.foo.example.com"})
                                                                   << names({"abc.foo.example.com"}) << true;
        QTest::newRow("no intersection: NoMatchingListenerHostname") << "foo.example.com" << names({"not-accepted.test.com"}) << QStringList()
                                                                     << false;
        QTest::newRow("neither side set: any host") << "" << QStringList() << QStringList() << true;
    }
    void effective()
    {
        QFETCH(QString, listener);
        QFETCH(QStringList, route);
        QFETCH(QStringList, expected);
        QFETCH(bool, accepted);
        const auto actual = Hostnames::effective(listener, route);
        QCOMPARE(actual.has_value(), accepted);
        if (accepted)
            QCOMPARE(*actual, expected);
    }

    void matches_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("expected");
        QTest::newRow("exact name") << "foo.com" << "foo.com" << true;
        QTest::newRow("exact name, other case") << "foo.com" << "FOO.com" << true;
        QTest::newRow("wildcard, one label") << "*.bar.com" << "baz.bar.com" << true;
        QTest::newRow("wildcard, several labels") << "*.bar.com" << "multiple.prefixes.bar.com" << true;
        QTest::newRow("wildcard, not the bare domain") << "*.bar.com" << "bar.com" << false;
        QTest::newRow("wildcard, not a suffix inside a label") << "*.bar.com" << "foobar.com" << false;
        QTest::newRow("empty pattern matches any host") << "" << "anything" << true;
        QTest::newRow("* matches any host") << "*" << "anything" << true;
    }
    void matches()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, host);
        QFETCH(bool, expected);
        QCOMPARE(Hostnames::matches(pattern, host), expected);
        // The request path uses the byte form on lower-case patterns; it must agree.
        QCOMPARE(Hostnames::matches(QByteArrayView(pattern.toLower().toLatin1()), QByteArrayView(host.toLatin1())), expected);
    }

    void hostWithoutPort_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("a port is ignored") << QByteArray("very.specific.com:1234") << QByteArray("very.specific.com");
        QTest::newRow("no port") << QByteArray("example.com") << QByteArray("example.com");
        QTest::newRow("IPv6 literal with port") << QByteArray("[::1]:80") << QByteArray("[::1]");
        QTest::newRow("surrounding whitespace") << QByteArray(" example.com ") << QByteArray("example.com");
    }
    void hostWithoutPort()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, expected);
        QCOMPARE(Hostnames::hostWithoutPortView(header).toByteArray(), expected);
    }

    // Listener isolation: the most specific listener hostname takes the request, and only its routes
    // are tried (conformance test GatewayHTTPListenerIsolation).
    void listenerSelection_data()
    {
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<QString>("listener");
        QTest::newRow("exact listener before every wildcard") << QByteArray("abc.foo.example.com") << "abc-foo-example-com";
        QTest::newRow("the wildcard with more labels before the shorter one") << QByteArray("bar.foo.example.com") << "wildcard-foo-example-com";
        QTest::newRow("a wildcard before the catch-all") << QByteArray("bar.example.com") << "wildcard-example-com";
        QTest::newRow("the catch-all takes the rest") << QByteArray("bar.com") << "empty-hostname";
        QTest::newRow("the Host port does not change the choice") << QByteArray("abc.foo.example.com:8080") << "abc-foo-example-com";
    }
    void listenerSelection()
    {
        QFETCH(QByteArray, host);
        QFETCH(QString, listener);
        const RoutingHarness harness(
            "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: iso, namespace: default}\nspec:\n  gatewayClassName: gatewaylab\n"
            "  listeners:\n"
            "  - {name: empty-hostname, port: 80, protocol: HTTP}\n"
            "  - {name: wildcard-example-com, port: 80, protocol: HTTP, hostname: '*.example.com'}\n"
            "  - {name: wildcard-foo-example-com, port: 80, protocol: HTTP, hostname: '*.foo.example.com'}\n"
            "  - {name: abc-foo-example-com, port: 80, protocol: HTTP, hostname: abc.foo.example.com}\n");
        QVERIFY2(harness.ok(), qPrintable(harness.error()));
        const ListenSocketConfig *socket = harness.socket(QStringLiteral("default/iso"), 80);
        QVERIFY(socket);
        const ListenerConfig *chosen = Router::selectListener(*socket, Hostnames::hostWithoutPortView(host));
        QVERIFY(chosen);
        QCOMPARE(chosen->name, listener);
    }
};

QTEST_GUILESS_MAIN(TestHostnames)
#include "tst_hostnames.moc"
