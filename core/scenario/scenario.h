#pragma once

#include "common/sourcelocation.h"
#include "comparison.h"
#include "http/httpheaders.h"

#include <QByteArray>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <optional>

namespace gw {

// One request of a step. Empty fields are inherited from the previous request step (gateway and
// listener), or take their defaults (GET, "/").
struct ScenarioRequest
{
    QString gateway;             // "name" (in the scenario's namespace) or "namespace/name"
    QString listener;
    QByteArray method;
    QByteArray path;
    QByteArray host;             // Host header; empty: the listener's address:port
    HttpHeaders headers;
    QByteArray body;
    int timeoutMs = 10'000;
    SourceLocation location;
};

struct TextExpectation
{
    enum class Kind { Equals, Contains, Regex };
    Kind kind = Kind::Equals;
    QString text;
    QRegularExpression regex;    // Kind::Regex
};

struct HeaderExpectation
{
    QByteArray name;
    bool absent = false;
    QString pattern;             // a regex the first value must match (not anchored unless written so)
    QRegularExpression regex;
};

struct SetCookieExpectation
{
    enum class Mode { Unchecked, None, Any, Match };
    Mode mode = Mode::Unchecked;
    QByteArray name;             // Mode::Match: the cookie that must be set
    QString valuePattern;        // regex for its value; empty: any
    QRegularExpression valueRegex;
    std::optional<qint64> maxAge;
};

struct PodExpectation
{
    QString name;                // "pipy-1", or "server/pipy-1"
    bool prefix = false;
};

// What a request step checks, on every response it gets (each repeat).
struct ScenarioExpectation
{
    QList<int> statuses;                       // any of them
    QList<TextExpectation> body;               // all of them
    QList<HeaderExpectation> headers;
    SetCookieExpectation setCookie;
    std::optional<PodExpectation> pod;
    QString samePodAs;                         // a previous step's name
    QString differentPodFrom;
    std::optional<Comparison> duration;
    bool isEmpty() const
    {
        return statuses.isEmpty() && body.isEmpty() && headers.isEmpty() && setCookie.mode == SetCookieExpectation::Mode::Unchecked
               && !pod && samePodAs.isEmpty() && differentPodFrom.isEmpty() && !duration;
    }
};

// A change to the lab between requests, as a user would make with kubectl or by hand.
struct ScenarioAction
{
    enum class Kind { Apply, Delete, StopPod, CrashPod, StartPod, RestartPod, SlowPod, AdvanceClock };
    Kind kind = Kind::Apply;
    QStringList files;                         // Apply/Delete: paths resolved against the scenario's folder
    QString pod;                               // pod name or namespace/name
    bool newIp = false;                        // RestartPod/StartPod: comes back on a new address
    int delayMs = 0;                           // SlowPod
    qint64 clockMs = 0;                        // AdvanceClock

    static QString keyword(Kind kind);         // "apply", "stopPod", ...
};

struct ScenarioStep
{
    QString name;
    SourceLocation location;
    std::optional<ScenarioAction> action;      // an action step, or else a request step
    QString client = QStringLiteral("default");
    bool newConnection = false;
    ScenarioRequest request;
    int repeat = 1;
    ScenarioExpectation expect;
    bool isAction() const { return action.has_value(); }
};

struct ScenarioThreshold
{
    enum class Metric { P50, P90, P95, P99, Avg, Min, Max, ErrorRate, Stickiness, Rps };
    Metric metric = Metric::P95;
    QString metricName;                        // as written
    Comparison comparison;
    SourceLocation location;

    // Which unit a metric's bound is written in.
    static Comparison::Unit unitOf(Metric metric);
    static std::optional<Metric> metricFromName(const QString &name);
    static QStringList metricNames();
};

struct ScenarioLoad
{
    bool present = false;
    int clients = 10;
    int requestsPerClient = 10;
    int concurrency = 10;
    bool newConnection = false;
    ScenarioRequest request;                   // defaults: the last request step's gateway/listener, "/"
    QList<ScenarioThreshold> thresholds;
    SourceLocation location;
};

// A scenario file: manifests to load, steps to run in order, then an optional load phase.
struct Scenario
{
    QString file;                              // as given
    QString baseDir;                           // relative paths in the file resolve against it
    QString name;
    QStringList manifests;                     // resolved against the scenario's folder
    QString namespaceName = QStringLiteral("default");
    quint32 seed = 1;
    QByteArray podHeader;                      // pod evidence on a real gateway (see PodEvidence)
    QList<ScenarioStep> steps;
    ScenarioLoad load;

    qsizetype stepIndex(const QString &stepName) const;
};

} // namespace gw
