#include "scenario/scenarioloader.h"
#include "testpaths.h"

#include <QTest>

using namespace gw;
using namespace gw::test;

// The scenario file format: what a valid file becomes, and one message with its location for
// each way a file can be wrong.
class TestScenarioLoader final : public QObject
{
    Q_OBJECT

private:
    static QString base() { return samplePath(QStringLiteral("session-sticky")); }
    static ScenarioLoader::Result parse(const QByteArray &text) { return ScenarioLoader::loadText(QStringLiteral("s.yaml"), text, base()); }

private Q_SLOTS:
    void theTutorialScenario()
    {
        const ScenarioLoader::Result result = ScenarioLoader::loadFile(samplePath(QStringLiteral("session-sticky/scenario.yaml")));
        QVERIFY2(result.ok(), qPrintable(result.diagnostics.value(0).toString()));
        QVERIFY(result.diagnostics.isEmpty());
        const Scenario &s = result.scenario;
        QCOMPARE(s.name, QStringLiteral("FSM session stickiness tutorial"));
        QCOMPARE(s.manifests, (QStringList{base() + QStringLiteral("/01-backends.yaml"), base() + QStringLiteral("/02-gateway-route.yaml")}));
        QCOMPARE(s.namespaceName, QStringLiteral("server"));
        QCOMPARE(s.seed, 7u);
        QCOMPARE(s.steps.size(), 4);

        const ScenarioStep &balanced = s.steps[0];
        QCOMPARE(balanced.client, QStringLiteral("fresh"));
        QVERIFY(balanced.newConnection);
        QCOMPARE(balanced.repeat, 2);
        QCOMPARE(balanced.request.gateway, QStringLiteral("simple-fsm-gateway"));
        QCOMPARE(balanced.request.listener, QStringLiteral("http"));
        QCOMPARE(balanced.request.method, QByteArray("GET"));
        QCOMPARE(balanced.request.path, QByteArray("/"));
        QCOMPARE(balanced.expect.statuses, (QList<int>{200, 503}));
        QCOMPARE(balanced.expect.setCookie.mode, SetCookieExpectation::Mode::None);
        QCOMPARE(balanced.location.line, 7);

        const ScenarioStep &apply = s.steps[1];
        QVERIFY(apply.isAction());
        QCOMPARE(apply.action->kind, ScenarioAction::Kind::Apply);
        QCOMPARE(apply.action->files, QStringList{base() + QStringLiteral("/03-session-sticky-policy.yaml")});

        const ScenarioStep &pins = s.steps[2];
        QCOMPARE(pins.client, QStringLiteral("alice"));
        QVERIFY(!pins.newConnection);
        QVERIFY(pins.request.gateway.isEmpty());   // inherited when run
        QCOMPARE(pins.expect.body.size(), 1);
        QCOMPARE(pins.expect.body.first().kind, TextExpectation::Kind::Equals);
        QCOMPARE(pins.expect.body.first().text, QStringLiteral("Hello, world"));
        QCOMPARE(pins.expect.setCookie.mode, SetCookieExpectation::Mode::Match);
        QCOMPARE(pins.expect.setCookie.name, QByteArray("_srv_id"));
        QCOMPARE(pins.expect.setCookie.maxAge, 600);

        const ScenarioStep &pinned = s.steps[3];
        QCOMPARE(pinned.repeat, 3);
        QCOMPARE(pinned.expect.samePodAs, QStringLiteral("first response pins"));
        QCOMPARE(pinned.expect.headers.size(), 1);
        QCOMPARE(pinned.expect.headers.first().name, QByteArray("content-length"));
        QCOMPARE(pinned.expect.headers.first().pattern, QStringLiteral("^12$"));

        QVERIFY(s.load.present);
        QCOMPARE(s.load.clients, 200);
        QCOMPARE(s.load.requestsPerClient, 20);
        QCOMPARE(s.load.concurrency, 32);
        QCOMPARE(s.load.thresholds.size(), 3);
        QCOMPARE(s.load.thresholds[0].metric, ScenarioThreshold::Metric::P95);
        QCOMPARE(s.load.thresholds[0].comparison.op, Comparison::Operator::Less);
        QCOMPARE(s.load.thresholds[0].comparison.value, 50.0);
        QCOMPARE(s.load.thresholds[1].metric, ScenarioThreshold::Metric::ErrorRate);
        QCOMPARE(s.load.thresholds[1].comparison.value, 1.0);
        QCOMPARE(s.load.thresholds[2].metric, ScenarioThreshold::Metric::Stickiness);
        QCOMPARE(s.load.thresholds[2].comparison.op, Comparison::Operator::GreaterOrEqual);
        QCOMPARE(s.load.thresholds[2].comparison.value, 100.0);
    }

    void everyOptionalForm()
    {
        const ScenarioLoader::Result result = parse(R"(
name: forms
manifests: 01-backends.yaml
podHeader: x-pod
steps:
  - name: a
    request:
      method: POST
      path: /api?x=1
      host: example.com
      headers: {x-one: 1, content-type: text/plain}
      body: hello
      timeout: 2s
    expect:
      status: 201
      body: {equals: hello, contains: ell, regex: '^h'}
      headers: {x-gone: null, x-off: false, x-re: {regex: 'a+'}, x-not: {absent: true}}
      setCookie: true
      pod: {prefix: pipy-}
      duration: "<= 1.5s"
  - name: b
    request: {path: /}
    expect: {pod: server/pipy-1, differentPodFrom: a}
  - {name: c, stopPod: pipy-1}
  - {name: d, restartPod: {pod: pipy-1, newIp: true}}
  - {name: e, slowPod: {pod: pipy-2, delay: 250ms}}
  - {name: f, advanceClock: 10m}
  - {name: g, delete: [03-session-sticky-policy.yaml]}
  - {name: h, crashPod: pipy-2}
  - {name: i, startPod: pipy-2}
load:
  clients: 2
  requestsPerClient: 3
  newConnection: true
  request: {path: /load}
  thresholds: {p50: "< 1s", p90: "< 1s", p99: "<= 2s", avg: "< 100ms", min: ">= 0ms", max: "< 1m", rps: "> 1"}
)");
        QVERIFY2(result.ok(), qPrintable(result.diagnostics.value(0).toString()));
        const Scenario &s = result.scenario;
        QCOMPARE(s.podHeader, QByteArray("x-pod"));
        QCOMPARE(s.manifests.size(), 1);
        const ScenarioStep &a = s.steps[0];
        QCOMPARE(a.request.method, QByteArray("POST"));
        QCOMPARE(a.request.path, QByteArray("/api?x=1"));
        QCOMPARE(a.request.host, QByteArray("example.com"));
        QCOMPARE(a.request.headers.value("x-one"), QByteArray("1"));
        QCOMPARE(a.request.body, QByteArray("hello"));
        QCOMPARE(a.request.timeoutMs, 2000);
        QCOMPARE(a.expect.statuses, QList<int>{201});
        QCOMPARE(a.expect.body.size(), 3);
        QCOMPARE(a.expect.headers.size(), 4);
        QVERIFY(a.expect.headers[0].absent && a.expect.headers[1].absent && !a.expect.headers[2].absent && a.expect.headers[3].absent);
        QCOMPARE(a.expect.setCookie.mode, SetCookieExpectation::Mode::Any);
        QVERIFY(a.expect.pod->prefix);
        QCOMPARE(a.expect.duration->value, 1500.0);
        QCOMPARE(s.steps[1].expect.pod->name, QStringLiteral("server/pipy-1"));
        QCOMPARE(s.steps[1].expect.differentPodFrom, QStringLiteral("a"));
        QCOMPARE(s.steps[2].action->kind, ScenarioAction::Kind::StopPod);
        QVERIFY(s.steps[3].action->newIp);
        QCOMPARE(s.steps[4].action->delayMs, 250);
        QCOMPARE(s.steps[5].action->clockMs, 600'000);
        QCOMPARE(s.steps[6].action->kind, ScenarioAction::Kind::Delete);
        QCOMPARE(s.steps[7].action->kind, ScenarioAction::Kind::CrashPod);
        QCOMPARE(s.steps[8].action->kind, ScenarioAction::Kind::StartPod);
        QCOMPARE(s.load.concurrency, 2);            // default: min(clients, 32)
        QVERIFY(s.load.newConnection);
        QCOMPARE(s.load.request.path, QByteArray("/load"));
        QCOMPARE(s.load.thresholds.size(), 7);
    }

    void invalid_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");   // the first error, as printed

        const QByteArray head = "name: x\nmanifests: [01-backends.yaml]\n";
        QTest::addRow("broken YAML") << QByteArray("name: [x\n") << QStringLiteral("s.yaml:2:1: invalid YAML: end of sequence flow not found");
        QTest::addRow("not a mapping") << QByteArray("- a\n- b\n") << QStringLiteral("s.yaml:1:1: expected a mapping with name, manifests and steps, got a list");
        QTest::addRow("empty file") << QByteArray("# nothing\n") << QStringLiteral("s.yaml:1:1: the scenario is empty: expected name, manifests and steps");
        QTest::addRow("no name") << QByteArray("manifests: [01-backends.yaml]\nsteps: [{name: a, request: {path: /}}]\n")
                                 << QStringLiteral("s.yaml:1:1: name: required field is missing");
        QTest::addRow("missing manifest") << QByteArray("name: x\nmanifests: [nope.yaml]\nsteps: [{name: a, request: {}}]\n")
                                          << u"s.yaml:2:13: manifests[0]: no such file or folder: " + base() + u"/nope.yaml";
        QTest::addRow("unknown top-level key") << head + "step: []\n"
                                               << QStringLiteral("s.yaml:3:1: step: unknown field \"step\"; expected one of: load, manifests, name, namespace, podHeader, seed, steps");
        QTest::addRow("neither steps nor load") << head << QStringLiteral("s.yaml:1:1: expected steps, a load phase or both; the scenario has neither");
        QTest::addRow("steps not a list") << head + "steps: {a: 1}\n" << QStringLiteral("s.yaml:3:8: steps: expected a list, got a mapping");
        QTest::addRow("step without name") << head + "steps:\n  - request: {path: /}\n" << QStringLiteral("s.yaml:4:5: steps[0].name: required field is missing");
        QTest::addRow("duplicate step name") << head + "steps:\n  - {name: a, request: {}}\n  - {name: a, request: {}}\n"
                                             << QStringLiteral("s.yaml:5:12: steps[1].name: another step is already named \"a\"; step names must be unique");
        QTest::addRow("request and action") << head + "steps:\n  - {name: a, request: {}, stopPod: pipy-1}\n"
                                            << QStringLiteral("s.yaml:4:5: steps[0]: a step is either a request or an action, got request and stopPod");
        QTest::addRow("neither request nor action") << head + "steps:\n  - {name: a, client: b}\n"
                                                    << QStringLiteral("s.yaml:4:5: steps[0]: a step needs a request or an action (apply, delete, stopPod, crashPod, startPod, restartPod, slowPod, advanceClock)");
        QTest::addRow("two actions") << head + "steps:\n  - {name: a, stopPod: x, startPod: y}\n"
                                     << QStringLiteral("s.yaml:4:5: steps[0]: a step takes one action, got stopPod and startPod; split them into steps");
        QTest::addRow("misspelt assertion") << head + "steps:\n  - name: a\n    request: {}\n    expect: {stauts: 200}\n"
                                            << QStringLiteral("s.yaml:6:14: steps[0].expect.stauts: unknown field \"stauts\"; expected one of: body, differentPodFrom, duration, headers, pod, samePodAs, setCookie, status");
        QTest::addRow("status out of range") << head + "steps:\n  - name: a\n    request: {}\n    expect: {status: [200, 99]}\n"
                                             << QStringLiteral("s.yaml:6:28: steps[0].expect.status[1]: expected an integer 100-599, got 99");
        QTest::addRow("status as text") << head + "steps:\n  - name: a\n    request: {}\n    expect: {status: OK}\n"
                                        << QStringLiteral("s.yaml:6:22: steps[0].expect.status: expected an integer 100-599, got \"OK\"");
        QTest::addRow("repeat zero") << head + "steps:\n  - {name: a, request: {}, repeat: 0}\n"
                                     << QStringLiteral("s.yaml:4:36: steps[0].repeat: expected an integer 1-100000, got 0");
        QTest::addRow("bad regex") << head + "steps:\n  - name: a\n    request: {}\n    expect: {body: {regex: '(unclosed'}}\n"
                                   << QStringLiteral("s.yaml:6:28: steps[0].expect.body.regex: invalid regular expression \"(unclosed\": missing closing parenthesis at offset 9");
        QTest::addRow("bad header regex") << head + "steps:\n  - name: a\n    request: {}\n    expect: {headers: {x-a: '['}}\n"
                                          << QStringLiteral("s.yaml:6:29: steps[0].expect.headers.x-a: invalid regular expression \"[\": missing terminating ] for character class at offset 1");
        QTest::addRow("samePodAs unknown step") << head + "steps:\n  - name: a\n    request: {}\n    expect: {samePodAs: b}\n"
                                                << QStringLiteral("s.yaml:6:25: steps[0].expect.samePodAs: expected the name of an earlier request step, got \"b\" (steps are referred to before they run only by mistake)");
        QTest::addRow("samePodAs an action") << head + "steps:\n  - {name: stop, stopPod: p}\n  - name: a\n    request: {}\n    expect: {samePodAs: stop}\n"
                                             << QStringLiteral("s.yaml:7:25: steps[1].expect.samePodAs: the step \"stop\" is an action; it reached no pod");
        QTest::addRow("setCookie wrong type") << head + "steps:\n  - name: a\n    request: {}\n    expect: {setCookie: sometimes}\n"
                                              << QStringLiteral("s.yaml:6:25: steps[0].expect.setCookie: expected false, true or a mapping with name, value and maxAge, got \"sometimes\"");
        QTest::addRow("setCookie without name") << head + "steps:\n  - name: a\n    request: {}\n    expect: {setCookie: {maxAge: 600}}\n"
                                                << QStringLiteral("s.yaml:6:25: steps[0].expect.setCookie.name: required field is missing");
        QTest::addRow("duration without unit") << head + "steps:\n  - name: a\n    request: {}\n    expect: {duration: '< 50'}\n"
                                               << QStringLiteral("s.yaml:6:24: steps[0].expect.duration: expected a duration with a unit (us, ms, s, m) such as \"50ms\", got \"50\"");
        QTest::addRow("duration without operator") << head + "steps:\n  - name: a\n    request: {}\n    expect: {duration: 50ms}\n"
                                                   << QStringLiteral("s.yaml:6:24: steps[0].expect.duration: expected a comparison such as \"< 50ms\" (operators <, <=, >, >=, ==), got \"50ms\"");
        QTest::addRow("path without slash") << head + "steps:\n  - {name: a, request: {path: api}}\n"
                                            << QStringLiteral("s.yaml:4:31: steps[0].request.path: expected a path starting with '/' without spaces (percent-encode them), got \"api\"");
        QTest::addRow("bad method") << head + "steps:\n  - {name: a, request: {method: 'GE T'}}\n"
                                    << QStringLiteral("s.yaml:4:33: steps[0].request.method: expected an HTTP method such as GET, got \"GE T\"");
        QTest::addRow("expect on an action") << head + "steps:\n  - {name: a, stopPod: p, expect: {status: 200}}\n"
                                             << QStringLiteral("s.yaml:4:35: steps[0].expect: only request steps take expect; this step is an stopPod action");
        QTest::addRow("apply a missing file") << head + "steps:\n  - {name: a, apply: [04-missing.yaml]}\n"
                                              << u"s.yaml:4:23: steps[0].apply[0]: no such file or folder: " + base() + u"/04-missing.yaml";
        QTest::addRow("slowPod without delay") << head + "steps:\n  - {name: a, slowPod: {pod: p}}\n"
                                               << QStringLiteral("s.yaml:4:24: steps[0].slowPod.delay: required field is missing");
        QTest::addRow("advanceClock not a duration") << head + "steps:\n  - {name: a, advanceClock: tomorrow}\n"
                                                     << QStringLiteral("s.yaml:4:29: steps[0].advanceClock: expected a duration with a unit (us, ms, s, m) such as \"500ms\", got \"tomorrow\"");
        QTest::addRow("unknown threshold") << head + "load:\n  clients: 1\n  requestsPerClient: 1\n  thresholds: {p42: '< 1ms'}\n"
                                           << QStringLiteral("s.yaml:6:16: load.thresholds.p42: unknown threshold \"p42\"; expected one of: p50, p90, p95, p99, avg, min, max, errorRate, stickiness, rps");
        QTest::addRow("threshold without percent") << head + "load:\n  clients: 1\n  requestsPerClient: 1\n  thresholds: {errorRate: '< 1'}\n"
                                                   << QStringLiteral("s.yaml:6:27: load.thresholds.errorRate: expected a percentage such as \"1%\", got \"1\"");
        QTest::addRow("load without clients") << head + "load:\n  requestsPerClient: 1\n"
                                              << QStringLiteral("s.yaml:4:3: load.clients: required field is missing");
        QTest::addRow("concurrency zero") << head + "load: {clients: 1, requestsPerClient: 1, concurrency: 0}\n"
                                          << QStringLiteral("s.yaml:3:55: load.concurrency: expected an integer 1-10000, got 0");
        QTest::addRow("bad namespace") << head + "namespace: Server\nsteps: [{name: a, request: {}}]\n"
                                       << QStringLiteral("s.yaml:3:12: namespace: expected a namespace name (lower-case letters, digits and '-', at most 63), got \"Server\"");
        QTest::addRow("negative seed") << head + "seed: -1\nsteps: [{name: a, request: {}}]\n"
                                       << QStringLiteral("s.yaml:3:7: seed: expected an integer 0-4294967295, got -1");
        QTest::addRow("two documents") << head + "steps: [{name: a, request: {}}]\n---\nname: y\n"
                                       << QStringLiteral("s.yaml:5:1: expected one YAML document per scenario file, got another one here");
        QTest::addRow("key written twice") << head + "steps: [{name: a, request: {}, repeat: 1, repeat: 2}]\n"
                                           << QStringLiteral("s.yaml:3:43: steps[0].repeat: the field \"repeat\" is written twice");
    }
    void invalid()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        const ScenarioLoader::Result result = parse(text);
        QVERIFY(!result.ok());
        QStringList errors;
        for (const Diagnostic &d : result.diagnostics) {
            if (d.isError())
                errors.append(d.toString());
        }
        QCOMPARE(errors.value(0), expected);
    }

    void unreadableFile()
    {
        const ScenarioLoader::Result result = ScenarioLoader::loadFile(QStringLiteral("/nonexistent/scenario.yaml"));
        QVERIFY(!result.ok());
        QCOMPARE(result.diagnostics.first().toString(), QStringLiteral("/nonexistent/scenario.yaml: cannot read the scenario: no such file"));
    }
};

QTEST_GUILESS_MAIN(TestScenarioLoader)
#include "tst_scenarioloader.moc"
