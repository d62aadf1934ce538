#include "labcommandoptions.h"

#include "clioutput.h"

LabCommandOptions::LabCommandOptions(bool serving)
    : m_serving(serving)
    , m_namespace({QStringLiteral("n"), QStringLiteral("namespace")},
                  QStringLiteral("Namespace for objects that name none, as kubectl apply -n (default: default)."), QStringLiteral("NS"),
                  QStringLiteral("default"))
    , m_seed(QStringLiteral("seed"), QStringLiteral("Seed for endpoint shuffles, so a run repeats exactly (default: 1)."), QStringLiteral("N"),
             QStringLiteral("1"))
    , m_portOffset(QStringLiteral("port-offset"), QStringLiteral("Add N to every listener port (default: 0)."), QStringLiteral("N"),
                   QStringLiteral("0"))
    , m_threads(QStringLiteral("threads"), QStringLiteral("Data-plane worker threads (default: 2)."), QStringLiteral("N"), QStringLiteral("2"))
    , m_perRequest(QStringLiteral("per-request-lb"),
                   QStringLiteral("Balance every HTTP/1 request on its own (FSM's http1PerRequestLoadBalancing: true); by default the "
                                  "balancer's choice holds for the client connection."))
    , m_upstreamTimeout(QStringLiteral("upstream-timeout"), QStringLiteral("Answer 504 when an endpoint takes longer (default: 60000, FSM's)."),
                        QStringLiteral("MS"), QStringLiteral("60000"))
{
}

void LabCommandOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOption(m_namespace);
    parser.addOption(m_seed);
    parser.addOption(m_portOffset);
    if (m_serving) {
        parser.addOption(m_threads);
        parser.addOption(m_perRequest);
        parser.addOption(m_upstreamTimeout);
    }
}

QString LabCommandOptions::read(const QCommandLineParser &parser, gw::Simulation::Options &options) const
{
    options.defaultNamespace = parser.value(m_namespace);
    if (options.defaultNamespace.isEmpty())
        return QStringLiteral("--namespace needs a name");
    bool ok = false;
    options.seed = parser.value(m_seed).toUInt(&ok);
    if (!ok)
        return QStringLiteral("--seed expects a non-negative integer, got \"%1\"").arg(parser.value(m_seed));
    options.portOffset = parser.value(m_portOffset).toInt(&ok);
    if (!ok || options.portOffset < -65535 || options.portOffset > 65535)
        return QStringLiteral("--port-offset expects an integer, got \"%1\"").arg(parser.value(m_portOffset));
    if (!m_serving)
        return {};
    {
        const int threads = parser.value(m_threads).toInt(&ok);
        if (!ok || threads < 1 || threads > 64)
            return QStringLiteral("--threads expects 1-64, got \"%1\"").arg(parser.value(m_threads));
        options.dataPlane.workerThreads = threads;
    }
    if (parser.isSet(m_upstreamTimeout)) {
        const int timeout = parser.value(m_upstreamTimeout).toInt(&ok);
        if (!ok || timeout < 1)
            return QStringLiteral("--upstream-timeout expects milliseconds ≥ 1, got \"%1\"").arg(parser.value(m_upstreamTimeout));
        options.dataPlane.upstreamTimeoutMs = timeout;
    }
    options.dataPlane.http1PerRequestLoadBalancing = parser.isSet(m_perRequest);
    return {};
}

std::optional<int> LabCommandOptions::parse(QCommandLineParser &parser, const QStringList &arguments, gw::Simulation::Options &options) const
{
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("YAML files or folders, as kubectl apply -f takes them."), QStringLiteral("PATH..."));
    if (!parser.parse(arguments))
        return CliOutput::usageError(parser, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        CliOutput::out(CliOutput::helpText(parser));
        return 0;
    }
    if (const QString error = read(parser, options); !error.isEmpty())
        return CliOutput::usageError(parser, error);
    if (parser.positionalArguments().isEmpty())
        return CliOutput::usageError(parser, QStringLiteral("no PATH given"));
    return std::nullopt;
}
