#include "conformancecommand.h"

#include "clioutput.h"
#include "cluster/cluster.h"
#include "conformance/conformancerunner.h"

#include <QCommandLineParser>
#include <QFileInfo>

int ConformanceCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Run the Gateway API conformance catalogue against the lab: each test's manifests in a "
                                                    "fresh lab, each case as a real request, one line per test."));
    parser.addHelpOption();
    // The catalogue that sits beside the sources (../shared) unless told otherwise.
    const QString defaultCases = QFileInfo(QStringLiteral(GATEWAYLAB_SOURCE_DIR "/../shared/conformance/cases.json")).absoluteFilePath();
    const QCommandLineOption cases(QStringLiteral("cases"), QStringLiteral("The catalogue (default: %1).").arg(defaultCases), QStringLiteral("FILE"),
                                   defaultCases);
    const QCommandLineOption only(QStringLiteral("only"), QStringLiteral("Run only this test (repeat, or separate names with commas)."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption gatewayClass(QStringLiteral("gateway-class"),
                                          QStringLiteral("Class the manifests' {GATEWAY_CLASS_NAME} stands for (default: gatewaylab, the spec "
                                                         "profile; fsm-gateway-cls shows how FSM v1.2 would fare)."),
                                          QStringLiteral("CLASS"), gw::Cluster::specGatewayClassName());
    const QCommandLineOption portOffset(QStringLiteral("port-offset"), QStringLiteral("Add N to every listener port (default: 0)."),
                                        QStringLiteral("N"), QStringLiteral("0"));
    parser.addOption(cases);
    parser.addOption(only);
    parser.addOption(gatewayClass);
    parser.addOption(portOffset);
    if (!parser.parse(arguments))
        return CliOutput::usageError(parser, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        CliOutput::out(parser.helpText());
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return CliOutput::usageError(parser, QStringLiteral("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    gw::ConformanceRunner::Options options;
    options.gatewayClass = parser.value(gatewayClass);
    bool ok = false;
    options.portOffset = parser.value(portOffset).toInt(&ok);
    if (!ok || options.portOffset < -65535 || options.portOffset > 65535)
        return CliOutput::usageError(parser, QStringLiteral("--port-offset expects an integer, got \"%1\"").arg(parser.value(portOffset)));
    QStringList names;
    for (const QString &value : parser.values(only))
        names << value.split(u',', Qt::SkipEmptyParts);

    QString error;
    const auto catalogue = gw::ConformanceCatalogue::load(parser.value(cases), &error);
    if (!catalogue) {
        CliOutput::err(QStringLiteral("gatewaylab: %1\n").arg(error));
        return 2;
    }
    for (const QString &name : std::as_const(names)) {
        const bool known = std::any_of(catalogue->tests.cbegin(), catalogue->tests.cend(), [&name](const auto &test) { return test.name == name; });
        if (!known)
            return CliOutput::usageError(parser, QStringLiteral("no test named \"%1\" in %2").arg(name, parser.value(cases)));
    }
    gw::ConformanceRunner runner(options);
    const gw::ConformanceRunner::Summary summary =
        runner.run(*catalogue, names, [](const gw::ConformanceRunner::TestResult &result) { CliOutput::out(result.line() + u'\n'); });
    if (summary.statusTotal > 0)
        CliOutput::out(QStringLiteral("status checks: passed %1 of %2\n").arg(summary.statusPassed).arg(summary.statusTotal));
    CliOutput::out(summary.lastLine() + u'\n');
    return summary.coreConformant() ? 0 : 4;
}
