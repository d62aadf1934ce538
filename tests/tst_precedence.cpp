#include "routingharness.h"

#include <QTest>

using namespace gw;
using namespace gw::test;

// Which rule takes a request when several could: Gateway API precedence (spec/gateway-api.md §2.3,
// steps 0-8) and FSM's ByHTTPTrafficMatch order (spec/fsm-gateway.md §5). Each row is named after
// the rule it shows; the expected value is "namespace/route#rule" or 404.
class TestPrecedence final : public QObject
{
    Q_OBJECT

private:
    static QByteArray gateway(const QByteArray &className)
    {
        return "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: g, namespace: default}\nspec:\n  gatewayClassName: " + className
               + "\n  listeners: [{name: http, port: 8000, protocol: HTTP, allowedRoutes: {namespaces: {from: All}}}]\n";
    }
    // One HTTPRoute attached to Gateway g; `spec` is the rest of its spec in flow style.
    static QByteArray route(const QByteArray &name, const QByteArray &spec, const QByteArray &created = {})
    {
        QByteArray meta = "{name: " + name + ", namespace: default";
        if (!created.isEmpty())
            meta += ", creationTimestamp: \"" + created + "\"";
        meta += "}";
        return "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: " + meta + "\nspec: {parentRefs: [{name: g}], " + spec + "}\n";
    }
    static QByteArray rules(const QList<QByteArray> &matchLists)
    {
        QByteArray out = "rules: [";
        for (qsizetype i = 0; i < matchLists.size(); ++i)
            out += (i ? ", " : "") + QByteArray("{matches: [") + matchLists[i] + "]}";
        return out + "]";
    }
    static QByteArray prefix(const QByteArray &value) { return "{path: {type: PathPrefix, value: " + value + "}}"; }
    static QByteArray exact(const QByteArray &value) { return "{path: {type: Exact, value: " + value + "}}"; }

    static void row(const char *rule, const char *profile, const QByteArray &routes, const QByteArray &method, const QByteArray &target,
                    const QByteArray &host, const QByteArray &headers, const QString &expected)
    {
        QTest::newRow(rule) << QString::fromLatin1(profile) << routes << method << target << host << headers << expected;
    }

private Q_SLOTS:
    void precedence_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QByteArray>("routes");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<QByteArray>("headers");
        QTest::addColumn<QString>("expected");

        const QByteArray h = "lab.example";
        // Step 1: path kind.
        row("spec step 1: Exact beats a PathPrefix of the same path", "spec", route("a", rules({prefix("/a"), exact("/a")})), "GET", "/a", h, {},
            QStringLiteral("default/a#1"));
        row("spec step 1: Exact beats a longer PathPrefix", "spec", route("a", rules({prefix("/a/b/c/d"), exact("/a/b/c/d")})), "GET", "/a/b/c/d",
            h, {}, QStringLiteral("default/a#1"));
        row("spec step 1: Exact in an older route beats PathPrefix in a newer one", "spec",
            route("old", rules({exact("/x")}), "2024-01-01T00:00:00Z") + route("new", rules({prefix("/x")}), "2025-01-01T00:00:00Z"), "GET",
            "/x", h, {}, QStringLiteral("default/old#0"));
        row("spec step 1: Exact does not match a trailing slash", "spec", route("a", rules({exact("/two"), prefix("/")})), "GET", "/two/", h, {},
            QStringLiteral("default/a#1"));
        row("spec step 1: Exact is case-sensitive", "spec", route("a", rules({exact("/two")})), "GET", "/Two", h, {}, QStringLiteral("404"));
        // Step 2: prefix length.
        row("spec step 2: the longest PathPrefix wins", "spec", route("a", rules({prefix("/match/"), prefix("/match/prefix/"), prefix("/match/prefix/one")})),
            "GET", "/match/prefix/one/any", h, {}, QStringLiteral("default/a#2"));
        row("spec step 2: a shorter prefix takes what the longer does not match", "spec",
            route("a", rules({prefix("/match/"), prefix("/match/prefix/")})), "GET", "/match/any", h, {}, QStringLiteral("default/a#0"));
        row("spec step 2: longest prefix across routes", "spec", route("a", rules({prefix("/v2")})) + route("b", rules({prefix("/v2/example")})),
            "GET", "/v2/example/x", h, {}, QStringLiteral("default/b#0"));
        row("spec step 2: PathPrefix compares whole segments", "spec", route("a", rules({prefix("/"), prefix("/v2")})), "GET", "/v2example", h, {},
            QStringLiteral("default/a#0"));
        row("spec step 2: a prefix's trailing slash is ignored", "spec", route("a", rules({prefix("/"), prefix("/abc/")})), "GET", "/abc", h, {},
            QStringLiteral("default/a#1"));
        row("spec step 2: a prefix does not match inside the path", "spec", route("a", rules({prefix("/"), prefix("/v2")})), "GET", "/foo/v2/example",
            h, {}, QStringLiteral("default/a#0"));
        row("spec step 2: RegularExpression ranks after every PathPrefix (lab's choice)", "spec",
            route("a", rules({"{path: {type: RegularExpression, value: \"/a.*\"}}", prefix("/")})), "GET", "/abc", h, {}, QStringLiteral("default/a#1"));
        // Step 3: method.
        row("spec step 3: a method match beats none", "spec", route("a", rules({prefix("/"), "{path: {type: PathPrefix, value: /}, method: GET}"})),
            "GET", "/", h, {}, QStringLiteral("default/a#1"));
        row("spec step 3: method ranks after path length", "spec",
            route("a", rules({"{path: {type: PathPrefix, value: /a}, method: GET}", prefix("/a/b")})), "GET", "/a/b", h, {},
            QStringLiteral("default/a#1"));
        row("spec step 3: HEAD does not match a GET rule", "spec", route("a", rules({"{method: GET}"})), "HEAD", "/", h, {}, QStringLiteral("404"));
        // Step 4: header count.
        row("spec step 4: more header matches win", "spec",
            route("a", rules({"{headers: [{name: version, value: two}]}", "{headers: [{name: version, value: two}, {name: color, value: orange}]}"})),
            "GET", "/", h, "Version: two\nColor: orange", QStringLiteral("default/a#1"));
        row("spec step 4: header count ranks after the method", "spec",
            route("a", rules({"{method: GET}", "{headers: [{name: a, value: '1'}, {name: b, value: '2'}]}"})), "GET", "/", h, "a: 1\nb: 2",
            QStringLiteral("default/a#0"));
        row("spec step 4: header names are case-insensitive", "spec", route("a", rules({"{headers: [{name: VERSION, value: one}]}"})), "GET", "/",
            h, "version: one", QStringLiteral("default/a#0"));
        row("spec step 4: header values are exact", "spec", route("a", rules({"{headers: [{name: version, value: one}]}"})), "GET", "/", h,
            "version: One", QStringLiteral("404"));
        // Step 5: query parameter count.
        row("spec step 5: more query parameter matches win", "spec",
            route("a", rules({"{queryParams: [{name: animal, value: dolphin}]}",
                              "{queryParams: [{name: animal, value: dolphin}, {name: color, value: blue}]}"})),
            "GET", "/?animal=dolphin&color=blue", h, {}, QStringLiteral("default/a#1"));
        row("spec step 5: query count ranks after header count", "spec",
            route("a", rules({"{queryParams: [{name: qx, value: '1'}, {name: qy, value: '2'}]}", "{headers: [{name: v, value: one}]}"})), "GET",
            "/?qx=1&qy=2", h, "v: one", QStringLiteral("default/a#1"));
        row("spec step 5: query parameter names are exact", "spec",
            route("a", rules({"{queryParams: [{name: animal, value: whale}]}", "{queryParams: [{name: ANIMAL, value: Whale}]}"})), "GET",
            "/?ANIMAL=Whale", h, {}, QStringLiteral("default/a#1"));
        row("spec step 5: the first occurrence of a query parameter counts", "spec", route("a", rules({"{queryParams: [{name: a, value: '1'}]}"})),
            "GET", "/?a=2&a=1", h, {}, QStringLiteral("404"));
        // Steps 6-8: ties.
        row("spec step 6: the older route wins a tie", "spec",
            route("new", rules({prefix("/")}), "2025-01-01T00:00:00Z") + route("old", rules({prefix("/")}), "2024-01-01T00:00:00Z"), "GET", "/", h, {},
            QStringLiteral("default/old#0"));
        row("spec step 7: namespace/name order breaks an age tie", "spec",
            route("zeta", rules({prefix("/")}), "2024-01-01T00:00:00Z") + route("alpha", rules({prefix("/")}), "2024-01-01T00:00:00Z"), "GET", "/", h,
            {}, QStringLiteral("default/alpha#0"));
        row("spec step 8: the first rule of the route wins", "spec", route("a", rules({prefix("/x"), prefix("/x")})), "GET", "/x", h, {},
            QStringLiteral("default/a#0"));
        // Step 0: route hostnames.
        row("spec step 0: a more specific route hostname beats a better path", "spec",
            route("wild", "hostnames: ['*.example.com'], " + rules({exact("/x")})) + route("host", "hostnames: [foo.example.com], " + rules({prefix("/")})),
            "GET", "/x", "foo.example.com", {}, QStringLiteral("default/host#0"));
        row("spec step 0: a route with hostnames ranks before one without", "spec",
            route("any", rules({exact("/x")})) + route("named", "hostnames: [foo.example.com], " + rules({prefix("/")})), "GET", "/x", "foo.example.com",
            {}, QStringLiteral("default/named#0"));
        row("spec step 0: a less specific hostname takes what the specific route does not match", "spec",
            route("host", "hostnames: [foo.example.com], " + rules({prefix("/a")})) + route("wild", "hostnames: ['*.example.com'], " + rules({prefix("/b")})),
            "GET", "/b", "foo.example.com", {}, QStringLiteral("default/wild#0"));
        row("spec step 0: a route does not serve hosts outside its hostnames", "spec",
            route("one", "hostnames: [example.com, example.net], " + rules({prefix("/")})) + route("two", "hostnames: [example.com], " + rules({prefix("/v2")})),
            "GET", "/v2", "example.net", {}, QStringLiteral("default/one#0"));
        row("spec step 0: a wildcard does not match its bare domain", "spec", route("wild", "hostnames: ['*.example.com'], " + rules({prefix("/")})),
            "GET", "/", "example.com", {}, QStringLiteral("404"));
        row("spec step 0: the Host port is ignored", "spec", route("host", "hostnames: [very.specific.com], " + rules({prefix("/")})), "GET", "/",
            "very.specific.com:1234", {}, QStringLiteral("default/host#0"));

        // FSM's ByHTTPTrafficMatch.
        row("fsm order: Exact before Prefix", "fsm", route("a", rules({prefix("/a"), exact("/a")})), "GET", "/a", h, {}, QStringLiteral("default/a#1"));
        row("fsm order: longer path string first", "fsm", route("a", rules({prefix("/match/"), prefix("/match/prefix/")})), "GET", "/match/prefix/x", h,
            {}, QStringLiteral("default/a#1"));
        row("fsm order: \"/\" reads as \"/*\" and sorts after an equal-length path", "fsm", route("a", rules({prefix("/"), prefix("/a")})), "GET",
            "/a/b", h, {}, QStringLiteral("default/a#1"));
        row("fsm order: equal-length paths in reverse lexical order, before header count", "fsm",
            route("a", rules({"{path: {type: RegularExpression, value: \"/.*b\"}, headers: [{name: v, value: one}]}",
                              "{path: {type: RegularExpression, value: \"/a.*\"}}"})),
            "GET", "/ab", h, "v: one", QStringLiteral("default/a#1"));
        row("fsm order: the same rows in the spec profile rank by header count", "spec",
            route("a", rules({"{path: {type: RegularExpression, value: \"/.*b\"}, headers: [{name: v, value: one}]}",
                              "{path: {type: RegularExpression, value: \"/a.*\"}}"})),
            "GET", "/ab", h, "v: one", QStringLiteral("default/a#0"));
        row("fsm order: method, then headers, then query", "fsm",
            route("a", rules({"{queryParams: [{name: q, value: '1'}]}", "{headers: [{name: v, value: one}]}", "{method: GET}"})), "GET", "/?q=1", h,
            "v: one", QStringLiteral("default/a#2"));
        row("fsm order: no route-age tie-break, config order decides", "fsm",
            route("new", rules({prefix("/")}), "2025-01-01T00:00:00Z") + route("old", rules({prefix("/")}), "2024-01-01T00:00:00Z"), "GET", "/", h, {},
            QStringLiteral("default/new#0"));
        row("fsm path: a prefix written with a trailing slash needs it", "fsm", route("a", rules({prefix("/"), prefix("/abc/")})), "GET", "/abc", h, {},
            QStringLiteral("default/a#0"));
        row("fsm host: the exact host entry takes the request, with no fall-through to a wildcard route", "fsm",
            route("host", "hostnames: [foo.example.com], " + rules({prefix("/a")})) + route("wild", "hostnames: ['*.example.com'], " + rules({prefix("/b")})),
            "GET", "/b", "foo.example.com", {}, QStringLiteral("404"));
    }

    void precedence()
    {
        QFETCH(QString, profile);
        QFETCH(QByteArray, routes);
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, host);
        QFETCH(QByteArray, headers);
        QFETCH(QString, expected);
        const bool fsm = profile == u"fsm";
        const RoutingHarness harness(gateway(fsm ? "fsm-gateway-cls" : "gatewaylab") + routes);
        QVERIFY2(harness.ok(), qPrintable(harness.error()));
        const ListenSocketConfig *socket = harness.socket(QStringLiteral("default/g"), 8000);
        QVERIFY(socket);
        QCOMPARE(RoutingHarness::decide(*socket, fsm ? Profile::Fsm : Profile::Spec, method, target, host, headers), expected);
        // The decision trail names the winner, or says that nothing matched.
        const QStringList trail = RoutingHarness::explain(*socket, method, target, host, headers);
        if (expected == u"404") {
            QVERIFY2(trail.contains(QStringLiteral("no rule matches: 404")), qPrintable(trail.join(u'\n')));
        } else {
            const QString rule = QStringLiteral("rule %1 of HTTPRoute %2").arg(expected.section(u'#', 1), expected.section(u'#', 0, 0));
            QVERIFY2(std::any_of(trail.cbegin(), trail.cend(), [&](const QString &line) { return line.startsWith(QStringLiteral("matched: ") + rule); }),
                     qPrintable(trail.join(u'\n')));
        }
    }

    // Why not: every rule tried before the winner names the first criterion that failed, and the
    // rules that also matched say why they ranked lower.
    void explainNamesTheFirstFailedCriterion()
    {
        const RoutingHarness harness(gateway("gatewaylab")
                                     + route("a", rules({"{path: {type: PathPrefix, value: /v2}, method: POST}", "{headers: [{name: version, value: two}]}",
                                                         prefix("/")})));
        const ListenSocketConfig *socket = harness.socket(QStringLiteral("default/g"), 8000);
        QVERIFY(socket);
        const QStringList trail = RoutingHarness::explain(*socket, "GET", "/v2", "lab.example", "Version: one");
        const QString text = trail.join(u'\n');
        QVERIFY2(text.contains(QStringLiteral("not rule 0 of HTTPRoute default/a (PathPrefix /v2, method POST): method GET is not POST")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("not rule 1 of HTTPRoute default/a (PathPrefix /, header version=two): header version: one is not two")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("matched: rule 2 of HTTPRoute default/a (PathPrefix /)")), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestPrecedence)
#include "tst_precedence.moc"
