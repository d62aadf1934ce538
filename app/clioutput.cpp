#include "clioutput.h"

#include <cstdio>

void CliOutput::out(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void CliOutput::err(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

namespace {
QString g_commandName = QStringLiteral("gatewaylab");
}

void CliOutput::setCommandName(const QString &command)
{
    g_commandName = command;
}

QString CliOutput::helpText(const QCommandLineParser &parser)
{
    QString text = parser.helpText();
    const qsizetype options = text.indexOf(u" [options]");
    if (text.startsWith(u"Usage: ") && options > 0)
        text.replace(7, options - 7, g_commandName);
    return text;
}

int CliOutput::usageError(const QCommandLineParser &parser, const QString &message)
{
    err(QStringLiteral("gatewaylab: %1\n\n").arg(message) + helpText(parser));
    return 1;
}
