#pragma once

#include "report/runreport.h"

#include <QList>

namespace gw {

// Step by step, where a real gateway answered differently from the simulation (--compare): the
// verdicts, and for each request its status, body, whether and which cookie was set, and the pod
// when both sides can tell.
class ScenarioComparison
{
public:
    ScenarioComparison() = delete;

    // Fills `simulation[i].differences` from the pairs of steps.
    static void compare(QList<StepReport> &simulation, const QList<StepReport> &target);
};

} // namespace gw
