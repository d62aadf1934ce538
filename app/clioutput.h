#pragma once

#include <QCommandLineParser>
#include <QString>

// Writing to the terminal for the headless commands: UTF-8, unbuffered enough for pipes.
class CliOutput
{
public:
    static void out(const QString &text);
    static void err(const QString &text);
    // Prints "gatewaylab: <message>" and the command's help to stderr; returns exit code 1.
    static int usageError(const QCommandLineParser &parser, const QString &message);
    // The parser's help with "Usage: gatewaylab <command>" instead of the binary's full path.
    static QString helpText(const QCommandLineParser &parser);
    static void setCommandName(const QString &command);
};
