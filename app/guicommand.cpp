#include "guicommand.h"

#include "appsettings.h"
#include "clioutput.h"
#include "common/labthreads.h"
#include "lab/simulation.h"
#include "mainwindow.h"

#include <QApplication>
#include <QIcon>
#include <QCommandLineParser>

int GuiCommand::run(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/gatewaylab.svg")));
    QApplication::setApplicationName(QStringLiteral("gatewaylab"));
    QApplication::setOrganizationName(QStringLiteral("Gateway Lab"));
    QApplication::setApplicationVersion(QStringLiteral(GATEWAYLAB_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Gateway Lab: a desktop simulator and tester for Gateway API and FSM Gateway policies."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption namespaceOption({QStringLiteral("n"), QStringLiteral("namespace")},
                                             QStringLiteral("Namespace for objects that name none (default: default)."), QStringLiteral("NS"),
                                             QStringLiteral("default"));
    parser.addOption(namespaceOption);
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("YAML files or folders to open."), QStringLiteral("[PATH...]"));
    CliOutput::setCommandName(QStringLiteral("gatewaylab"));
    if (!parser.parse(QApplication::arguments()))
        return CliOutput::usageError(parser, parser.errorText());

    gw::LabThreads::yieldToCallingThread();
    gw::Simulation::Options options;
    // -n on the command line wins for this run; otherwise the namespace the user chose last time.
    options.defaultNamespace = parser.isSet(namespaceOption) ? parser.value(namespaceOption) : gw::ui::AppSettings().lastNamespace();
    gw::Simulation simulation(options);
    gw::ui::MainWindow window(simulation);
    if (!parser.positionalArguments().isEmpty())
        window.openPaths(parser.positionalArguments());
    window.show();
    return QApplication::exec();
}
