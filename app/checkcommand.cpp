#include "checkcommand.h"

#include "clioutput.h"
#include "cluster/cluster.h"
#include "controller/controller.h"
#include "labcommandoptions.h"
#include "lab/statusyaml.h"
#include "lab/topologytext.h"
#include "manifest/manifestloader.h"

#include <QCommandLineParser>

int CheckCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    CliOutput::setCommandName(QStringLiteral("gatewaylab check"));
    parser.setApplicationDescription(QStringLiteral("Check manifests and print the topology they give, as the gateway would serve it."));
    parser.addHelpOption();
    const LabCommandOptions labOptions(false);
    labOptions.addTo(parser);
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("text (default): diagnostics and topology; yaml: the objects with their status, as "
                                                   "kubectl get -o yaml prints them (diagnostics go to stderr)."),
                                    QStringLiteral("FORMAT"), QStringLiteral("text"));
    parser.addOption(output);
    const QCommandLineOption gatewayClass(QStringLiteral("gateway-class"),
                                          QStringLiteral("Class that {GATEWAY_CLASS_NAME} in the manifests stands for, as in the Gateway API "
                                                         "conformance manifests (default: gatewaylab, the spec profile)."),
                                          QStringLiteral("CLASS"), gw::Cluster::specGatewayClassName());
    parser.addOption(gatewayClass);
    gw::Simulation::Options options;
    if (const auto exitCode = labOptions.parse(parser, arguments, options))
        return *exitCode;
    const QString format = parser.value(output);
    if (format != u"text" && format != u"yaml")
        return CliOutput::usageError(parser, QStringLiteral("--output expects text or yaml, got \"%1\"").arg(format));

    gw::ManifestLoader::Options loaderOptions;
    loaderOptions.defaultNamespace = options.defaultNamespace;
    loaderOptions.substitutions.append({QStringLiteral("{GATEWAY_CLASS_NAME}"), parser.value(gatewayClass)});
    gw::ManifestSet set = gw::ManifestLoader(loaderOptions).loadPaths(parser.positionalArguments());
    gw::Diagnostics diagnostics = set.diagnostics;
    const int objectCount = set.objectCount() + int(set.setAside.size());
    const qsizetype fileCount = set.files.size();
    const gw::Cluster cluster = gw::Cluster::build(std::move(set), diagnostics);
    cluster.mockPods(&diagnostics);
    gw::Controller::Options controllerOptions;
    controllerOptions.seed = options.seed;
    controllerOptions.portOffset = options.portOffset;
    const gw::Controller::Result result = gw::Controller::build(cluster, controllerOptions, 1);
    diagnostics.append(result.diagnostics);

    const QString loaded = QStringLiteral("Loaded %1 %2 from %3 %4 (default namespace %5)\n")
                               .arg(objectCount)
                               .arg(objectCount == 1 ? QStringLiteral("object") : QStringLiteral("objects"))
                               .arg(fileCount)
                               .arg(fileCount == 1 ? QStringLiteral("file") : QStringLiteral("files"))
                               .arg(options.defaultNamespace);
    if (format == u"yaml") {
        // stdout carries nothing but the YAML, so it can be piped into a YAML tool.
        CliOutput::err(loaded + gw::TopologyText::renderDiagnostics(diagnostics));
        CliOutput::out(gw::StatusYaml::render(cluster.manifests(), result.statuses, result.config->builtAt));
        return gw::hasErrors(diagnostics) ? 2 : 0;
    }
    CliOutput::out(loaded + gw::TopologyText::renderDiagnostics(diagnostics));
    CliOutput::out(u'\n' + gw::TopologyText::render(cluster, *result.config) + gw::TopologyText::renderStatusProblems(result.statuses));
    return gw::hasErrors(diagnostics) ? 2 : 0;
}
