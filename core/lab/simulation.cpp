#include "simulation.h"

#include "controller/controller.h"
#include "manifest/manifestloader.h"

namespace gw {

Simulation::Simulation(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_flowLog(m_options.flowLogCapacity)
    , m_dataPlane(m_flowLog, m_clock, m_options.dataPlane)
    , m_cluster(std::make_unique<Cluster>())
{
}

Simulation::~Simulation()
{
    stop();
}

ManifestSet Simulation::loadManifests(const QStringList &paths, const QHash<QString, QByteArray> &textOverrides) const
{
    ManifestLoader::Options loaderOptions;
    loaderOptions.defaultNamespace = m_options.defaultNamespace;
    loaderOptions.substitutions = m_options.substitutions;
    return ManifestLoader(loaderOptions).loadPaths(paths, textOverrides);
}

Diagnostics Simulation::load(const QStringList &paths, const QHash<QString, QByteArray> &textOverrides)
{
    ManifestSet set = loadManifests(paths, textOverrides);
    m_paths = paths;
    m_manifests = set;
    return rebuild(set.diagnostics);
}

Diagnostics Simulation::validate(const QStringList &paths, const QHash<QString, QByteArray> &textOverrides) const
{
    const ManifestSet set = loadManifests(paths, textOverrides);
    Diagnostics diagnostics = set.diagnostics;
    Cluster cluster = Cluster::build(set, diagnostics);
    applyRuntimeState(cluster);
    cluster.mockPods(&diagnostics);
    Controller::Options options;
    options.seed = m_options.seed;
    options.portOffset = m_options.portOffset;
    diagnostics.append(Controller::build(cluster, options, 0).diagnostics);
    return diagnostics;
}

Diagnostics Simulation::apply(const QStringList &paths)
{
    ManifestLoader::Options loaderOptions;
    loaderOptions.defaultNamespace = m_options.defaultNamespace;
    loaderOptions.substitutions = m_options.substitutions;
    const ManifestSet added = ManifestLoader(loaderOptions).loadPaths(paths);
    m_manifests.merge(added);
    for (const QString &path : paths) {
        if (!m_paths.contains(path))
            m_paths.append(path);
    }
    return rebuild(added.diagnostics);
}

Diagnostics Simulation::remove(const QStringList &paths)
{
    ManifestLoader::Options loaderOptions;
    loaderOptions.defaultNamespace = m_options.defaultNamespace;
    loaderOptions.substitutions = m_options.substitutions;
    const ManifestSet removed = ManifestLoader(loaderOptions).loadPaths(paths);
    m_manifests.removeObjectsOf(removed);
    for (const QString &path : paths)
        m_paths.removeAll(path);
    return rebuild(removed.diagnostics);
}

Diagnostics Simulation::applyText(const QString &name, const QByteArray &text)
{
    ManifestLoader::Options loaderOptions;
    loaderOptions.defaultNamespace = m_options.defaultNamespace;
    loaderOptions.substitutions = m_options.substitutions;
    ManifestSet added;
    ManifestLoader(loaderOptions).loadText(name, text, added);
    m_manifests.merge(added);
    return rebuild(added.diagnostics);
}

bool Simulation::deleteObject(const QString &kind, const QString &namespaceName, const QString &name)
{
    // removeObjectsOf matches by kind and namespace/name, so a bare ObjectMeta in the right list will do.
    ManifestSet removed;
    ObjectMeta meta;
    meta.kind = kind;
    meta.namespaceName = namespaceName;
    meta.name = name;
    const auto add = [&meta](auto &list) {
        typename std::decay_t<decltype(list)>::value_type object;
        object.meta = meta;
        list.append(object);
    };
    if (kind == u"Namespace")
        add(removed.namespaces);
    else if (kind == u"Pod")
        add(removed.pods);
    else if (kind == u"Deployment")
        add(removed.deployments);
    else if (kind == u"Service")
        add(removed.services);
    else if (kind == u"EndpointSlice")
        add(removed.endpointSlices);
    else if (kind == u"GatewayClass")
        add(removed.gatewayClasses);
    else if (kind == u"Gateway")
        add(removed.gateways);
    else if (kind == u"HTTPRoute")
        add(removed.httpRoutes);
    else if (kind == u"ReferenceGrant")
        add(removed.referenceGrants);
    else if (kind == u"SessionStickyPolicy")
        add(removed.sessionStickyPolicies);
    else
        return false;
    if (m_manifests.removeObjectsOf(removed) == 0)
        return false;
    rebuild({});
    return true;
}

void Simulation::applyRuntimeState(Cluster &cluster) const
{
    for (auto it = m_podRuntime.cbegin(); it != m_podRuntime.cend(); ++it) {
        if (!it->ipOverride.isEmpty())
            cluster.setPodIp(it.key(), it->ipOverride);
        cluster.setPodState(it.key(), it->state);
        cluster.setPodDelay(it.key(), it->delayMs);
    }
}

std::shared_ptr<const GatewayConfig> Simulation::buildConfig(Diagnostics &diagnostics)
{
    Controller::Options options;
    options.seed = m_options.seed;
    options.portOffset = m_options.portOffset;
    options.mockPortForEndpoint = [this](const QString &endpointKey) { return m_mockPods.localPort(endpointKey); };
    Controller::Result result = Controller::build(*m_cluster, options, ++m_version);
    diagnostics.append(result.diagnostics);
    m_statuses = result.statuses;
    return result.config;
}

Diagnostics Simulation::rebuild(Diagnostics diagnostics)
{
    auto cluster = std::make_unique<Cluster>(Cluster::build(m_manifests, diagnostics));
    applyRuntimeState(*cluster);
    m_cluster = std::move(cluster);

    const QList<MockPod> pods = m_cluster->mockPods(&diagnostics);
    for (const QString &error : m_mockPods.setPods(pods))
        diagnostics.append(Diagnostic::error({}, {}, error));
    for (const ClusterPod &pod : m_cluster->pods()) {
        if (pod.state != ClusterPod::State::Running)
            m_mockPods.stopPod(pod.key());
        m_mockPods.slowPod(pod.key(), pod.delayMs);
    }

    auto config = buildConfig(diagnostics);
    if (m_dataPlane.isRunning()) {
        for (const QString &error : m_dataPlane.applyConfig(config))
            diagnostics.append(Diagnostic::error({}, {}, error));
    } else {
        m_pendingConfig = config;
    }
    m_diagnostics = diagnostics;
    Q_EMIT configurationChanged();
    return diagnostics;
}

QStringList Simulation::start()
{
    if (!m_pendingConfig)
        m_pendingConfig = buildConfig(m_diagnostics);
    const QStringList errors = m_dataPlane.applyConfig(m_pendingConfig);
    m_pendingConfig.reset();
    // What is served (listeners, their addresses) is new to the views.
    Q_EMIT configurationChanged();
    return errors;
}

void Simulation::stop()
{
    m_dataPlane.stop();
}

QList<Simulation::ListenerAddress> Simulation::listeners() const
{
    QList<ListenerAddress> result;
    const auto config = this->config();
    if (!config)
        return result;
    for (const ListenSocketConfig &socket : config->sockets) {
        for (const ListenerConfig &listener : socket.listeners)
            result.append(ListenerAddress{socket.gatewayKey, listener.name, socket.url(), socket.address, socket.bindPort});
    }
    return result;
}

bool Simulation::stopPod(const QString &podKey)
{
    if (!m_cluster->findPod(podKey))
        return false;
    m_podRuntime[podKey].state = ClusterPod::State::Stopped;
    rebuild(m_manifests.diagnostics);
    return true;
}

bool Simulation::crashPod(const QString &podKey)
{
    if (!m_cluster->findPod(podKey))
        return false;
    m_podRuntime[podKey].state = ClusterPod::State::Crashed;
    m_cluster->setPodState(podKey, ClusterPod::State::Crashed);
    m_mockPods.stopPod(podKey);
    Q_EMIT configurationChanged();
    return true;
}

bool Simulation::startPod(const QString &podKey, bool newIp)
{
    if (!m_cluster->findPod(podKey))
        return false;
    PodRuntime &runtime = m_podRuntime[podKey];
    runtime.state = ClusterPod::State::Running;
    if (newIp)
        runtime.ipOverride = m_cluster->assignNewPodIp(podKey);
    m_mockPods.startPod(podKey);
    rebuild(m_manifests.diagnostics);
    return true;
}

bool Simulation::slowPod(const QString &podKey, int delayMs)
{
    if (!m_cluster->findPod(podKey))
        return false;
    m_podRuntime[podKey].delayMs = qMax(0, delayMs);
    m_cluster->setPodDelay(podKey, delayMs);
    m_mockPods.slowPod(podKey, delayMs);
    Q_EMIT configurationChanged();
    return true;
}

} // namespace gw
