#include "cluster.h"

#include "common/fnv1a.h"

#include "mock/mockbehaviour.h"

#include <QHostAddress>
#include <QSet>
#include <algorithm>

namespace gw {

namespace {

constexpr quint32 FirstSimulatedIp = (10u << 24) | (42u << 16) | 10u;   // 10.42.0.10
constexpr quint32 LastSimulatedIp = (10u << 24) | (42u << 16) | 0xfffeu;

// Kubernetes names ReplicaSet pods <deployment>-<pod-template-hash>-<5 random chars> with this
// alphabet (k8s.io/apimachinery rand.String, no vowels so no words). Derived from a hash here so
// names are stable from run to run.
QString kubernetesSuffix(quint64 seed, int length)
{
    static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    QString out;
    for (int i = 0; i < length; ++i) {
        out += QLatin1Char(alphabet[seed % (sizeof alphabet - 1)]);
        seed = seed / (sizeof alphabet - 1) ^ (seed * 0x9e3779b97f4a7c15ULL);
    }
    return out;
}

QString ipToString(quint32 ip)
{
    return QHostAddress(ip).toString();
}

} // namespace

Cluster Cluster::build(ManifestSet manifests, Diagnostics &diagnostics)
{
    Cluster cluster;
    cluster.m_nextIp = FirstSimulatedIp;

    const auto ensureClass = [&manifests](const QString &name, const QString &controller) {
        const bool defined = std::any_of(manifests.gatewayClasses.cbegin(), manifests.gatewayClasses.cend(),
                                         [&name](const GatewayClass &c) { return c.meta.name == name; });
        if (defined)
            return;
        GatewayClass builtIn;
        builtIn.meta.apiVersion = QStringLiteral("gateway.networking.k8s.io/v1");
        builtIn.meta.kind = QStringLiteral("GatewayClass");
        builtIn.meta.name = name;
        builtIn.meta.loadOrder = -1;    // older than anything the user applies
        builtIn.controllerName = controller;
        builtIn.builtIn = true;
        manifests.gatewayClasses.prepend(builtIn);
    };
    ensureClass(specGatewayClassName(), specControllerName());
    ensureClass(fsmGatewayClassName(), fsmControllerName());

    for (const NamespaceResource &ns : manifests.namespaces)
        cluster.m_namespaceLabels.insert(ns.meta.name, ns.meta.labels);
    const auto implyNamespace = [&cluster](const QString &name) {
        if (!name.isEmpty() && !cluster.m_namespaceLabels.contains(name)) {
            // Kubernetes gives every namespace this label; selectors in the wild rely on it.
            cluster.m_namespaceLabels.insert(name, {{QStringLiteral("kubernetes.io/metadata.name"), name}});
        }
    };
    for (auto it = cluster.m_namespaceLabels.begin(); it != cluster.m_namespaceLabels.end(); ++it)
        it->insert(QStringLiteral("kubernetes.io/metadata.name"), it.key());

    // Explicit addresses are reserved first so a generated one never collides with them.
    for (const Pod &pod : manifests.pods) {
        if (!pod.podIP.isEmpty())
            cluster.m_usedIps.insert(pod.podIP);
    }

    struct PendingPod
    {
        int order;
        int subOrder;
        ClusterPod pod;
    };
    QList<PendingPod> pending;
    for (const Pod &pod : manifests.pods) {
        implyNamespace(pod.meta.namespaceName);
        ClusterPod p;
        p.namespaceName = pod.meta.namespaceName;
        p.name = pod.meta.name;
        p.labels = pod.meta.labels;
        p.containers = pod.containers;
        p.ip = pod.podIP;
        p.ipFromManifest = !pod.podIP.isEmpty();
        p.creationOrder = pod.meta.loadOrder;
        p.location = pod.meta.location;
        pending.append({pod.meta.loadOrder, 0, p});
    }
    for (const Deployment &deployment : manifests.deployments) {
        implyNamespace(deployment.meta.namespaceName);
        const QByteArray key = deployment.meta.key().toUtf8();
        const QString templateHash = kubernetesSuffix(fnv1a(QByteArray(key + "/template")), 10);
        for (int i = 0; i < deployment.replicas; ++i) {
            ClusterPod p;
            p.namespaceName = deployment.meta.namespaceName;
            p.name = deployment.meta.name + u'-' + templateHash + u'-'
                     + kubernetesSuffix(fnv1a(QByteArray(key + '/' + QByteArray::number(i))), 5);
            p.labels = deployment.templateLabels;
            p.labels.insert(QStringLiteral("pod-template-hash"), templateHash);
            p.containers = deployment.containers;
            p.ownerDeployment = deployment.meta.name;
            p.creationOrder = deployment.meta.loadOrder;
            p.location = deployment.meta.location;
            pending.append({deployment.meta.loadOrder, i, p});
        }
    }
    std::stable_sort(pending.begin(), pending.end(), [](const PendingPod &a, const PendingPod &b) {
        return a.order != b.order ? a.order < b.order : a.subOrder < b.subOrder;
    });
    for (PendingPod &entry : pending) {
        if (entry.pod.ip.isEmpty())
            entry.pod.ip = cluster.allocateIp();
        cluster.addPod(std::move(entry.pod));
    }

    cluster.m_manifests = std::move(manifests);
    const ManifestSet &set = cluster.m_manifests;
    for (const Service &service : set.services)
        implyNamespace(service.meta.namespaceName);
    for (const EndpointSlice &slice : set.endpointSlices)
        implyNamespace(slice.meta.namespaceName);
    for (const Gateway &gateway : set.gateways)
        implyNamespace(gateway.meta.namespaceName);
    for (const HTTPRoute &route : set.httpRoutes)
        implyNamespace(route.meta.namespaceName);

    // Cross-object checks a person wants to hear about before sending traffic. They are warnings:
    // on a cluster these objects are accepted, and they just route nothing.
    for (const Service &service : set.services) {
        if (!service.hasSelector)
            continue;
        const bool selectsAny = std::any_of(cluster.m_pods.cbegin(), cluster.m_pods.cend(), [&service](const ClusterPod &pod) {
            if (pod.namespaceName != service.meta.namespaceName)
                return false;
            for (auto it = service.selector.cbegin(); it != service.selector.cend(); ++it) {
                if (pod.labels.value(it.key()) != it.value())
                    return false;
            }
            return true;
        });
        if (!selectsAny) {
            diagnostics.append(Diagnostic::warning(service.meta.location, QStringLiteral("spec.selector"),
                                                   QStringLiteral("Service %1 selects no pods; it has no endpoints").arg(service.meta.key())));
        }
    }
    for (const SessionStickyPolicy &policy : set.sessionStickyPolicies) {
        const QString ns = policy.targetRef.namespaceName.isEmpty() ? policy.meta.namespaceName : policy.targetRef.namespaceName;
        if (policy.targetRef.kind == u"Service" && !cluster.findService(ns, policy.targetRef.name)) {
            diagnostics.append(Diagnostic::warning(policy.targetRef.location.isKnown() ? policy.targetRef.location : policy.meta.location,
                                                   QStringLiteral("spec.targetRef"),
                                                   QStringLiteral("Service %1/%2 does not exist; the policy is not accepted (TargetNotFound)")
                                                       .arg(ns, policy.targetRef.name)));
        }
    }
    return cluster;
}

void Cluster::addPod(ClusterPod pod)
{
    m_usedIps.insert(pod.ip);
    m_pods.append(std::move(pod));
}

QString Cluster::allocateIp()
{
    while (m_nextIp <= LastSimulatedIp) {
        const QString candidate = ipToString(m_nextIp++);
        if (!m_usedIps.contains(candidate))
            return candidate;
    }
    // 65,000 pods is far beyond any lab; wrap around rather than fail.
    m_nextIp = FirstSimulatedIp;
    return ipToString(m_nextIp++);
}

const ClusterPod *Cluster::findPod(const QString &podKey) const
{
    for (const ClusterPod &pod : m_pods) {
        if (pod.key() == podKey)
            return &pod;
    }
    return nullptr;
}

ClusterPod *Cluster::findMutablePod(const QString &podKey)
{
    return const_cast<ClusterPod *>(std::as_const(*this).findPod(podKey));
}

const Service *Cluster::findService(const QString &namespaceName, const QString &name) const
{
    for (const Service &service : m_manifests.services) {
        if (service.meta.namespaceName == namespaceName && service.meta.name == name)
            return &service;
    }
    return nullptr;
}

QList<ServiceEndpoint> Cluster::endpoints(const Service &service, const ServicePort &port) const
{
    QList<ServiceEndpoint> result;
    if (service.hasSelector) {
        for (const ClusterPod &pod : m_pods) {
            if (pod.namespaceName != service.meta.namespaceName || pod.state == ClusterPod::State::Stopped)
                continue;
            bool selected = true;
            for (auto it = service.selector.cbegin(); it != service.selector.cend() && selected; ++it)
                selected = pod.labels.contains(it.key()) && pod.labels.value(it.key()) == it.value();
            if (!selected)
                continue;
            const int targetPort = port.targetPortName.isEmpty() ? port.effectiveTargetPortNumber() : pod.namedPort(port.targetPortName);
            if (targetPort <= 0)
                continue;   // as Kubernetes: a pod without the named port is not an endpoint of this port
            result.append(ServiceEndpoint{pod.ip, targetPort, pod.namespaceName, pod.name, true, pod.location});
        }
    }
    for (const EndpointSlice &slice : m_manifests.endpointSlices) {
        if (slice.meta.namespaceName != service.meta.namespaceName || slice.serviceName != service.meta.name)
            continue;
        int slicePort = 0;
        for (const EndpointSlice::Port &candidate : slice.ports) {
            if (candidate.name == port.name || (slice.ports.size() == 1 && service.ports.size() == 1))
                slicePort = candidate.port;
        }
        if (slicePort <= 0)
            continue;
        for (const EndpointSlice::Endpoint &endpoint : slice.endpoints) {
            if (!endpoint.ready)
                continue;
            const ClusterPod *pod = endpoint.targetPodName.isEmpty()
                                        ? nullptr
                                        : findPod(slice.meta.namespaceName + u'/' + endpoint.targetPodName);
            if (pod && pod->state == ClusterPod::State::Stopped)
                continue;
            for (const QString &address : endpoint.addresses) {
                result.append(ServiceEndpoint{address, slicePort, pod ? pod->namespaceName : QString(),
                                              pod ? pod->name : QString(), true, endpoint.location});
            }
        }
    }
    return result;
}

QList<MockPod> Cluster::mockPods(Diagnostics *diagnostics) const
{
    // A pod answers on every port a Service sends it traffic to, and on every port it declares.
    QMap<QString, QSet<int>> portsByPod;
    for (const Service &service : m_manifests.services) {
        for (const ServicePort &port : service.ports) {
            for (const ServiceEndpoint &endpoint : endpoints(service, port)) {
                if (endpoint.isPod())
                    portsByPod[endpoint.podKey()].insert(endpoint.port);
            }
        }
    }
    QList<MockPod> result;
    for (const ClusterPod &pod : m_pods) {
        QSet<int> ports = portsByPod.value(pod.key());
        for (const Container &container : pod.containers) {
            for (const Container::Port &port : container.ports)
                ports.insert(port.containerPort);
        }
        QList<int> sortedPorts(ports.cbegin(), ports.cend());
        std::sort(sortedPorts.begin(), sortedPorts.end());
        Diagnostics behaviourDiagnostics;
        QList<MockBehaviour> behaviours;
        for (int c = 0; c < pod.containers.size(); ++c) {
            behaviours.append(MockBehaviour::fromContainer(pod.containers[c], QStringLiteral("spec.containers[%1]").arg(c),
                                                           behaviourDiagnostics));
        }
        if (diagnostics)
            diagnostics->append(behaviourDiagnostics);
        if (behaviours.isEmpty())
            continue;
        for (int port : sortedPorts) {
            // The container that declares the port answers it; a Pipy script answers the port it
            // listens on; otherwise the first container does (a container need not declare ports).
            int chosen = -1;
            for (int c = 0; c < pod.containers.size() && chosen < 0; ++c) {
                for (const Container::Port &declared : pod.containers[c].ports) {
                    if (declared.containerPort == port)
                        chosen = c;
                }
            }
            for (int c = 0; c < behaviours.size() && chosen < 0; ++c) {
                if (behaviours[c].listenPort == port)
                    chosen = c;
            }
            if (chosen < 0)
                chosen = 0;
            const MockBehaviour &behaviour = behaviours[chosen];
            if (behaviour.kind == MockBehaviour::Kind::StaticResponse && behaviour.listenPort != 0 && behaviour.listenPort != port) {
                if (diagnostics) {
                    diagnostics->append(Diagnostic::warning(pod.containers[chosen].location, QStringLiteral("spec.containers[%1].command").arg(chosen),
                                                            QStringLiteral("pod %1 listens on port %2 but receives traffic on port %3; connections to it are refused")
                                                                .arg(pod.key()).arg(behaviour.listenPort).arg(port)));
                }
                continue;
            }
            result.append(MockPod{pod.namespaceName, pod.name, pod.ip, port, behaviour});
        }
    }
    return result;
}

bool Cluster::setPodState(const QString &podKey, ClusterPod::State state)
{
    ClusterPod *pod = findMutablePod(podKey);
    if (!pod)
        return false;
    pod->state = state;
    return true;
}

bool Cluster::setPodDelay(const QString &podKey, int delayMs)
{
    ClusterPod *pod = findMutablePod(podKey);
    if (!pod)
        return false;
    pod->delayMs = qMax(0, delayMs);
    return true;
}

bool Cluster::setPodIp(const QString &podKey, const QString &ip)
{
    ClusterPod *pod = findMutablePod(podKey);
    if (!pod)
        return false;
    pod->ip = ip;
    m_usedIps.insert(ip);
    return true;
}

QString Cluster::assignNewPodIp(const QString &podKey)
{
    ClusterPod *pod = findMutablePod(podKey);
    if (!pod)
        return {};
    pod->ip = allocateIp();
    m_usedIps.insert(pod->ip);
    return pod->ip;
}

} // namespace gw
