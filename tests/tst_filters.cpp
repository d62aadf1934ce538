#include "controller/filterchain.h"
#include "labfixture.h"
#include "rawhttpclient.h"
#include "routing/corspolicy.h"
#include "routing/headermodifier.h"
#include "routing/pathmodifier.h"
#include "routing/requestredirect.h"
#include "testpaths.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace gw;
using namespace gw::test;

// HTTPRoute filters (spec/gateway-api.md §2.4): each unit on its own, table by table, then every
// filter over real sockets on one Gateway. Rows are named after the rule they show.
class TestFilters final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<LabFixture> m_lab;
    Simulation::ListenerAddress m_listener;

    static QString headersText(const HttpHeaders &headers)
    {
        QStringList lines;
        for (const HttpHeaders::Field &field : headers.fields())
            lines << QString::fromLatin1(field.name + ": " + field.value);
        return lines.join(QStringLiteral(" | "));
    }
    static HttpHeaders headersOf(const QByteArray &text)
    {
        HttpHeaders headers;
        for (const QByteArray &line : text.split('|')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                headers.append(line.left(colon).trimmed(), line.mid(colon + 1).trimmed());
        }
        return headers;
    }
    static QList<QPair<QString, QString>> pairs(const QByteArray &text)
    {
        QList<QPair<QString, QString>> out;
        const HttpHeaders headers = headersOf(text);
        for (const HttpHeaders::Field &field : headers.fields())
            out.append({QString::fromLatin1(field.name), QString::fromLatin1(field.value)});
        return out;
    }

private Q_SLOTS:
    void headerModifier_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("set");
        QTest::addColumn<QByteArray>("add");
        QTest::addColumn<QString>("remove");
        QTest::addColumn<QString>("expected");
        QTest::newRow("set creates a header") << QByteArray("A: 1") << QByteArray("X-Set: v") << QByteArray() << QString() << "A: 1 | X-Set: v";
        QTest::newRow("set replaces every value") << QByteArray("X-Set: a | X-Set: b") << QByteArray("X-Set: v") << QByteArray() << QString()
                                                  << "X-Set: v";
        QTest::newRow("set matches names case-insensitively") << QByteArray("x-header-set: original") << QByteArray("X-Header-Set: header-set")
                                                              << QByteArray() << QString() << "X-Header-Set: header-set";
        QTest::newRow("add creates a missing header") << QByteArray("A: 1") << QByteArray() << QByteArray("X-Add: v") << QString() << "A: 1 | X-Add: v";
        QTest::newRow("add appends with a comma") << QByteArray("X-Add: some-other-value") << QByteArray() << QByteArray("X-Add: add-appends-values")
                                                  << QString() << "X-Add: some-other-value,add-appends-values";
        QTest::newRow("add joins repeated values first") << QByteArray("X-Add: a | X-Add: b") << QByteArray() << QByteArray("X-Add: c") << QString()
                                                         << "X-Add: a,b,c";
        QTest::newRow("remove deletes every value, any case") << QByteArray("x-header-remove: a | A: 1 | X-Header-Remove: b") << QByteArray()
                                                              << QByteArray() << QStringLiteral("X-Header-Remove") << "A: 1";
        QTest::newRow("set, add and remove together") << QByteArray("X-Set-2: s | X-Add-2: a | X-Remove-2: r") << QByteArray("X-Set-2: header-set-2")
                                                      << QByteArray("X-Add-2: header-add-2") << QStringLiteral("X-Remove-2")
                                                      << "X-Set-2: header-set-2 | X-Add-2: a,header-add-2";
    }
    void headerModifier()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, set);
        QFETCH(QByteArray, add);
        QFETCH(QString, remove);
        QFETCH(QString, expected);
        HTTPHeaderFilter filter;
        filter.set = pairs(set);
        filter.add = pairs(add);
        if (!remove.isEmpty())
            filter.remove << remove;
        HttpHeaders headers = headersOf(request);
        HeaderModifier(filter).apply(headers);
        QCOMPARE(headersText(headers), expected);
    }

    // The upstream table of HTTPPathModifier.ReplacePrefixMatch, then ReplaceFullPath.
    void pathModifier_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("prefix");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("expected");
        const int prefix = int(PathModifier::Kind::PrefixMatch), full = int(PathModifier::Kind::FullPath);
        QTest::newRow("ReplacePrefixMatch /foo/bar /foo → /xyz") << prefix << QByteArray("/foo/bar") << QByteArray("/foo") << QByteArray("/xyz")
                                                                  << QByteArray("/xyz/bar");
        QTest::newRow("ReplacePrefixMatch /foo/bar /foo → /xyz/") << prefix << QByteArray("/foo/bar") << QByteArray("/foo") << QByteArray("/xyz/")
                                                                   << QByteArray("/xyz/bar");
        QTest::newRow("ReplacePrefixMatch /foo/bar /foo/ → /xyz") << prefix << QByteArray("/foo/bar") << QByteArray("/foo/") << QByteArray("/xyz")
                                                                   << QByteArray("/xyz/bar");
        QTest::newRow("ReplacePrefixMatch /foo /foo → /xyz") << prefix << QByteArray("/foo") << QByteArray("/foo") << QByteArray("/xyz") << QByteArray("/xyz");
        QTest::newRow("ReplacePrefixMatch /foo/ /foo → /xyz") << prefix << QByteArray("/foo/") << QByteArray("/foo") << QByteArray("/xyz")
                                                               << QByteArray("/xyz/");
        QTest::newRow("ReplacePrefixMatch /foo/bar /foo → \"\"") << prefix << QByteArray("/foo/bar") << QByteArray("/foo") << QByteArray() << QByteArray("/bar");
        QTest::newRow("ReplacePrefixMatch /foo/ /foo → \"\"") << prefix << QByteArray("/foo/") << QByteArray("/foo") << QByteArray() << QByteArray("/");
        QTest::newRow("ReplacePrefixMatch /foo /foo → \"\"") << prefix << QByteArray("/foo") << QByteArray("/foo") << QByteArray() << QByteArray("/");
        QTest::newRow("ReplacePrefixMatch /foo /foo → /") << prefix << QByteArray("/foo") << QByteArray("/foo") << QByteArray("/") << QByteArray("/");
        QTest::newRow("ReplacePrefixMatch strips a prefix with /") << prefix << QByteArray("/strip-prefix/three") << QByteArray("/strip-prefix")
                                                                   << QByteArray("/") << QByteArray("/three");
        QTest::newRow("ReplacePrefixMatch under the root prefix") << prefix << QByteArray("/a/b") << QByteArray("/") << QByteArray("/api")
                                                                  << QByteArray("/api/a/b");
        QTest::newRow("ReplaceFullPath replaces everything") << full << QByteArray("/full/one/two") << QByteArray("/full") << QByteArray("/one")
                                                             << QByteArray("/one");
    }
    void pathModifier()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, prefix);
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, expected);
        QCOMPARE(PathModifier(PathModifier::Kind(kind), value).apply(path, prefix), expected);
    }

    // RequestRedirect's Location: unset parts come from the request; the port from the scheme when it
    // is set, else from the listener (as written, not the port the lab binds); 80/443 left out.
    void redirect_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("hostname");
        QTest::addColumn<int>("port");          // 0: unset
        QTest::addColumn<int>("listenerPort");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("hostname only: the listener's port 80 is left out") << QString() << "example.org" << 0 << 80
                                                                           << QByteArray("http://example.org/p?q=1");
        QTest::newRow("no scheme, no port: the listener's port 8080") << QString() << "example.org" << 0 << 8080
                                                                      << QByteArray("http://example.org:8080/p?q=1");
        QTest::newRow("port 80 on the 8080 listener: left out") << QString() << "example.org" << 80 << 8080 << QByteArray("http://example.org/p?q=1");
        QTest::newRow("scheme https, no port: 443, left out") << "https" << "example.org" << 0 << 8080 << QByteArray("https://example.org/p?q=1");
        QTest::newRow("scheme https, port 8443: kept") << "https" << "example.org" << 8443 << 80 << QByteArray("https://example.org:8443/p?q=1");
        QTest::newRow("port 8083 without a hostname: the request's host") << QString() << QString() << 8083 << 80
                                                                         << QByteArray("http://req.example:8083/p?q=1");
        QTest::newRow("scheme http with port 443: kept") << "http" << "example.org" << 443 << 80 << QByteArray("http://example.org:443/p?q=1");
    }
    void redirect()
    {
        QFETCH(QString, scheme);
        QFETCH(QString, hostname);
        QFETCH(int, port);
        QFETCH(int, listenerPort);
        QFETCH(QByteArray, expected);
        HTTPRequestRedirectFilter filter;
        filter.scheme = scheme;
        filter.hostname = hostname;
        if (port)
            filter.port = port;
        QCOMPARE(RequestRedirect(filter).location("req.example", "/p", "q=1", listenerPort, "/"), expected);
    }
    void redirectPathAndStatus()
    {
        HTTPRequestRedirectFilter filter;
        filter.path = HTTPPathModifier{QStringLiteral("ReplacePrefixMatch"), {}, QStringLiteral("/replacement-prefix")};
        QCOMPARE(RequestRedirect(filter).statusCode(), 302);   // the default
        QCOMPARE(RequestRedirect(filter).location("h", "/original-prefix/lemon", {}, 80, "/original-prefix"),
                 QByteArray("http://h/replacement-prefix/lemon"));
        QVERIFY(RequestRedirect::isSupportedStatus(303) && RequestRedirect::isSupportedStatus(307) && RequestRedirect::isSupportedStatus(308));
        QVERIFY(!RequestRedirect::isSupportedStatus(304));
    }

    void corsOrigins_data()
    {
        QTest::addColumn<QString>("allowed");
        QTest::addColumn<QByteArray>("origin");
        QTest::addColumn<bool>("expected");
        QTest::newRow("an exact origin") << "https://www.foo.com" << QByteArray("https://www.foo.com") << true;
        QTest::newRow("a wildcard covers one label") << "https://*.bar.com" << QByteArray("https://www.bar.com") << true;
        QTest::newRow("a wildcard covers several labels") << "https://*.bar.com" << QByteArray("https://xpto.www.bar.com") << true;
        QTest::newRow("a wildcard needs its scheme") << "https://*.bar.com" << QByteArray("http://www.bar.com") << false;
        QTest::newRow("a wildcard does not cover the bare domain") << "https://*.bar.com" << QByteArray("https://bar.com") << false;
        QTest::newRow("* allows any origin, with a port") << "*" << QByteArray("https://foobar.com:12345") << true;
        QTest::newRow("another origin is refused") << "https://www.foo.com" << QByteArray("https://foobar.com") << false;
    }
    void corsOrigins()
    {
        QFETCH(QString, allowed);
        QFETCH(QByteArray, origin);
        QFETCH(bool, expected);
        HTTPCORSFilter filter;
        filter.allowOrigins << allowed;
        QCOMPARE(CorsPolicy(filter).allowsOrigin(origin), expected);
    }
    void corsPreflightHeaders()
    {
        HTTPCORSFilter filter;
        filter.allowOrigins << QStringLiteral("*");
        filter.allowMethods << QStringLiteral("*");
        filter.allowHeaders << QStringLiteral("*");
        filter.allowCredentials = true;
        const HttpHeaders request = headersOf("Origin: https://other.foo.com | Access-Control-Request-Method: PUT | "
                                              "Access-Control-Request-Headers: x-header-1, x-header-2");
        QVERIFY(CorsPolicy::isPreflight("OPTIONS", request));
        QVERIFY(!CorsPolicy::isPreflight("GET", request));
        HttpHeaders response;
        CorsPolicy(filter).addPreflightHeaders(request, response);
        // With credentials, wildcards echo what was asked for (a browser refuses "*" then).
        QCOMPARE(response.value("access-control-allow-origin"), QByteArray("https://other.foo.com"));
        QCOMPARE(response.value("access-control-allow-methods"), QByteArray("PUT"));
        QCOMPARE(response.value("access-control-allow-headers"), QByteArray("x-header-1, x-header-2"));
        QCOMPARE(response.value("access-control-allow-credentials"), QByteArray("true"));
    }

    // RequestMirror percent and fraction: exactly num of every den requests, spread evenly.
    void mirrorShare_data()
    {
        QTest::addColumn<int>("numerator");
        QTest::addColumn<int>("denominator");
        QTest::addColumn<int>("requests");
        QTest::addColumn<int>("mirrored");
        QTest::newRow("unset mirrors every request") << 1 << 1 << 10 << 10;
        QTest::newRow("percent 20 of 500") << 20 << 100 << 500 << 100;
        QTest::newRow("fraction 25/50 of 500") << 25 << 50 << 500 << 250;
        QTest::newRow("percent 35 of 500") << 35 << 100 << 500 << 175;
        QTest::newRow("percent 0 mirrors nothing") << 0 << 100 << 100 << 0;
    }
    void mirrorShare()
    {
        QFETCH(int, numerator);
        QFETCH(int, denominator);
        QFETCH(int, requests);
        QFETCH(int, mirrored);
        FilterChain::Mirror mirror;
        mirror.numerator = quint64(numerator);
        mirror.denominator = quint64(denominator);
        int count = 0;
        int longestGap = 0, gap = 0;
        for (int i = 0; i < requests; ++i) {
            if (mirror.takeTurn()) {
                ++count;
                gap = 0;
            } else {
                longestGap = qMax(longestGap, ++gap);
            }
        }
        QCOMPARE(count, mirrored);
        // Spread, not bunched: no run of skipped requests longer than one period.
        if (numerator > 0)
            QVERIFY(longestGap <= denominator / numerator);
    }

    // Every filter over real sockets.
    void overSockets_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QByteArray>("headers");   // "Name: value\r\n" lines
        QTest::addColumn<int>("status");
        QTest::addColumn<QStringList>("checks");   // seen:NAME=VALUE, unseen:NAME, path:P, host:H, response:NAME=VALUE, noresponse:NAME
        const auto list = [](std::initializer_list<const char *> items) {
            QStringList out;
            for (const char *item : items)
                out << QString::fromUtf8(item);
            return out;
        };
        QTest::newRow("RequestHeaderModifier set, add, remove")
            << QByteArray("GET") << QByteArray("/headers") << QByteArray("X-Add: first\r\nX-Remove: gone\r\n") << 200
            << list({"seen:X-Set=set", "seen:X-Add=first,added", "unseen:X-Remove"});
        QTest::newRow("ResponseHeaderModifier on the backend's own headers")
            << QByteArray("GET") << QByteArray("/headers") << QByteArray("X-Echo-Set-Header: X-Echoed:from-backend,X-Drop:x\r\n") << 200
            << list({"response:X-Response-Set=by-gateway", "response:X-Echoed=from-backend,appended", "noresponse:X-Drop"});
        QTest::newRow("URLRewrite ReplaceFullPath and hostname keep the query")
            << QByteArray("GET") << QByteArray("/rewrite/full/deep?q=1") << QByteArray() << 200 << list({"path:/replaced?q=1", "host:rewritten.example"});
        QTest::newRow("URLRewrite ReplacePrefixMatch") << QByteArray("GET") << QByteArray("/rewrite/prefix/rest") << QByteArray() << 200
                                                       << list({"path:/new/rest"});
        QTest::newRow("RequestRedirect scheme, hostname, status") << QByteArray("GET") << QByteArray("/redirect/x") << QByteArray() << 301
                                                                  << list({"response:location=https://secure.example/redirect/x"});
        QTest::newRow("RequestRedirect ReplacePrefixMatch on the listener's port")
            << QByteArray("GET") << QByteArray("/moved/page") << QByteArray() << 302 << list({"response:location=http://filters.test:8700/new-home/page"});
        QTest::newRow("backend-level RequestHeaderModifier") << QByteArray("GET") << QByteArray("/backend-filters") << QByteArray() << 200
                                                             << list({"seen:Backend=echo"});
        QTest::newRow("timeouts.request answers 504") << QByteArray("GET") << QByteArray("/slow?delay=1s") << QByteArray() << 504 << list({});
        QTest::newRow("an unresolvable ExtensionRef answers 500") << QByteArray("GET") << QByteArray("/extension") << QByteArray() << 500 << list({});
        QTest::newRow("CORS preflight from an allowed origin is answered by the gateway")
            << QByteArray("OPTIONS") << QByteArray("/cors")
            << QByteArray("Origin: https://app.example.com\r\nAccess-Control-Request-Method: GET\r\n") << 200
            << list({"response:access-control-allow-origin=https://app.example.com", "response:access-control-allow-methods=GET",
                     "response:access-control-max-age=60"});
        QTest::newRow("CORS: a proxied answer gets Allow-Origin") << QByteArray("GET") << QByteArray("/cors") << QByteArray("Origin: https://app.example.com\r\n")
                                                                  << 200 << list({"response:access-control-allow-origin=https://app.example.com"});
        QTest::newRow("CORS: another origin passes through untouched") << QByteArray("GET") << QByteArray("/cors") << QByteArray("Origin: https://evil.test\r\n")
                                                                       << 200 << list({"noresponse:access-control-allow-origin"});
        QTest::newRow("all weights 0 answer 500") << QByteArray("GET") << QByteArray("/weights") << QByteArray() << 500 << list({});
    }
    void overSockets()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, target);
        QFETCH(QByteArray, headers);
        QFETCH(int, status);
        QFETCH(QStringList, checks);
        if (!m_lab) {
            m_lab = std::make_unique<LabFixture>();
            QVERIFY2(m_lab->start({testDataDir() + QStringLiteral("/gateway/filters.yaml")}), qPrintable(m_lab->error()));
            m_listener = m_lab->listener(QStringLiteral("default/filters"), QStringLiteral("http"));
            QCOMPARE(m_listener.port, quint16(8700));
        }
        RawHttpClient client(m_listener.address, m_listener.port);
        const auto reply = client.exchange(method + ' ' + target + " HTTP/1.1\r\nHost: filters.test:8700\r\n" + headers + "\r\n", method);
        QVERIFY2(reply.ok, qPrintable(reply.error));
        QCOMPARE(reply.response.status, status);
        const QJsonObject echo = QJsonDocument::fromJson(reply.response.body).object();
        const QJsonObject seen = echo.value(u"headers").toObject();
        const auto seenValue = [&seen](const QString &name) {
            QStringList values;
            for (const QJsonValue &value : seen.value(name).toArray())
                values << value.toString();
            return values.join(u',');
        };
        for (const QString &check : checks) {
            const QString kind = check.section(u':', 0, 0);
            const QString rest = check.section(u':', 1);
            const QString name = rest.section(u'=', 0, 0), value = rest.section(u'=', 1);
            if (kind == u"seen")
                QCOMPARE(seenValue(name), value);
            else if (kind == u"unseen")
                QVERIFY2(!seen.contains(name), qPrintable(name));
            else if (kind == u"path")
                QCOMPARE(echo.value(u"path").toString(), rest);
            else if (kind == u"host")
                QCOMPARE(echo.value(u"host").toString(), rest);
            else if (kind == u"response")
                QCOMPARE(QString::fromUtf8(reply.response.headers.combinedValue(name.toLatin1(), ",")), value);
            else if (kind == u"noresponse")
                QVERIFY2(!reply.response.headers.contains(name.toLatin1()), qPrintable(name));
        }
    }

    // A mirrored copy reaches one pod of the mirror Service; the client's answer comes from the primary.
    void mirrorReachesTheMirrorPod()
    {
        if (!m_lab) {
            m_lab = std::make_unique<LabFixture>();
            QVERIFY2(m_lab->start({testDataDir() + QStringLiteral("/gateway/filters.yaml")}), qPrintable(m_lab->error()));
            m_listener = m_lab->listener(QStringLiteral("default/filters"), QStringLiteral("http"));
        }
        const quint64 start = m_lab->simulation().mockPods().requestLog().nextSequence();
        const auto reply = RawHttpClient::get(m_listener.address, m_listener.port, "/mirror/copy");
        QCOMPARE(reply.response.status, 200);
        QVERIFY(QJsonDocument::fromJson(reply.response.body).object().value(u"pod").toString().startsWith(u"echo-"));
        const auto mirroredTo = [&] {
            for (const MockRequestLog::Entry &entry : m_lab->simulation().mockPods().requestLog().since(start)) {
                if (entry.podKey.startsWith(u"default/mirror-") && entry.target == "/mirror/copy")
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(mirroredTo(), 3000);
    }

    void cleanupTestCase() { m_lab.reset(); }
};

QTEST_GUILESS_MAIN(TestFilters)
#include "tst_filters.moc"
