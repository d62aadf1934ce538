#include "sticky/stickycookie.h"

#include <QTest>

using namespace gw;

// FSM's sticky cookie, checked against spec/fsm-gateway.md §2.2-2.3 and §2.6.
class TestStickyCookie final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hashVectors_data()
    {
        QTest::addColumn<QByteArray>("endpoint");
        QTest::addColumn<QByteArray>("value");
        // Every vector of §2.2; the first is the seed tutorial's cookie.
        QTest::addRow("seed pipy-1") << QByteArray("10.42.0.16:8080") << QByteArray("7252425551334343");
        QTest::addRow("10.42.0.15") << QByteArray("10.42.0.15:8080") << QByteArray("6766977395703794");
        QTest::addRow("10.42.0.17") << QByteArray("10.42.0.17:8080") << QByteArray("4117285467363108");
        QTest::addRow("10.244.1.5:80") << QByteArray("10.244.1.5:80") << QByteArray("5795217888911018");
        QTest::addRow("127.0.0.1:8080") << QByteArray("127.0.0.1:8080") << QByteArray("549361485618720");
        QTest::addRow("127.0.0.1:8081") << QByteArray("127.0.0.1:8081") << QByteArray("8854252444916726");
        QTest::addRow("192.168.1.10:3000") << QByteArray("192.168.1.10:3000") << QByteArray("3367086481769555");
    }
    void hashVectors()
    {
        QFETCH(QByteArray, endpoint);
        QFETCH(QByteArray, value);
        QCOMPARE(StickyCookie::value(endpoint), value);
        QVERIFY(StickyCookie::hash(endpoint) < (quint64(1) << 53));
    }

    void hashMatchesLibstdcxx_data()
    {
        QTest::addColumn<QByteArray>("text");
        // Lengths 0..17 exercise the empty input, every tail length and more than one block.
        for (int length = 0; length <= 17; ++length)
            QTest::addRow("length %d", length) << QByteArray("10.42.255.254:65535x").left(length);
    }
    void hashMatchesLibstdcxx()
    {
        QFETCH(QByteArray, text);
        // This build uses libstdc++, whose std::hash<std::string> is exactly what Pipy calls.
        const quint64 expected = std::hash<std::string>{}(text.toStdString()) & ((quint64(1) << 53) - 1);
        QCOMPARE(StickyCookie::hash(text), expected);
    }

    void httpDate_data()
    {
        QTest::addColumn<QDateTime>("time");
        QTest::addColumn<QByteArray>("expected");
        // %e pads days 1-9 with a space: the tutorial's "Fri,  5 Jan 2024".
        QTest::addRow("seed transcript") << QDateTime(QDate(2024, 1, 5), QTime(19, 15, 23), Qt::UTC)
                                         << QByteArray("Fri,  5 Jan 2024 19:15:23 GMT");
        QTest::addRow("day 1") << QDateTime(QDate(2024, 3, 1), QTime(0, 0, 0), Qt::UTC) << QByteArray("Fri,  1 Mar 2024 00:00:00 GMT");
        QTest::addRow("day 9") << QDateTime(QDate(2026, 11, 9), QTime(9, 5, 7), Qt::UTC) << QByteArray("Mon,  9 Nov 2026 09:05:07 GMT");
        QTest::addRow("day 10") << QDateTime(QDate(2026, 11, 10), QTime(23, 59, 59), Qt::UTC) << QByteArray("Tue, 10 Nov 2026 23:59:59 GMT");
        QTest::addRow("day 25") << QDateTime(QDate(2026, 12, 25), QTime(12, 0, 0), Qt::UTC) << QByteArray("Fri, 25 Dec 2026 12:00:00 GMT");
        QTest::addRow("day 31") << QDateTime(QDate(2025, 8, 31), QTime(1, 2, 3), Qt::UTC) << QByteArray("Sun, 31 Aug 2025 01:02:03 GMT");
        QTest::addRow("milliseconds truncated") << QDateTime(QDate(2024, 2, 29), QTime(10, 20, 30, 999), Qt::UTC)
                                                << QByteArray("Thu, 29 Feb 2024 10:20:30 GMT");
        QTest::addRow("local time converted") << QDateTime(QDate(2024, 1, 5), QTime(21, 15, 23), Qt::OffsetFromUTC, 7200)
                                              << QByteArray("Fri,  5 Jan 2024 19:15:23 GMT");
    }
    void httpDate()
    {
        QFETCH(QDateTime, time);
        QFETCH(QByteArray, expected);
        QCOMPARE(StickyCookie::httpDate(time), expected);
    }

    void setCookieFormat()
    {
        const QDateTime now(QDate(2024, 1, 5), QTime(19, 5, 23), Qt::UTC);
        QCOMPARE(StickyCookie::setCookieValue("_srv_id", "7252425551334343", now, 600),
                 QByteArray("_srv_id=7252425551334343; path=/; expires=Fri,  5 Jan 2024 19:15:23 GMT; max-age=600"));
        QCOMPARE(StickyCookie::setCookieValue("sid", "1", now, 3600), QByteArray("sid=1; path=/; expires=Fri,  5 Jan 2024 20:05:23 GMT; max-age=3600"));
    }

    void findCookie_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<bool>("present");
        QTest::addRow("only cookie") << QByteArray("_srv_id=7252425551334343") << QByteArray("7252425551334343") << true;
        QTest::addRow("among others") << QByteArray("a=1; _srv_id=42; b=2") << QByteArray("42") << true;
        QTest::addRow("spaces trimmed") << QByteArray("a=1;   _srv_id =  42  ;b=2") << QByteArray("42") << true;
        QTest::addRow("last duplicate wins") << QByteArray("_srv_id=1; _srv_id=2") << QByteArray("2") << true;
        QTest::addRow("cut at second =") << QByteArray("_srv_id=12=34") << QByteArray("12") << true;
        QTest::addRow("quotes kept") << QByteArray("_srv_id=\"42\"") << QByteArray("\"42\"") << true;
        QTest::addRow("case-sensitive name") << QByteArray("_SRV_ID=42") << QByteArray() << false;
        QTest::addRow("part without =") << QByteArray("_srv_id; x=1") << QByteArray() << false;
        QTest::addRow("empty value") << QByteArray("_srv_id=") << QByteArray("") << true;
        QTest::addRow("absent") << QByteArray("x=1") << QByteArray() << false;
        QTest::addRow("empty header") << QByteArray() << QByteArray() << false;
    }
    void findCookie()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, expected);
        QFETCH(bool, present);
        const QByteArray found = StickyCookie::findCookie(header, "_srv_id");
        QCOMPARE(!found.isNull(), present);
        if (present)
            QCOMPARE(found, expected);
    }
};

QTEST_GUILESS_MAIN(TestStickyCookie)
#include "tst_stickycookie.moc"
