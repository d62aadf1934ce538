#pragma once

#include <QStringList>

// `gatewaylab check [-n NS] PATH...`: diagnostics, then the resolved topology. Starts no server.
class CheckCommand
{
public:
    // Exit codes: 0 clean (warnings allowed), 2 errors in the input, 1 usage error.
    static int run(const QStringList &arguments);
};
