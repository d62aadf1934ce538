#include "client/cookiejar.h"
#include "sticky/stickycookie.h"

#include <QDateTime>
#include <QTest>

using namespace gw;

// The simulated clients' cookie jar: RFC 6265 storage and matching, table by table.
class TestCookieJar final : public QObject
{
    Q_OBJECT

private:
    static qint64 at(const char *isoUtc) { return QDateTime::fromString(QString::fromLatin1(isoUtc), Qt::ISODate).toMSecsSinceEpoch(); }
    static constexpr qint64 Now = 1'704'480'323'000;   // 2024-01-05T18:45:23Z

private Q_SLOTS:
    void cookieDates_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("expected");   // -1: not a date
        QTest::addRow("FSM space-padded day") << QByteArray("Fri,  5 Jan 2024 19:15:23 GMT") << at("2024-01-05T19:15:23Z");
        QTest::addRow("IMF-fixdate") << QByteArray("Fri, 05 Jan 2024 19:15:23 GMT") << at("2024-01-05T19:15:23Z");
        QTest::addRow("RFC 850") << QByteArray("Friday, 05-Jan-24 19:15:23 GMT") << at("2024-01-05T19:15:23Z");
        QTest::addRow("asctime") << QByteArray("Fri Jan  5 19:15:23 2024") << at("2024-01-05T19:15:23Z");
        QTest::addRow("no weekday, dashes") << QByteArray("5-Jan-2024 19:15:23") << at("2024-01-05T19:15:23Z");
        QTest::addRow("two-digit year 70-99") << QByteArray("Thu, 01 Jan 70 00:00:01 GMT") << qint64(1000);
        QTest::addRow("two-digit year 00-69") << QByteArray("Sat, 01 Jan 00 00:00:00 GMT") << at("2000-01-01T00:00:00Z");
        QTest::addRow("lower-case month") << QByteArray("5 jan 2024 19:15:23") << at("2024-01-05T19:15:23Z");
        QTest::addRow("Pipy day 31") << StickyCookie::httpDate(QDateTime::fromSecsSinceEpoch(1706729723, Qt::UTC)) << qint64(1706729723000);
        QTest::addRow("no time") << QByteArray("Fri, 05 Jan 2024") << qint64(-1);
        QTest::addRow("31 February") << QByteArray("31 Feb 2024 10:00:00") << qint64(-1);
        QTest::addRow("hour 24") << QByteArray("05 Jan 2024 24:00:00") << qint64(-1);
        QTest::addRow("year before 1601") << QByteArray("05 Jan 1600 10:00:00") << qint64(-1);
        QTest::addRow("garbage") << QByteArray("tomorrow") << qint64(-1);
        QTest::addRow("empty") << QByteArray() << qint64(-1);
    }
    void cookieDates()
    {
        QFETCH(QByteArray, text);
        QFETCH(qint64, expected);
        const auto parsed = CookieJar::parseCookieDate(text);
        if (expected < 0) {
            QVERIFY2(!parsed, qPrintable(QString::number(parsed.value_or(0))));
        } else {
            QVERIFY(parsed);
            QCOMPARE(*parsed, expected);
        }
    }

    void parseSetCookie_data()
    {
        QTest::addColumn<QByteArray>("setCookie");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expiresAtMs");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("domain");
        QTest::addColumn<bool>("hostOnly");

        QTest::addRow("FSM's sticky cookie: max-age wins")
            << QByteArray("_srv_id=7252425551334343; path=/; expires=Fri,  5 Jan 2024 19:15:23 GMT; max-age=600")
            << true << QByteArray("_srv_id") << QByteArray("7252425551334343") << Now + 600'000 << QByteArray("/") << QStringLiteral("127.0.0.2") << true;
        QTest::addRow("max-age before expires still wins")
            << QByteArray("a=1; Max-Age=60; Expires=Fri, 05 Jan 2024 19:15:23 GMT")
            << true << QByteArray("a") << QByteArray("1") << Now + 60'000 << QByteArray("/app") << QStringLiteral("127.0.0.2") << true;
        QTest::addRow("expires alone")
            << QByteArray("a=1; Expires=Fri,  5 Jan 2024 19:15:23 GMT")
            << true << QByteArray("a") << QByteArray("1") << at("2024-01-05T19:15:23Z") << QByteArray("/app") << QStringLiteral("127.0.0.2") << true;
        QTest::addRow("session cookie, default path from the request")
            << QByteArray("sid=abc") << true << QByteArray("sid") << QByteArray("abc") << qint64(-1) << QByteArray("/app") << QStringLiteral("127.0.0.2") << true;
        QTest::addRow("max-age 0 expires now")
            << QByteArray("a=1; max-age=0") << true << QByteArray("a") << QByteArray("1") << qint64(0) << QByteArray("/app") << QStringLiteral("127.0.0.2") << true;
        QTest::addRow("negative max-age expires now")
            << QByteArray("a=1; max-age=-5") << true << QByteArray("a") << QByteArray("1") << qint64(0) << QByteArray("/app") << QStringLiteral("127.0.0.2") << true;
        QTest::addRow("bad max-age is ignored, expires used")
            << QByteArray("a=1; max-age=ten; expires=Fri, 05 Jan 2024 19:15:23 GMT")
            << true << QByteArray("a") << QByteArray("1") << at("2024-01-05T19:15:23Z") << QByteArray("/app") << QStringLiteral("127.0.0.2") << true;
        QTest::addRow("bad expires is ignored")
            << QByteArray("a=1; expires=soon") << true << QByteArray("a") << QByteArray("1") << qint64(-1) << QByteArray("/app") << QStringLiteral("127.0.0.2") << true;
        QTest::addRow("path attribute")
            << QByteArray("a=1; Path=/api") << true << QByteArray("a") << QByteArray("1") << qint64(-1) << QByteArray("/api") << QStringLiteral("127.0.0.2") << true;
        QTest::addRow("relative path attribute falls back to the default")
            << QByteArray("a=1; Path=api") << true << QByteArray("a") << QByteArray("1") << qint64(-1) << QByteArray("/app") << QStringLiteral("127.0.0.2") << true;
        QTest::addRow("value keeps quotes and inner =")
            << QByteArray("a=\"x=y\"; path=/") << true << QByteArray("a") << QByteArray("\"x=y\"") << qint64(-1) << QByteArray("/") << QStringLiteral("127.0.0.2") << true;
        QTest::addRow("empty value")
            << QByteArray("a=; path=/") << true << QByteArray("a") << QByteArray() << qint64(-1) << QByteArray("/") << QStringLiteral("127.0.0.2") << true;
        QTest::addRow("no =") << QByteArray("justtext") << false << QByteArray() << QByteArray() << qint64(-1) << QByteArray() << QString() << true;
        QTest::addRow("empty name") << QByteArray("=value") << false << QByteArray() << QByteArray() << qint64(-1) << QByteArray() << QString() << true;
        QTest::addRow("domain of another host") << QByteArray("a=1; Domain=example.com") << false << QByteArray() << QByteArray() << qint64(-1) << QByteArray() << QString() << true;
    }
    void parseSetCookie()
    {
        QFETCH(QByteArray, setCookie);
        QFETCH(bool, valid);
        bool isValid = false;
        const CookieJar::Cookie cookie = CookieJar::parseSetCookie(setCookie, QStringLiteral("127.0.0.2"), "/app/page?x=1", Now, &isValid);
        QCOMPARE(isValid, valid);
        if (!valid)
            return;
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(qint64, expiresAtMs);
        QFETCH(QByteArray, path);
        QFETCH(QString, domain);
        QFETCH(bool, hostOnly);
        QCOMPARE(cookie.name, name);
        QCOMPARE(cookie.value, value);
        QCOMPARE(cookie.expiresAtMs, expiresAtMs);
        QCOMPARE(cookie.path, path);
        QCOMPARE(cookie.domain, domain);
        QCOMPARE(cookie.hostOnly, hostOnly);
        QCOMPARE(cookie.createdAtMs, Now);
    }

    void domainCookies()
    {
        CookieJar jar;
        jar.storeFromResponse(QStringLiteral("www.example.com"), "/", {"d=1; Domain=.Example.COM", "h=2"}, Now);
        QCOMPARE(jar.cookieHeader(QStringLiteral("www.example.com"), "/", Now), QByteArray("d=1; h=2"));
        QCOMPARE(jar.cookieHeader(QStringLiteral("api.example.com"), "/", Now), QByteArray("d=1"));
        QCOMPARE(jar.cookieHeader(QStringLiteral("example.com"), "/", Now), QByteArray("d=1"));
        QCOMPARE(jar.cookieHeader(QStringLiteral("notexample.com"), "/", Now), QByteArray());
        // An IP address never matches by suffix.
        jar.storeFromResponse(QStringLiteral("10.0.0.1"), "/", {"ip=1; Domain=0.0.1"}, Now);
        QCOMPARE(jar.cookieHeader(QStringLiteral("10.0.0.1"), "/", Now), QByteArray());
    }

    void matching_data()
    {
        QTest::addColumn<QList<QByteArray>>("setCookies");
        QTest::addColumn<QByteArray>("requestPath");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<QByteArray>("expected");
        const QList<QByteArray> paths{"root=1; path=/", "api=2; path=/api", "apiv1=3; path=/api/v1/"};
        QTest::addRow("root path") << paths << QByteArray("/") << Now << QByteArray("root=1");
        QTest::addRow("longer paths first") << paths << QByteArray("/api/v1/users") << Now << QByteArray("apiv1=3; api=2; root=1");
        QTest::addRow("path prefix needs a slash boundary") << paths << QByteArray("/apix") << Now << QByteArray("root=1");
        QTest::addRow("exact path") << paths << QByteArray("/api") << Now << QByteArray("api=2; root=1");
        QTest::addRow("query is not the path") << paths << QByteArray("/api?x=/api/v1/") << Now << QByteArray("api=2; root=1");
        QTest::addRow("cookie path with trailing slash")
            << paths << QByteArray("/api/v1") << Now << QByteArray("api=2; root=1");
        const QList<QByteArray> sticky{"_srv_id=7252425551334343; path=/; expires=Fri,  5 Jan 2024 19:15:23 GMT; max-age=600"};
        QTest::addRow("live before max-age") << sticky << QByteArray("/") << Now + 599'999 << QByteArray("_srv_id=7252425551334343");
        QTest::addRow("expired at max-age") << sticky << QByteArray("/") << Now + 600'000 << QByteArray();
        QTest::addRow("secure cookies stay home over http") << QList<QByteArray>{"s=1; Secure", "p=2"} << QByteArray("/") << Now << QByteArray("p=2");
        QTest::addRow("same name twice: the later replaces")
            << QList<QByteArray>{"a=1; path=/", "a=2; path=/"} << QByteArray("/") << Now << QByteArray("a=2");
        QTest::addRow("same name, other path: both kept")
            << QList<QByteArray>{"a=1; path=/", "a=2; path=/x"} << QByteArray("/x") << Now << QByteArray("a=2; a=1");
        QTest::addRow("expired Set-Cookie deletes")
            << QList<QByteArray>{"a=1; path=/", "b=2; path=/", "a=gone; path=/; max-age=0"} << QByteArray("/") << Now << QByteArray("b=2");
        QTest::addRow("expires in the past deletes")
            << QList<QByteArray>{"a=1; path=/", "a=x; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT"} << QByteArray("/") << Now << QByteArray();
    }
    void matching()
    {
        QFETCH(QList<QByteArray>, setCookies);
        QFETCH(QByteArray, requestPath);
        QFETCH(qint64, now);
        QFETCH(QByteArray, expected);
        CookieJar jar;
        // One Set-Cookie per response, a millisecond apart, so creation order is defined.
        qint64 when = Now;
        for (const QByteArray &value : setCookies)
            jar.storeFromResponse(QStringLiteral("127.0.0.2"), "/", {value}, when++);
        QCOMPARE(jar.cookieHeader(QStringLiteral("127.0.0.2"), requestPath, now), expected);
        QCOMPARE(jar.cookieHeader(QStringLiteral("127.0.0.3"), requestPath, now), QByteArray());
    }

    void replacementKeepsCreationTime()
    {
        CookieJar jar;
        jar.storeFromResponse(QStringLiteral("h"), "/", {"a=1; path=/"}, Now);
        jar.storeFromResponse(QStringLiteral("h"), "/", {"b=1; path=/"}, Now + 1);
        jar.storeFromResponse(QStringLiteral("h"), "/", {"a=2; path=/"}, Now + 2);
        QCOMPARE(jar.cookieHeader(QStringLiteral("h"), "/", Now + 3), QByteArray("a=2; b=1"));
        QCOMPARE(jar.cookies().first().createdAtMs, Now);
    }

    void editing()
    {
        CookieJar jar;
        QVERIFY(jar.isEmpty());
        CookieJar::Cookie cookie;
        cookie.name = "_srv_id";
        cookie.value = "1";
        cookie.domain = QStringLiteral("127.0.0.2");
        jar.set(cookie);
        cookie.value = "2";
        jar.set(cookie);
        QCOMPARE(jar.cookies().size(), 1);
        QCOMPARE(jar.cookieHeader(QStringLiteral("127.0.0.2"), "/", Now), QByteArray("_srv_id=2"));
        CookieJar copy = jar;
        QVERIFY(jar.remove("_srv_id", QStringLiteral("127.0.0.2"), "/"));
        QVERIFY(!jar.remove("_srv_id", QStringLiteral("127.0.0.2"), "/"));
        QVERIFY(jar.isEmpty());
        QCOMPARE(copy.cookies().size(), 1);
        cookie.expiresAtMs = Now;
        copy.set(cookie);
        QCOMPARE(copy.liveCookies(Now).size(), 0);
        QCOMPARE(copy.cookies().size(), 1);
        copy.clear();
        QVERIFY(copy.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCookieJar)
#include "tst_cookiejar.moc"
