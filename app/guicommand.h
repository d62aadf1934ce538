#pragma once

// `gatewaylab [-n NS] [PATH...]`: the desktop app.
class GuiCommand
{
public:
    static int run(int argc, char **argv);
};
