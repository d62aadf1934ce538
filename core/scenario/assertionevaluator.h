#pragma once

#include "report/runreport.h"
#include "scenario.h"

#include <QHash>
#include <QString>

namespace gw {

// Checks one response against a step's expectations. Assertions that need to know which pod
// answered use the exchange's pod: from the flow log in the simulation, from the response's own
// evidence against a real gateway, and are reported as not checkable when there is none, never
// as passed.
class AssertionEvaluator
{
public:
    struct Context
    {
        bool simulation = true;                 // pods come from the gateway's flow log
        QHash<QString, QString> podByStep;      // step name → the pod its last response reached
    };

    AssertionEvaluator() = delete;

    static QList<AssertionReport> evaluate(const ScenarioExpectation &expect, const ExchangeReport &exchange, int exchangeIndex, const Context &context);
    // The step's verdict and first failure from its assertions and exchanges.
    static void conclude(StepReport &step);
    // "pipy-1" matches "server/pipy-1"; a name with a namespace must match in full.
    static bool podMatches(const QString &actualPod, const PodExpectation &expected);
    static QString excerpt(const QByteArray &bytes, int limit = 120);
};

} // namespace gw
