#pragma once

#include <QStringList>

// `gatewaylab conformance [--cases FILE] [--only NAME]`: runs the Gateway API conformance catalogue
// against the lab over real sockets and prints one line per test and a summary line.
class ConformanceCommand
{
public:
    // Exit codes: 0 every core case (and core status check) passed, 4 some did not, 2 the catalogue
    // cannot be read, 1 usage error.
    static int run(const QStringList &arguments);
};
