#pragma once

#include "report/runreport.h"
#include "scenario.h"

#include <QList>

namespace gw {

// Judges a load run's thresholds, k6-style, and words the observed values for the summary.
class ThresholdEvaluator
{
public:
    ThresholdEvaluator() = delete;

    static QList<ThresholdReport> evaluate(const QList<ScenarioThreshold> &thresholds, const LoadReport &load);
    // Locale-independent renderings: "3.14ms", "0.25%", "1234.5".
    static QString formatMs(double ms);
    static QString formatPercent(double percent);
};

} // namespace gw
