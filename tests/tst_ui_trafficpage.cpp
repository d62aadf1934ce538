#include "models/flowfilterproxymodel.h"
#include "models/flowtablemodel.h"
#include "widgets/flowinspector.h"
#include "widgets/trafficpage.h"

#include <QAbstractItemModelTester>
#include <QScrollBar>
#include <QTableView>
#include <QTest>

using namespace gw;
using namespace gw::ui;

// The Traffic page's live-list etiquette: Follow scrolls only when the user is at the bottom,
// Pause stops adding rows (and counts what it skipped), Clear empties the table.
class TestUiTrafficPage final : public QObject
{
    Q_OBJECT

private:
    static QList<FlowRecord> records(quint64 firstId, int count)
    {
        QList<FlowRecord> result;
        for (int i = 0; i < count; ++i) {
            FlowRecord record;
            record.id = firstId + quint64(i);
            record.method = "GET";
            record.target = "/" + QByteArray::number(record.id);
            record.status = 200;
            record.podKey = QStringLiteral("server/pipy-1");
            result.append(record);
        }
        return result;
    }

private Q_SLOTS:
    void followOnlyAtTheBottom()
    {
        TrafficPage page;
        QAbstractItemModelTester tester(page.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.resize(900, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QScrollBar *bar = page.table()->verticalScrollBar();
        page.appendRecords(records(1, 200));
        QTRY_VERIFY(bar->maximum() > 0);
        QCOMPARE(bar->value(), bar->maximum());   // followed

        // Scrolled up to read: new rows do not move the view.
        bar->setValue(10);
        page.appendRecords(records(201, 50));
        QCOMPARE(bar->value(), 10);

        // Back at the bottom: following again.
        bar->setValue(bar->maximum());
        page.appendRecords(records(251, 50));
        QCOMPARE(bar->value(), bar->maximum());

        // Follow off: stays put even at the bottom.
        page.setFollow(false);
        const int before = bar->value();
        page.appendRecords(records(301, 50));
        QCOMPARE(bar->value(), before);
    }

    void pauseAndClear()
    {
        TrafficPage page;
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.appendRecords(records(1, 10));
        page.setPaused(true);
        QVERIFY(page.isPaused());
        page.appendRecords(records(11, 5));
        QCOMPARE(page.model()->rowCount(), 10);
        QCOMPARE(page.skippedWhilePaused(), qint64(5));
        page.setPaused(false);
        page.appendRecords(records(16, 5));
        QCOMPARE(page.model()->rowCount(), 15);
        QVERIFY(page.selectFlow(16));
        QVERIFY(page.selectedRecord());
        page.clear();
        QCOMPARE(page.model()->rowCount(), 0);
        QVERIFY(!page.selectedRecord());
        QVERIFY(!page.inspector()->hasRecord());
    }
};

QTEST_MAIN(TestUiTrafficPage)
#include "tst_ui_trafficpage.moc"
