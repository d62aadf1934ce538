#include "clientdirectory.h"
#include "curlcommand.h"
#include "flowfilter.h"

#include <QTest>

using namespace gw::ui;

// The desktop app's core-free helpers: the Traffic filter language, curl command lines and the
// port → client directory.
class TestUiHelpers final : public QObject
{
    Q_OBJECT

private:
    static FlowFilter::Fields flow(int status, const QString &pod, const QString &sticky, const QString &client = QStringLiteral("alice"))
    {
        FlowFilter::Fields fields;
        fields.status = status;
        fields.method = QStringLiteral("GET");
        fields.host = QStringLiteral("127.0.0.2:8000");
        fields.path = QStringLiteral("/cart?id=7");
        fields.client = client;
        fields.route = QStringLiteral("server/fortio-route#0");
        fields.pod = pod;
        fields.service = QStringLiteral("server/pipy:8080");
        fields.sticky = sticky;
        fields.cookie = QStringLiteral("7252425551334343");
        return fields;
    }

private Q_SLOTS:
    void filterMatches_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("matchesFirst");    // 200 pipy-1 cookie honoured, alice
        QTest::addColumn<bool>("matchesSecond");   // 503 pipy-2 re-pinned, bob
        QTest::addRow("empty") << QString() << true << true;
        QTest::addRow("bare word") << QStringLiteral("pipy-1") << true << false;
        QTest::addRow("bare word any case") << QStringLiteral("PIPY-2") << false << true;
        QTest::addRow("status class") << QStringLiteral("status:5xx") << false << true;
        QTest::addRow("status exact") << QStringLiteral("status:200") << true << false;
        QTest::addRow("status at least") << QStringLiteral("status:>=400") << false << true;
        QTest::addRow("status below") << QStringLiteral("status:<300") << true << false;
        QTest::addRow("sticky punctuation free") << QStringLiteral("sticky:repinned") << false << true;
        QTest::addRow("sticky as shown") << QStringLiteral("sticky:re-pinned") << false << true;
        QTest::addRow("sticky word") << QStringLiteral("sticky:honoured") << true << false;
        QTest::addRow("negation") << QStringLiteral("!pod:pipy-1") << false << true;
        QTest::addRow("either") << QStringLiteral("client:alice|client:bob") << true << true;
        QTest::addRow("and") << QStringLiteral("method:GET status:2xx") << true << false;
        QTest::addRow("method exact") << QStringLiteral("method:get") << true << true;
        QTest::addRow("method not a prefix") << QStringLiteral("method:GE") << false << false;
        QTest::addRow("path") << QStringLiteral("path:/cart") << true << true;
        QTest::addRow("quoted value") << QStringLiteral("\"route:server/fortio\"") << true << true;
        QTest::addRow("url with colon is a word") << QStringLiteral("127.0.0.2:8000") << true << true;
        QTest::addRow("cookie") << QStringLiteral("cookie:72524") << true << true;
    }
    void filterMatches()
    {
        QFETCH(QString, filter);
        QFETCH(bool, matchesFirst);
        QFETCH(bool, matchesSecond);
        const FlowFilter parsed(filter);
        QVERIFY2(parsed.isValid(), qPrintable(parsed.error()));
        QCOMPARE(parsed.matches(flow(200, QStringLiteral("server/pipy-1"), QStringLiteral("cookie honoured"))), matchesFirst);
        QCOMPARE(parsed.matches(flow(503, QStringLiteral("server/pipy-2"), QStringLiteral("re-pinned"), QStringLiteral("bob"))), matchesSecond);
    }

    void filterErrorsNameTheProblem()
    {
        const FlowFilter unknown(QStringLiteral("pdo:pipy-1"));
        QVERIFY(!unknown.isValid());
        QVERIFY2(unknown.error().contains(u"unknown field 'pdo'"), qPrintable(unknown.error()));
        QVERIFY(unknown.error().contains(u"pod"));
        const FlowFilter status(QStringLiteral("status:abc"));
        QVERIFY(!status.isValid());
        QVERIFY(status.error().contains(u"status:abc"));
    }

    void curlForUrl()
    {
        QCOMPARE(CurlCommand::forUrl(QStringLiteral("http://127.0.0.2:8000/")), QStringLiteral("curl -i http://127.0.0.2:8000/"));
    }

    void curlForRequestQuotesAndSkips()
    {
        const QString curl = CurlCommand::forRequest("POST", QStringLiteral("http://127.0.0.2:8000/a b?x=$HOME"),
                                                     {{"Host", "127.0.0.2:8000"},
                                                      {"Cookie", "_srv_id=7252425551334343"},
                                                      {"Content-Length", "9"},
                                                      {"X-Note", "it's"}},
                                                     "{\"a\": 1}");
        QCOMPARE(curl, QStringLiteral("curl -i -X POST 'http://127.0.0.2:8000/a b?x=$HOME' -b _srv_id=7252425551334343 "
                                      "-H 'X-Note: it'\\''s' --data-binary '{\"a\": 1}'"));
        // A Host header for another name than the URL's is how virtual hosts are reached: kept.
        const QString virtualHost = CurlCommand::forRequest("GET", QStringLiteral("http://127.0.0.2:8000/"), {{"Host", "shop.example"}}, {});
        QCOMPARE(virtualHost, QStringLiteral("curl -i http://127.0.0.2:8000/ -H 'Host: shop.example'"));
        QCOMPARE(CurlCommand::forRequest("HEAD", QStringLiteral("http://h/"), {}, {}), QStringLiteral("curl -i -I http://h/"));
    }

    void clientDirectoryFollowsPortReuse()
    {
        ClientDirectory directory;
        directory.record(40000, QStringLiteral("alice"), 1000);
        directory.record(40000, QStringLiteral("alice"), 1010);   // same keep-alive connection
        directory.record(40000, QStringLiteral("bob"), 2000);     // the port was reused
        QCOMPARE(directory.clientFor(40000, 1005), QStringLiteral("alice"));
        QCOMPARE(directory.clientFor(40000, 1999), QStringLiteral("alice"));
        QCOMPARE(directory.clientFor(40000, 2000), QStringLiteral("bob"));
        QCOMPARE(directory.clientFor(40000, 999), QString());
        QCOMPARE(directory.clientFor(40001, 1500), QString());
        // Records may arrive out of order (two client threads).
        directory.record(40002, QStringLiteral("late"), 3000);
        directory.record(40002, QStringLiteral("early"), 2500);
        QCOMPARE(directory.clientFor(40002, 2700), QStringLiteral("early"));
        QCOMPARE(directory.clientFor(40002, 3100), QStringLiteral("late"));
        directory.clear();
        QCOMPARE(directory.clientFor(40000, 2500), QString());
    }
};

QTEST_GUILESS_MAIN(TestUiHelpers)
#include "tst_ui_helpers.moc"
