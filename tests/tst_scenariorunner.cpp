#include "labfixture.h"
#include "scenario/scenarioloader.h"
#include "scenario/scenariorunner.h"
#include "testpaths.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace gw;
using namespace gw::test;

// Scenarios run by the ScenarioRunner: every assertion kind passing and failing, pods from the flow
// log in the simulation and from the echo body against a "real" gateway, actions, compare mode.
class TestScenarioRunner final : public QObject
{
    Q_OBJECT

private:
    static QString data(const QString &name) { return testDataDir() + QStringLiteral("/scenario/") + name; }
    static Scenario load(const QString &path)
    {
        const ScenarioLoader::Result result = ScenarioLoader::loadFile(path);
        if (!result.ok()) {
            for (const Diagnostic &d : result.diagnostics)
                qWarning("%s", qPrintable(d.toString()));
        }
        return result.scenario;
    }
    static ScenarioReport run(const Scenario &scenario, const ScenarioRunner::Options &options = {})
    {
        ScenarioRunner runner;
        QSignalSpy finished(&runner, &ScenarioRunner::finished);
        if (!runner.start(scenario, options))
            return {};
        finished.wait(120'000);
        return runner.report();
    }
    static const StepReport *step(const ScenarioReport &report, const QString &name)
    {
        for (const StepReport &s : report.steps) {
            if (s.name == name)
                return &s;
        }
        return nullptr;
    }
    static QStringList outcomes(const StepReport &step, AssertionReport::Outcome outcome)
    {
        QStringList kinds;
        for (const AssertionReport &a : step.assertions) {
            if (a.outcome == outcome)
                kinds.append(a.kind);
        }
        return kinds;
    }

private Q_SLOTS:
    void everyAssertionKindPasses()
    {
        const Scenario scenario = load(data(QStringLiteral("assertions-pass.yaml")));
        QCOMPARE(scenario.steps.size(), 4);
        ScenarioRunner runner;
        QSignalSpy started(&runner, &ScenarioRunner::stepStarted);
        QSignalSpy finishedSteps(&runner, &ScenarioRunner::stepFinished);
        QSignalSpy finished(&runner, &ScenarioRunner::finished);
        QVERIFY(runner.start(scenario, {}));
        // start() returned before anything ran: the run is on the runner's own thread.
        QVERIFY(runner.isRunning());
        QVERIFY(!runner.start(scenario, {}));
        QVERIFY(finished.wait(60'000));
        QVERIFY(!runner.isRunning());
        QCOMPARE(started.size(), 4);
        QCOMPARE(finishedSteps.size(), 4);
        const ScenarioReport report = runner.report();
        QVERIFY2(report.passed(), qPrintable(report.steps.value(0).message + report.runtimeError));
        for (const StepReport &s : report.steps) {
            QVERIFY2(s.status == StepReport::Status::Passed, qPrintable(s.name + u": " + s.message));
            QVERIFY(outcomes(s, AssertionReport::Outcome::Failed).isEmpty());
            QVERIFY(outcomes(s, AssertionReport::Outcome::NotCheckable).isEmpty());
        }
        const StepReport *first = step(report, QStringLiteral("first"));
        QCOMPARE(outcomes(*first, AssertionReport::Outcome::Passed),
                 (QStringList{QStringLiteral("status"), QStringLiteral("body"), QStringLiteral("body"), QStringLiteral("headers.content-type"),
                              QStringLiteral("headers.x-missing"), QStringLiteral("setCookie"), QStringLiteral("pod"), QStringLiteral("duration")}));
        QVERIFY(first->exchanges.first().pod.startsWith(u"tests/echo-"));
        QCOMPARE(first->exchanges.first().podSource, QStringLiteral("flow log"));
        QCOMPARE(first->exchanges.first().stickyDecision, QStringLiteral("issued"));
        QCOMPARE(first->exchanges.first().route, QStringLiteral("tests/echo#rule0"));
        const StepReport *again = step(report, QStringLiteral("again"));
        QCOMPARE(again->exchanges.size(), 2);
        QCOMPARE(outcomes(*again, AssertionReport::Outcome::Passed).count(QStringLiteral("samePodAs")), 2);
        QCOMPARE(again->exchanges.last().stickyDecision, QStringLiteral("honoured"));
        QCOMPARE(again->exchanges.last().requestOnConnection, 3);
        QVERIFY(step(report, QStringLiteral("bob elsewhere"))->exchanges.first().newConnection);
    }

    void everyAssertionKindFails()
    {
        const ScenarioReport report = run(load(data(QStringLiteral("assertions-fail.yaml"))));
        QVERIFY(report.runtimeError.isEmpty());
        QVERIFY(!report.passed());
        QCOMPARE(step(report, QStringLiteral("first"))->status, StepReport::Status::Passed);
        const QList<QPair<QString, QString>> failing{
            {QStringLiteral("status"), QStringLiteral("status")},
            {QStringLiteral("body equals"), QStringLiteral("body")},
            {QStringLiteral("body contains"), QStringLiteral("body")},
            {QStringLiteral("body regex"), QStringLiteral("body")},
            {QStringLiteral("header regex"), QStringLiteral("headers.content-type")},
            {QStringLiteral("header absent"), QStringLiteral("headers.content-type")},
            {QStringLiteral("setCookie false"), QStringLiteral("setCookie")},
            {QStringLiteral("setCookie maxAge"), QStringLiteral("setCookie")},
            {QStringLiteral("pod"), QStringLiteral("pod")},
            {QStringLiteral("samePodAs"), QStringLiteral("samePodAs")},
            {QStringLiteral("duration"), QStringLiteral("duration")},
        };
        for (const auto &[name, kind] : failing) {
            const StepReport *s = step(report, name);
            QVERIFY2(s, qPrintable(name));
            QCOMPARE(s->status, StepReport::Status::Failed);
            QVERIFY2(outcomes(*s, AssertionReport::Outcome::Failed).contains(kind), qPrintable(name));
            QVERIFY2(s->message.startsWith(kind + u": expected "), qPrintable(s->message));
        }
        QCOMPARE(step(report, QStringLiteral("status"))->message, QStringLiteral("status: expected 404, got 200"));
        QVERIFY(step(report, QStringLiteral("setCookie maxAge"))->message.contains(u"lab_id; max-age=600"));
    }

    void actionsChangeTheLab()
    {
        const QByteArray text = R"(
name: actions
manifests: [echo-lab.yaml]
namespace: tests
steps:
  - name: before
    client: a
    request: {gateway: lab, path: /}
    expect: {setCookie: false}
  - name: policy
    apply: sticky-policy.yaml
  - name: pinned
    client: a
    newConnection: true
    request: {path: /}
    expect: {setCookie: {name: lab_id}}
  - name: stop the pinned pod
    stopPod: echo-a
  - name: only b answers
    client: b
    newConnection: true
    request: {path: /}
    repeat: 3
    expect: {pod: echo-b}
  - name: slow b
    slowPod: {pod: echo-b, delay: 150ms}
  - name: slow answer
    client: b
    request: {path: /}
    expect: {duration: ">= 150ms"}
  - name: expire cookies
    advanceClock: 301s
  - name: a gets a new cookie
    client: a
    request: {path: /}
    expect: {setCookie: {name: lab_id}}
  - name: unknown pod
    stopPod: nobody
  - name: policy gone
    delete: [sticky-policy.yaml]
  - name: no cookie any more
    client: c
    request: {path: /}
    expect: {setCookie: false}
)";
        const ScenarioLoader::Result loaded = ScenarioLoader::loadText(QStringLiteral("actions.yaml"), text, testDataDir() + QStringLiteral("/scenario"));
        QVERIFY(loaded.ok());
        const ScenarioReport report = run(loaded.scenario);
        for (const StepReport &s : report.steps) {
            if (s.name == u"unknown pod") {
                QCOMPARE(s.status, StepReport::Status::Error);
                QCOMPARE(s.message, QStringLiteral("no pod tests/nobody to stop"));
            } else {
                QVERIFY2(s.status == StepReport::Status::Passed, qPrintable(s.name + u": " + s.message));
            }
        }
        QCOMPARE(step(report, QStringLiteral("policy"))->description, QStringLiteral("apply sticky-policy.yaml"));
        QCOMPARE(step(report, QStringLiteral("slow b"))->kind, QStringLiteral("slowPod"));
    }

    void targetModeUsesResponseEvidence()
    {
        // A second lab stands in for the real gateway: same manifests, listener port + 100.
        Simulation::Options options;
        options.defaultNamespace = QStringLiteral("tests");
        options.portOffset = 100;
        LabFixture real(options);
        QVERIFY2(real.start({data(QStringLiteral("echo-lab.yaml")), data(QStringLiteral("sticky-policy.yaml"))}), qPrintable(real.error()));
        const QString url = real.url(QStringLiteral("tests/lab"), QStringLiteral("http"), QString());
        QVERIFY(url.endsWith(u":8400"));

        ScenarioRunner::Options target;
        target.targetUrl = url;
        const ScenarioReport report = run(load(data(QStringLiteral("assertions-pass.yaml"))), target);
        QCOMPARE(report.mode, ScenarioReport::Mode::Target);
        QVERIFY2(report.passed(), qPrintable(report.steps.value(0).message));
        const ExchangeReport &first = report.steps.first().exchanges.first();
        QCOMPARE(first.podSource, QStringLiteral("echo body"));
        QVERIFY(first.pod.startsWith(u"tests/echo-"));
        QVERIFY(first.route.isEmpty());            // nothing the real gateway does not tell
        QCOMPARE(first.url, url + u"/first?x=1");
        QCOMPARE(first.requestHeaders.value("host"), url.mid(7).toLatin1());
        for (const StepReport &s : report.steps)
            QVERIFY(outcomes(s, AssertionReport::Outcome::NotCheckable).isEmpty());

        // The tutorial's pipy pods say nothing about themselves: pod assertions are reported as
        // not checkable, never passed, and the policy can only be applied on the cluster.
        LabFixture tutorial([] {
            Simulation::Options o;
            o.defaultNamespace = QStringLiteral("server");
            o.portOffset = 100;
            return o;
        }());
        QVERIFY2(tutorial.start({samplePath(QStringLiteral("session-sticky"))}), qPrintable(tutorial.error()));
        target.targetUrl = tutorial.url(QStringLiteral("server/simple-fsm-gateway"), QStringLiteral("http"), QString());
        const ScenarioReport sticky = run(load(samplePath(QStringLiteral("session-sticky/scenario.yaml"))), target);
        QCOMPARE(step(sticky, QStringLiteral("apply the policy"))->status, StepReport::Status::Skipped);
        QVERIFY(step(sticky, QStringLiteral("apply the policy"))->message.startsWith(u"needs the simulator"));
        const StepReport *pinned = step(sticky, QStringLiteral("pinned"));
        QCOMPARE(outcomes(*pinned, AssertionReport::Outcome::NotCheckable), QStringList(3, QStringLiteral("samePodAs")));
        QCOMPARE(pinned->status, StepReport::Status::Passed);
        QCOMPARE(sticky.notCheckableCount(), 4);   // three samePodAs, and the stickiness threshold
        bool stickinessUnknown = false;
        for (const ThresholdReport &t : sticky.thresholds)
            stickinessUnknown = stickinessUnknown || (t.metric == u"stickiness" && !t.checkable && t.observed == u"unknown");
        QVERIFY(stickinessUnknown);
        QVERIFY(sticky.load.ran);
        QCOMPARE(sticky.load.failed, 0);
    }

    void compareModeReportsDifferences()
    {
        // The "real" gateway runs without the sticky policy: the simulation issues cookies, it does not.
        Simulation::Options options;
        options.defaultNamespace = QStringLiteral("tests");
        options.portOffset = 100;
        LabFixture real(options);
        QVERIFY2(real.start({data(QStringLiteral("echo-lab.yaml"))}), qPrintable(real.error()));
        ScenarioRunner::Options compare;
        compare.compareUrl = real.url(QStringLiteral("tests/lab"), QStringLiteral("http"), QString());
        const ScenarioReport report = run(load(data(QStringLiteral("assertions-pass.yaml"))), compare);
        QCOMPARE(report.mode, ScenarioReport::Mode::Compare);
        QCOMPARE(report.targetSteps.size(), report.steps.size());
        QCOMPARE(report.steps.first().status, StepReport::Status::Passed);
        QCOMPARE(report.targetSteps.first().status, StepReport::Status::Failed);
        bool cookieDiffers = false;
        for (const DifferenceReport &d : report.steps.first().differences)
            cookieDiffers = cookieDiffers || (d.what == u"Set-Cookie" && d.simulation == u"lab_id" && d.target == u"none");
        QVERIFY(cookieDiffers);
        QVERIFY(report.stepsFailed());
    }

    void cancelStopsBetweenRequests()
    {
        const QByteArray text = R"(
name: long
manifests: [echo-lab.yaml]
namespace: tests
steps:
  - name: slow pods
    slowPod: {pod: echo-a, delay: 50ms}
  - name: slow too
    slowPod: {pod: echo-b, delay: 50ms}
  - name: many
    request: {gateway: lab, path: /}
    repeat: 400
  - name: never reached
    request: {path: /}
)";
        const ScenarioLoader::Result loaded = ScenarioLoader::loadText(QStringLiteral("long.yaml"), text, testDataDir() + QStringLiteral("/scenario"));
        QVERIFY(loaded.ok());
        ScenarioRunner runner;
        QSignalSpy finished(&runner, &ScenarioRunner::finished);
        QSignalSpy started(&runner, &ScenarioRunner::stepStarted);
        QVERIFY(runner.start(loaded.scenario, {}));
        QTRY_COMPARE_WITH_TIMEOUT(started.size(), 3, 20'000);
        runner.cancel();
        QVERIFY(finished.wait(20'000));
        const ScenarioReport report = runner.report();
        QCOMPARE(report.steps.size(), 4);
        QVERIFY(report.steps[2].exchanges.size() < 400);
        QCOMPARE(report.steps[3].status, StepReport::Status::Skipped);
    }
};

QTEST_GUILESS_MAIN(TestScenarioRunner)
#include "tst_scenariorunner.moc"
