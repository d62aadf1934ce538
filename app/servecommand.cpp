#include "servecommand.h"

#include "clioutput.h"
#include "labcommandoptions.h"
#include "lab/simulation.h"
#include "lab/topologytext.h"
#include "signalwatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

int ServeCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    CliOutput::setCommandName(QStringLiteral("gatewaylab serve"));
    parser.setApplicationDescription(QStringLiteral("Serve the gateway and the mock pods on loopback until interrupted."));
    parser.addHelpOption();
    const LabCommandOptions labOptions(true);
    labOptions.addTo(parser);
    const QCommandLineOption logOption(QStringLiteral("log"), QStringLiteral("Print one line per exchange with its decision trail."));
    parser.addOption(logOption);
    gw::Simulation::Options options;
    if (const auto exitCode = labOptions.parse(parser, arguments, options))
        return *exitCode;

    gw::Simulation simulation(options);
    const gw::Diagnostics diagnostics = simulation.load(parser.positionalArguments());
    if (!diagnostics.isEmpty())
        CliOutput::err(gw::TopologyText::renderDiagnostics(diagnostics));
    if (gw::hasErrors(diagnostics)) {
        CliOutput::err(QStringLiteral("gatewaylab: not serving: the input has errors\n"));
        return 2;
    }
    const QStringList bindErrors = simulation.start();
    if (!bindErrors.isEmpty()) {
        for (const QString &error : bindErrors)
            CliOutput::err(QStringLiteral("gatewaylab: %1\n").arg(error));
        simulation.stop();
        return 3;
    }
    const auto listeners = simulation.listeners();
    if (listeners.isEmpty())
        CliOutput::err(QStringLiteral("gatewaylab: warning: no Gateway has a plain HTTP listener; nothing to serve\n"));
    for (const auto &listener : listeners)
        CliOutput::out(QStringLiteral("gateway %1 listener %2: %3\n").arg(listener.gatewayKey, listener.listenerName, listener.url));

    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, QCoreApplication::instance(), [&simulation](int) {
        simulation.stop();
        QCoreApplication::quit();
    });

    QTimer logTimer;
    quint64 lastLogged = 0;
    if (parser.isSet(logOption)) {
        // Pulled in batches on a timer: the data plane never waits for the terminal.
        QObject::connect(&logTimer, &QTimer::timeout, &simulation, [&simulation, &lastLogged] {
            const QList<gw::FlowRecord> records = simulation.flowLog().recordsAfter(lastLogged, 5000);
            QString text;
            for (const gw::FlowRecord &record : records) {
                text += record.summaryLine() + u'\n';
                lastLogged = record.id;
            }
            if (!text.isEmpty())
                CliOutput::out(text);
        });
        logTimer.start(100);
    }
    QCoreApplication::exec();
    return 0;
}
