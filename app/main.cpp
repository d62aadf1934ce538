#include "checkcommand.h"
#include "clioutput.h"
#include "conformancecommand.h"
#include "guicommand.h"
#include "servecommand.h"
#include "testcommand.h"

#include <QCoreApplication>

namespace {

QString usage()
{
    return QStringLiteral(
        "Usage: gatewaylab [-n NS] [PATH...]            open the desktop app on these manifests\n"
        "       gatewaylab check [-n NS] [-o yaml] PATH...\n"
        "                                                print diagnostics and the resolved topology, or the objects\n"
        "                                                with their status as kubectl get -o yaml does\n"
        "       gatewaylab serve [-n NS] [--seed N] [--port-offset N] [--log] PATH...\n"
        "                                                run the gateway and mock pods until interrupted\n"
        "       gatewaylab test SCENARIO... [--junit F] [--html F] [--json F] [--har F] [--target URL | --compare URL]\n"
        "                                                run scenario files headless and write reports\n"
        "       gatewaylab conformance [--cases FILE] [--only NAME]\n"
        "                                                run the Gateway API conformance catalogue against the lab\n"
        "       gatewaylab COMMAND --help               options of a command\n"
        "       gatewaylab --version\n");
}

} // namespace

int main(int argc, char **argv)
{
    QString first = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    // --help and --version anywhere answer without a display, whatever else is on the line.
    const auto isCommand = [](const QString &name) { return name == u"check" || name == u"serve" || name == u"test" || name == u"conformance"; };
    for (int i = 1; i < argc && !isCommand(first); ++i) {
        const QString argument = QString::fromLocal8Bit(argv[i]);
        if (argument == u"--help" || argument == u"-h" || argument == u"--version" || argument == u"-v")
            first = argument;
    }
    const bool headless = isCommand(first) || first == u"--help" || first == u"-h" || first == u"--version"
                          || first == u"-v" || first == u"help";
    if (!headless)
        return GuiCommand::run(argc, argv);

    // Headless commands never create a QApplication, so they run with no display at all.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gatewaylab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GATEWAYLAB_VERSION));
    QStringList arguments = QCoreApplication::arguments();
    if (first == u"--version" || first == u"-v") {
        CliOutput::out(QStringLiteral("gatewaylab %1\n").arg(QStringLiteral(GATEWAYLAB_VERSION)));
        return 0;
    }
    if (first == u"--help" || first == u"-h" || first == u"help") {
        CliOutput::out(usage());
        return 0;
    }
    arguments.removeAt(1);   // the command name; QCommandLineParser sees the program name and the rest
    if (first == u"check")
        return CheckCommand::run(arguments);
    if (first == u"test")
        return TestCommand::run(arguments);
    if (first == u"conformance")
        return ConformanceCommand::run(arguments);
    return ServeCommand::run(arguments);
}
