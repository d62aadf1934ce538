#include "routingharness.h"

#include "cluster/cluster.h"
#include "manifest/manifestloader.h"

namespace gw::test {

namespace {

HttpRequest requestOf(const QByteArray &method, const QByteArray &target, const QByteArray &host, const QByteArray &headers)
{
    HttpRequest request;
    request.method = method;
    request.target = target;
    request.headers.append(QByteArrayLiteral("Host"), host);
    for (const QByteArray &line : headers.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.append(line.left(colon).trimmed(), line.mid(colon + 1).trimmed());
    }
    return request;
}

} // namespace

RoutingHarness::RoutingHarness(const QByteArray &yaml)
{
    ManifestSet set;
    ManifestLoader().loadText(QStringLiteral("harness.yaml"), yaml, set);
    Diagnostics diagnostics = set.diagnostics;
    const Cluster cluster = Cluster::build(std::move(set), diagnostics);
    m_result = Controller::build(cluster, {}, 1);
    for (const Diagnostic &diagnostic : diagnostics) {
        if (diagnostic.isError())
            m_error += diagnostic.toString() + u'\n';
    }
}

const ListenSocketConfig *RoutingHarness::socket(const QString &gatewayKey, int port) const
{
    for (const ListenSocketConfig &candidate : m_result.config->sockets) {
        if (candidate.gatewayKey == gatewayKey && candidate.listenerPort == port)
            return &candidate;
    }
    return nullptr;
}

QString RoutingHarness::decide(const ListenSocketConfig &socket, Profile profile, const QByteArray &method, const QByteArray &target,
                               const QByteArray &host, const QByteArray &headers)
{
    const HttpRequest request = requestOf(method, target, host, headers);
    const RouteSelection selection = Router::select(socket, RequestFacts::of(request, host), profile);
    if (!selection.found())
        return QStringLiteral("404");
    return selection.route->key + u'#' + QString::number(selection.rule->ruleIndex);
}

QStringList RoutingHarness::explain(const ListenSocketConfig &socket, const QByteArray &method, const QByteArray &target, const QByteArray &host,
                                    const QByteArray &headers)
{
    const HttpRequest request = requestOf(method, target, host, headers);
    return Router::explain(socket, RequestFacts::of(request, host));
}

} // namespace gw::test
