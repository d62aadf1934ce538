#pragma once

#include "common/diagnostic.h"
#include "flow/flowrecord.h"
#include "http/httpheaders.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace gw {

// One request of a step as the client experienced it, joined with what the gateway knows of it
// (the flow log in the simulation; the response's own evidence against a real gateway).
struct ExchangeReport
{
    QString client;
    int repeatIndex = 0;                 // 1-based within the step
    QByteArray method;
    QString url;                         // absolute: http://address:port/path
    QString serverAddress;
    HttpHeaders requestHeaders;          // exactly as sent
    QByteArray requestBody;
    bool ok = false;                     // a complete response arrived
    QString error;                       // why not
    int status = 0;
    QByteArray reason;
    HttpHeaders responseHeaders;
    QByteArray responseBody;             // capped at BodyLimit
    qint64 responseBodySize = 0;
    qint64 startedAtMs = 0;              // UTC epoch ms (lab clock)
    qint64 durationUs = 0;
    quint16 localPort = 0;
    int requestOnConnection = 0;
    bool newConnection = false;

    // What the gateway decided. Empty when unknown.
    QString pod;                         // namespace/pod, or as the evidence named it
    QString podSource;                   // "flow log", "header x-pod", "echo body"
    QString gatewayKey;
    QString listener;
    QString route;                       // namespace/name#rule
    QString service;
    QString endpoint;
    QString stickyDecision;              // none, issued, honoured, repinned
    QByteArray cookieName;
    QByteArray cookieReceived;
    QByteArray cookieIssued;
    QStringList decisionTrail;

    static constexpr qsizetype BodyLimit = 64 * 1024;

    // Fills the "what the gateway decided" fields from its flow record (simulation mode).
    void takeGatewayDecisions(const FlowRecord &record);
    // none, issued, honoured, repinned: the words reports and exports use.
    static QString stickyKeyword(FlowRecord::StickyDecision decision);
};

struct AssertionReport
{
    enum class Outcome { Passed, Failed, NotCheckable };
    QString kind;                        // status, body, headers, setCookie, pod, samePodAs, duration, ...
    QString expected;
    QString actual;
    Outcome outcome = Outcome::Passed;
    int exchange = -1;                   // index into the step's exchanges
    QString note;                        // why not checkable, or what failed
};

// A place where the simulation and the real gateway answered differently (--compare).
struct DifferenceReport
{
    QString what;                        // "status", "body", "pod", "Set-Cookie", "verdict"
    QString simulation;
    QString target;
};

struct StepReport
{
    enum class Status { Passed, Failed, Error, Skipped };
    QString name;
    QString kind;                        // "request", or the action's keyword
    QString description;                 // "GET /", "apply 03-session-sticky-policy.yaml"
    Status status = Status::Passed;
    QString message;                     // the first failure, the error, or why skipped
    qint64 startedAtMs = 0;
    qint64 durationUs = 0;
    QList<AssertionReport> assertions;
    QList<ExchangeReport> exchanges;
    QList<DifferenceReport> differences;  // --compare
    QString file;
    int line = 0;

    qsizetype count(AssertionReport::Outcome outcome) const;
    static QString statusName(Status status);
};

struct LatencyReport
{
    qint64 count = 0;
    double minMs = 0, avgMs = 0, p50Ms = 0, p90Ms = 0, p95Ms = 0, p99Ms = 0, maxMs = 0;
};

struct PodShareReport
{
    QString pod;
    qint64 requests = 0;
    double sharePercent = 0;
    qint64 errors = 0;                   // 5xx answers
    double p95Ms = 0;
};

struct SessionReport
{
    QString cookie;                      // the sticky cookie's value (simulation), or the client's cookie
    QString pod;
    qint64 requests = 0;
    qint64 clients = 0;
};

struct TimelinePoint
{
    qint64 offsetMs = 0;                 // bucket start, from the load's start
    qint64 requests = 0;
    double p95Ms = 0;
};

struct LoadReport
{
    bool ran = false;
    bool cancelled = false;
    int clients = 0;
    int requestsPerClient = 0;
    int concurrency = 0;
    bool newConnection = false;
    QString url;
    qint64 total = 0;                    // planned
    qint64 completed = 0;                // answered or failed
    qint64 failed = 0;                   // no response (refused, reset, timed out)
    qint64 durationMs = 0;
    double requestsPerSecond = 0;
    LatencyReport latency;
    QMap<int, qint64> statuses;          // 0: no response
    QList<PodShareReport> pods;
    QString podSource;                   // where pods came from; empty when unknown
    QList<SessionReport> sessions;       // the busiest, at most SessionLimit
    qint64 sessionCount = 0;
    // Stickiness: of the requests that carried the client's sticky cookie, those that reached the
    // pod that cookie was issued for and got no new Set-Cookie.
    qint64 stickyEligible = 0;
    qint64 stickyKept = 0;
    bool stickinessKnown = false;
    QString stickinessNote;
    QList<TimelinePoint> timeline;
    QStringList errorExamples;

    double errorRatePercent() const { return completed > 0 ? 100.0 * double(failed) / double(completed) : 0; }
    double stickinessPercent() const { return stickyEligible > 0 ? 100.0 * double(stickyKept) / double(stickyEligible) : 100.0; }
    static constexpr int SessionLimit = 50;
};

struct ThresholdReport
{
    QString metric;                      // as written: p95, errorRate, stickiness
    QString expression;                  // "< 50ms"
    QString observed;                    // "3.1ms", "0.00%"
    bool checkable = true;
    bool passed = false;
    QString note;
};

struct ScenarioReport
{
    enum class Mode { Simulation, Target, Compare };
    QString name;
    QString file;
    Mode mode = Mode::Simulation;
    QString target;                      // --target / --compare URL
    QStringList manifests;
    QString namespaceName;
    quint32 seed = 1;
    qint64 startedAtMs = 0;
    qint64 finishedAtMs = 0;
    Diagnostics diagnostics;             // invalid input: nothing ran
    QString runtimeError;                // could not run (bind failure, ...)
    QList<StepReport> steps;             // the simulation's, or the target's in Target mode
    QList<StepReport> targetSteps;       // Compare mode: the real gateway's
    LoadReport load;
    LoadReport targetLoad;               // Compare mode
    QList<ThresholdReport> thresholds;
    QList<ThresholdReport> targetThresholds;

    bool inputInvalid() const { return hasErrors(diagnostics); }
    bool stepsFailed() const;            // an assertion failed, a request got no answer, or the runs differ
    bool thresholdsFailed() const;
    bool passed() const { return !inputInvalid() && runtimeError.isEmpty() && !stepsFailed() && !thresholdsFailed(); }
    qsizetype notCheckableCount() const;
    static QString modeName(Mode mode);
};

// Everything one `gatewaylab test` (or one run from the app) produced: the single model every
// report (terminal summary, JUnit, HTML, JSON, HAR) is written from.
struct RunReport
{
    QString name = QStringLiteral("gatewaylab test");
    QString version;
    qint64 startedAtMs = 0;
    qint64 finishedAtMs = 0;
    QList<ScenarioReport> scenarios;

    // 0 pass, 2 invalid input, 3 runtime error, 4 an assertion failed, 99 a threshold failed; the
    // most serious wins, in that order.
    int exitCode() const;
    bool passed() const { return exitCode() == 0; }
};

} // namespace gw
