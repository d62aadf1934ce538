#pragma once

#include "runreport.h"

#include <QString>

namespace gw {

// The end-of-run summary as text, k6-style: thresholds first (✓/✗ with the observed value), then
// totals, latency percentiles, per-pod shares and stickiness, then the verdict. The CLI prints it
// and the app can show the same text.
class SummaryText
{
public:
    SummaryText() = delete;

    static QString render(const RunReport &report);
    // One line for a finished step: "  ✓ pinned  GET / ×3  (2.1ms)".
    static QString stepLine(const StepReport &step);
};

} // namespace gw
