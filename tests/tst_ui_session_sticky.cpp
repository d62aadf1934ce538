#include "clientpool.h"
#include "flowpump.h"
#include "lab/simulation.h"
#include "mainwindow.h"
#include "models/flowfilterproxymodel.h"
#include "models/flowtablemodel.h"
#include "models/sessiontablemodel.h"
#include "testpaths.h"
#include "widgets/composerpanel.h"
#include "widgets/flowinspector.h"
#include "widgets/inlinemessage.h"
#include "widgets/manifestspage.h"
#include "widgets/sessionspage.h"
#include "widgets/topologyview.h"
#include "widgets/trafficpage.h"
#include "widgets/yamleditor.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>

using namespace gw;
using namespace gw::ui;

// The seed scenario driven through the real window, offscreen: three clients with cookie jars and
// one without (curl) send through the composer; the Traffic and Sessions models (each under
// QAbstractItemModelTester) show the pods, cookies and decisions; stopping a pod re-pins its
// sessions; fast-forwarding past max-age expires them; and a YAML error is shown at its line
// while the last good configuration keeps serving.
class TestUiSessionSticky final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settingsDir;
    std::unique_ptr<Simulation> m_simulation;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_flowTester;
    std::unique_ptr<QAbstractItemModelTester> m_proxyTester;
    std::unique_ptr<QAbstractItemModelTester> m_sessionTester;
    QHash<quint64, ClientResult> m_results;

    static QString pipy1() { return QStringLiteral("server/pipy-1"); }
    static QString pipy2() { return QStringLiteral("server/pipy-2"); }

    // Sends the composer's request from `client` and waits for the answer and its flow row.
    ClientResult send(const QString &client)
    {
        ComposerPanel *composer = m_window->composer();
        composer->setCurrentClient(client);
        const int rowsBefore = m_window->trafficPage()->model()->rowCount();
        const quint64 selectedBefore = m_window->lastSelectedFlowId();
        const quint64 ticket = composer->send();
        if (ticket == 0)
            return {};
        if (!QTest::qWaitFor([&] { return m_results.contains(ticket); }, 10000))
            return {};
        // The flow arrives with the pump; the window selects it.
        const bool selected = QTest::qWaitFor(
            [&] {
                m_window->refreshLiveViews();
                return m_window->trafficPage()->model()->rowCount() > rowsBefore && m_window->lastSelectedFlowId() != selectedBefore;
            },
            5000);
        if (!selected || m_window->trafficPage()->selectedRecord()->id != m_window->lastSelectedFlowId())
            return {};
        return m_results.value(ticket);
    }

    const FlowRecord &lastFlow() const
    {
        const FlowTableModel *model = m_window->trafficPage()->model();
        return *model->recordAt(model->rowCount() - 1);
    }
    QString lastClient() const
    {
        const FlowTableModel *model = m_window->trafficPage()->model();
        return model->clientAt(model->rowCount() - 1);
    }
    QByteArray jarValue(const QString &client) const
    {
        const QList<CookieJar::Cookie> cookies = m_window->clientPool()->cookieJar(client)->liveCookies(m_simulation->clock().nowMs());
        for (const CookieJar::Cookie &cookie : cookies) {
            if (cookie.name == "_srv_id")
                return cookie.value;
        }
        return {};
    }
    // As typing does: through a cursor, so the document is modified and the edit can be undone.
    static void replaceText(YamlEditor *editor, const QString &text)
    {
        QTextCursor cursor(editor->document());
        cursor.select(QTextCursor::Document);
        cursor.insertText(text);
    }
    int sessionRow(const QByteArray &value) const { return m_window->sessionsPage()->model()->rowForValue(value); }
    QVariant sessionData(const QByteArray &value, int role) const
    {
        const SessionTableModel *model = m_window->sessionsPage()->model();
        return model->index(sessionRow(value), 0).data(role);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        // The window remembers its layout and recent files: keep that out of the user's settings.
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
        Simulation::Options options;
        options.defaultNamespace = QStringLiteral("server");
        options.portOffset = 2300;
        m_simulation = std::make_unique<Simulation>(options);
        m_window = std::make_unique<MainWindow>(*m_simulation);
        m_flowTester = std::make_unique<QAbstractItemModelTester>(m_window->trafficPage()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_proxyTester = std::make_unique<QAbstractItemModelTester>(m_window->trafficPage()->proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_sessionTester = std::make_unique<QAbstractItemModelTester>(m_window->sessionsPage()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(m_window->clientPool(), &ClientPool::resultReady, this, [this](quint64 ticket, const ClientResult &result) { m_results.insert(ticket, result); });
        m_window->openPaths({test::samplePath(QStringLiteral("session-sticky"))});
        QVERIFY2(!hasErrors(m_simulation->diagnostics()), qPrintable(m_simulation->diagnostics().value(0).toString()));
        QVERIFY(m_simulation->isServing());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->composer()->selectListener(QStringLiteral("server/simple-fsm-gateway"), QStringLiteral("http")));
        m_window->composer()->setPath(QStringLiteral("/"));
    }

    void cleanupTestCase()
    {
        m_sessionTester.reset();
        m_proxyTester.reset();
        m_flowTester.reset();
        m_window.reset();
        m_simulation.reset();
    }

    void clientsWithJarsArePinned()
    {
        QCOMPARE(m_window->clientPool()->names(),
                 (QStringList{QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol"), QStringLiteral("curl")}));
        for (const QString &client : {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")}) {
            const ClientResult first = send(client);
            QVERIFY2(first.ok, qPrintable(first.error));
            QVERIFY(first.response.headers.value("set-cookie").startsWith("_srv_id="));
            QCOMPARE(lastClient(), client);
            QCOMPARE(lastFlow().stickyDecision, FlowRecord::StickyDecision::Issued);
            const QString pod = lastFlow().podKey;
            const QByteArray cookie = jarValue(client);
            QVERIFY(!cookie.isEmpty());
            QCOMPARE(lastFlow().cookieIssued, cookie);
            for (int i = 0; i < 2; ++i) {
                const ClientResult again = send(client);
                QVERIFY2(again.ok, qPrintable(again.error));
                QVERIFY(!again.response.headers.contains("set-cookie"));
                QCOMPARE(lastClient(), client);
                QCOMPARE(lastFlow().stickyDecision, FlowRecord::StickyDecision::Honoured);
                QCOMPARE(lastFlow().endpointChoice, FlowRecord::EndpointChoice::Cookie);
                QCOMPARE(lastFlow().podKey, pod);
                QCOMPARE(lastFlow().cookieReceived, cookie);
            }
        }
        // pipy-1 keeps the tutorial's address, so its cookie is the tutorial's value.
        QSet<QByteArray> values{jarValue(QStringLiteral("alice")), jarValue(QStringLiteral("bob")), jarValue(QStringLiteral("carol"))};
        QVERIFY(values.size() >= 1);
        QVERIFY(values.size() <= 2);
        if (m_window->trafficPage()->model()->recordAt(0)->podKey == pipy1())
            QVERIFY(values.contains("7252425551334343"));
    }

    void curlWithoutJarGetsANewCookieEveryTime()
    {
        QSet<QString> pods;
        for (int i = 0; i < 4; ++i) {
            const ClientResult result = send(QStringLiteral("curl"));
            QVERIFY2(result.ok, qPrintable(result.error));
            QVERIFY(result.newConnection);
            QVERIFY(!result.request.headers.contains("cookie"));
            QCOMPARE(lastClient(), QStringLiteral("curl"));
            QCOMPARE(lastFlow().stickyDecision, FlowRecord::StickyDecision::Issued);
            pods.insert(lastFlow().podKey);
        }
        // A new connection each time, no cookie: the balancer rotates over both pods.
        QCOMPARE(pods, (QSet<QString>{pipy1(), pipy2()}));
        QVERIFY(jarValue(QStringLiteral("curl")).isEmpty());
    }

    void trafficViewShowsDecisions()
    {
        TrafficPage *traffic = m_window->trafficPage();
        const FlowTableModel *model = traffic->model();
        QCOMPARE(model->rowCount(), 13);
        // Columns a person reads.
        const int last = model->rowCount() - 1;
        QCOMPARE(model->index(last, FlowTableModel::ClientColumn).data().toString(), QStringLiteral("curl"));
        QCOMPARE(model->index(last, FlowTableModel::StickyColumn).data().toString(), QStringLiteral("new cookie"));
        QCOMPARE(model->index(1, FlowTableModel::StickyColumn).data().toString(), QStringLiteral("cookie honoured"));
        QCOMPARE(model->index(1, FlowTableModel::ClientColumn).data().toString(), QStringLiteral("alice"));
        QCOMPARE(model->index(1, FlowTableModel::RouteColumn).data().toString(), QStringLiteral("server/fortio-route#0"));
        QVERIFY(model->index(1, FlowTableModel::PodColumn).data().toString().startsWith(u"pipy-"));

        // Quick filtering through the proxy.
        QVERIFY(traffic->setFilterText(QStringLiteral("client:alice")));
        QCOMPARE(traffic->proxy()->rowCount(), 3);
        QVERIFY(traffic->setFilterText(QStringLiteral("sticky:honoured")));
        QCOMPARE(traffic->proxy()->rowCount(), 6);
        QVERIFY(!traffic->setFilterText(QStringLiteral("colour:red")));
        QVERIFY(traffic->filterError()->isVisibleTo(traffic));
        QVERIFY(traffic->setFilterText(QString()));
        QCOMPARE(traffic->proxy()->rowCount(), 13);

        // The inspector's Why this pod for an honoured request.
        QVERIFY(traffic->selectFlow(model->recordAt(1)->id));
        const FlowRecord *selected = traffic->selectedRecord();
        QVERIFY(selected);
        const QStringList steps = traffic->inspector()->trailSteps();
        QCOMPARE(steps, selected->decisionTrail());
        QVERIFY(steps.at(0).startsWith(u"listener http of Gateway server/simple-fsm-gateway"));
        QVERIFY(steps.join(u'\n').contains(u"balancer bypassed"));
        QVERIFY(traffic->inspector()->summaryText().contains(u"sticky cookie"));
        QVERIFY(traffic->inspector()->cookieRows().join(u'\n').contains(u"sticky cookie: honoured"));
        QVERIFY(traffic->inspector()->requestText().startsWith(u"GET / HTTP/1.1"));
        QVERIFY(traffic->curlForSelected().contains(u"-b _srv_id="));
    }

    void sessionsViewShowsWhoHoldsWhat()
    {
        m_window->refreshLiveViews();
        const SessionTableModel *sessions = m_window->sessionsPage()->model();
        QVERIFY(sessions->rowCount() >= 2);
        for (const QString &client : {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")}) {
            const QByteArray value = jarValue(client);
            QVERIFY(sessionRow(value) >= 0);
            QVERIFY(sessionData(value, SessionTableModel::ClientsRole).toStringList().contains(client));
            QCOMPARE(sessionData(value, SessionTableModel::StateRole).value<SessionTableModel::State>(), SessionTableModel::State::Pinned);
            // Max-age 600: a little under ten minutes left.
            const qint64 left = sessionData(value, SessionTableModel::ExpiresInMsRole).toLongLong();
            QVERIFY2(left > 590'000 && left <= 600'000, qPrintable(QString::number(left)));
        }
        // curl's cookies are issued but held by no simulated client.
        const QString heldBy = sessions->index(0, SessionTableModel::ClientsColumn).data().toString();
        QVERIFY(!heldBy.isEmpty());
        QVERIFY(m_window->sessionsPage()->ratioText().contains(u"100.0 %"));
        // Per pod: requests and sessions.
        qint64 requests = 0;
        int pinnedClients = 0;
        for (const SessionTableModel::PodLoad &load : sessions->podLoads()) {
            requests += load.requests;
            pinnedClients += load.sessions;
        }
        QCOMPARE(requests, qint64(13));
        QCOMPARE(pinnedClients, 3);
    }

    void stoppingAPodRepinsItsSessions()
    {
        const QByteArray aliceValue = jarValue(QStringLiteral("alice"));
        const QString alicePod = m_window->trafficPage()->model()->recordAt(0)->podKey;
        // Stop it from the topology's pod menu, as a user would.
        TopologyView *topology = m_window->topologyView();
        QVERIFY(topology->node(TopologyNodeItem::Kind::Pod, alicePod));
        QVERIFY(topology->node(TopologyNodeItem::Kind::Service, QStringLiteral("server/pipy:8080"))->badge().contains(u"_srv_id"));
        QObject owner;
        const QList<QAction *> actions = topology->podActions(alicePod, &owner);
        QVERIFY(!actions.isEmpty());
        QVERIFY(actions.constFirst()->text().startsWith(u"Stop"));
        actions.constFirst()->trigger();
        QCOMPARE(m_simulation->cluster().findPod(alicePod)->state, ClusterPod::State::Stopped);
        TopologyNodeItem *stopped = topology->node(TopologyNodeItem::Kind::Pod, alicePod);
        QVERIFY(stopped->isDimmed());
        QVERIFY(stopped->lines().join(u' ').contains(u"stopped"));

        m_window->refreshLiveViews();
        QCOMPARE(sessionData(aliceValue, SessionTableModel::StateRole).value<SessionTableModel::State>(), SessionTableModel::State::Stale);

        const ClientResult result = send(QStringLiteral("alice"));
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(lastFlow().stickyDecision, FlowRecord::StickyDecision::Repinned);
        QCOMPARE(lastFlow().cookieReceived, aliceValue);
        QVERIFY(lastFlow().podKey != alicePod);
        QCOMPARE(m_window->trafficPage()->model()->index(m_window->trafficPage()->model()->rowCount() - 1, FlowTableModel::StickyColumn).data().toString(),
                 QStringLiteral("re-pinned"));
        const QByteArray newValue = jarValue(QStringLiteral("alice"));
        QVERIFY(newValue != aliceValue);
        m_window->refreshLiveViews();
        QCOMPARE(sessionData(newValue, SessionTableModel::StateRole).value<SessionTableModel::State>(), SessionTableModel::State::Pinned);
        QVERIFY(sessionData(newValue, SessionTableModel::ClientsRole).toStringList().contains(QStringLiteral("alice")));
        QVERIFY(m_window->sessionsPage()->ratioText().contains(u"1 re-pinned"));

        // Back, on its old address: the old value is honoured again.
        QVERIFY(m_simulation->startPod(alicePod));
        m_window->refreshLiveViews();
        QVERIFY(sessionData(aliceValue, SessionTableModel::StateRole).value<SessionTableModel::State>() != SessionTableModel::State::Stale);
    }

    void fastForwardPastMaxAgeExpiresSessions()
    {
        const QByteArray bobValue = jarValue(QStringLiteral("bob"));
        QVERIFY(!bobValue.isEmpty());
        m_window->sessionsPage()->fastForward(11 * 60 * 1000);
        QCOMPARE(sessionData(bobValue, SessionTableModel::StateRole).value<SessionTableModel::State>(), SessionTableModel::State::Expired);
        QVERIFY(jarValue(QStringLiteral("bob")).isEmpty());
        QVERIFY(m_window->sessionsPage()->model()->index(sessionRow(bobValue), SessionTableModel::ClientsColumn).data().toString().contains(u"bob (expired)"));
        // The expired cookie is no longer sent: the gateway balances and issues a new one.
        const ClientResult result = send(QStringLiteral("bob"));
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY(!result.request.headers.contains("cookie"));
        QCOMPARE(lastFlow().stickyDecision, FlowRecord::StickyDecision::Issued);
        QVERIFY(!jarValue(QStringLiteral("bob")).isEmpty());
        m_window->sessionsPage()->resetClock();
    }

    void yamlErrorShownAtItsLineWhileLastGoodConfigurationServes()
    {
        ManifestsPage *manifests = m_window->manifestsPage();
        const QString routePath = [&] {
            for (const QString &file : manifests->files()) {
                if (file.endsWith(u"02-gateway-route.yaml"))
                    return file;
            }
            return QString();
        }();
        QVERIFY(!routePath.isEmpty());
        YamlEditor *editor = manifests->editorFor(routePath);
        QVERIFY(editor);
        const quint64 version = m_simulation->config()->version;
        QString text = editor->toPlainText();
        QVERIFY(text.contains(u"    port: 8000\n"));
        text.replace(QStringLiteral("    port: 8000\n"), QStringLiteral("    port: eighty\n"));
        replaceText(editor, text);
        QVERIFY(manifests->hasUnsavedChanges());

        QVERIFY(!manifests->apply());
        // The diagnostic is at its line: marker, list entry, banner; the editor's cursor is there.
        QCOMPARE(editor->markedLines().value(9, false), true);
        QVERIFY(editor->diagnosticTextForLine(9).contains(u"spec.listeners[0].port"));
        QCOMPARE(editor->currentLine(), 9);
        QVERIFY(manifests->diagnosticsList()->count() >= 1);
        QVERIFY(manifests->diagnosticsList()->item(0)->text().contains(u"02-gateway-route.yaml:9:"));
        QCOMPARE(manifests->message()->kind(), InlineMessage::Kind::Error);
        QVERIFY(manifests->message()->text().contains(u"last good configuration"));
        // Nothing was applied: the same snapshot still serves.
        QCOMPARE(m_simulation->config()->version, version);
        QCOMPARE(m_simulation->listeners().size(), 1);
        const ClientResult stillServed = send(QStringLiteral("carol"));
        QVERIFY2(stillServed.ok, qPrintable(stillServed.error));
        QVERIFY(manifests->hasUnsavedChanges());   // the edit is kept

        // Fixed, and applied live: a new snapshot, no restart, same listener.
        text.replace(QStringLiteral("    port: eighty\n"), QStringLiteral("    port: 8000\n"));
        replaceText(editor, text);
        QVERIFY(manifests->apply());
        QVERIFY(m_simulation->config()->version > version);
        QVERIFY(editor->markedLines().isEmpty());
        QCOMPARE(manifests->message()->kind(), InlineMessage::Kind::Positive);
        const ClientResult afterApply = send(QStringLiteral("carol"));
        QVERIFY2(afterApply.ok, qPrintable(afterApply.error));
        QCOMPARE(lastFlow().configVersion, m_simulation->config()->version);
    }
};

QTEST_MAIN(TestUiSessionSticky)
#include "tst_ui_session_sticky.moc"
