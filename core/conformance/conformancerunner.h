#pragma once

#include "conformancecatalogue.h"
#include "conformanceclient.h"

#include <QJsonObject>
#include <QString>
#include <functional>

namespace gw {

class Simulation;

// Runs the conformance catalogue against the lab the way the suite's client would: every test loads
// its own manifests into a fresh Simulation (the base manifests first), serves them on loopback, and
// each case is a real HTTP request whose answer is compared as CompareRoundTrip compares it
// (spec/gateway-api.md §4). Status checks are read from the `check -o yaml` rendering of the same
// cluster. Weighted and percentage cases send their hundreds of requests.
class ConformanceRunner
{
public:
    struct Options
    {
        QString gatewayClass = QStringLiteral("gatewaylab");   // what {GATEWAY_CLASS_NAME} stands for
        int portOffset = 0;                                    // added to every listener port
        int requestTimeoutMs = 10'000;
    };
    struct TestResult
    {
        QString name;
        QString support;
        int cases = 0;
        int casesPassed = 0;
        int statusChecks = 0;
        int statusPassed = 0;
        QString firstDifference;         // empty when everything passed
        QStringList trail;               // the gateway's decision trail for that first failing request

        bool passed() const { return casesPassed == cases && statusPassed == statusChecks && firstDifference.isEmpty(); }
        bool isCore() const { return support == u"core"; }
        // "PASS HTTPRouteMatching (core): 9 of 9 cases" or "FAIL ...: <first difference>", then the
        // decision trail of the failing request, indented.
        QString line() const;
    };
    struct Summary
    {
        QList<TestResult> tests;
        int passed = 0, total = 0;
        int corePassed = 0, coreTotal = 0;
        int extendedPassed = 0, extendedTotal = 0;
        int statusPassed = 0, statusTotal = 0;
        bool coreStatusFailed = false;

        // "conformance: passed N of M cases (core A of B, extended C of D)"
        QString lastLine() const;
        bool coreConformant() const { return corePassed == coreTotal && !coreStatusFailed; }
    };

    explicit ConformanceRunner(Options options);

    // `only`: test names to run (all when empty). `onTest` hears of each test as it finishes.
    Summary run(const ConformanceCatalogue &catalogue, const QStringList &only, const std::function<void(const TestResult &)> &onTest);
    TestResult runTest(const ConformanceCatalogue::Test &test);

private:
    struct Exchange
    {
        ConformanceClient::Reply reply;
        QJsonObject echo;                // echo-basic's JSON, empty when the answer is not one
    };

    Exchange fire(Simulation &simulation, const ConformanceCatalogue::Case &testCase, const QByteArray &pathOverride, QString *error) const;
    QString compare(const ConformanceCatalogue::Case &testCase, const Exchange &exchange) const;
    QString checkMirrors(Simulation &simulation, const ConformanceCatalogue::Case &testCase, quint64 logStart) const;
    QString checkMirrorPercentage(Simulation &simulation, const ConformanceCatalogue::Case &testCase) const;
    QString checkDistribution(Simulation &simulation, const ConformanceCatalogue::Test &test, const ConformanceCatalogue::Case &testCase) const;
    QString checkInvariant(Simulation &simulation, const ConformanceCatalogue::Test &test, const ConformanceCatalogue::Case &testCase) const;
    static QString prepare(Simulation &simulation, const ConformanceCatalogue::Test &test);

    Options m_options;
};

} // namespace gw
