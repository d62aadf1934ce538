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

int CliOutput::usageError(const QCommandLineParser &parser, const QString &message)
{
    err(QStringLiteral("gatewaylab: %1\n\n").arg(message) + parser.helpText());
    return 1;
}
