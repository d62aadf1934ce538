#pragma once

#include <QStringList>

// `gatewaylab test SCENARIO... [--junit F] [--html F] [--json F] [--har F] [--target URL | --compare URL]`:
// runs scenario files headless and writes the reports.
class TestCommand
{
public:
    // Exit codes: 0 pass, 1 usage, 2 invalid input, 3 runtime error, 4 an assertion failed,
    // 99 a threshold failed (the most serious wins, in that order).
    static int run(const QStringList &arguments);
};
