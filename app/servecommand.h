#pragma once

#include <QStringList>

// `gatewaylab serve [-n NS] [--seed N] [--port-offset N] [--log] PATH...`: runs the gateway and the
// mock pods until SIGINT/SIGTERM.
class ServeCommand
{
public:
    // Exit codes: 0 after a clean shutdown, 1 usage, 2 errors in the input, 3 a listener could not bind.
    static int run(const QStringList &arguments);
};
