#pragma once

#include "clusterpod.h"
#include "common/diagnostic.h"
#include "manifest/manifestset.h"
#include "mock/mockpod.h"
#include "serviceendpoint.h"

#include <QList>
#include <QMap>
#include <QString>

namespace gw {

// What the API server, the kubelet and the endpoints controller would hold after `kubectl apply`:
// namespaces with labels, pods (from Pods and Deployments) with addresses, Services and their
// endpoints, in creation order. Pods can be stopped, crashed, slowed and restarted at run time.
class Cluster
{
public:
    // The GatewayClasses FSM creates itself (and the spec-profile class of the simulator), added when
    // the manifests do not define them.
    static QString fsmGatewayClassName() { return QStringLiteral("fsm-gateway-cls"); }
    static QString fsmControllerName() { return QStringLiteral("flomesh.io/gateway-controller"); }
    static QString specGatewayClassName() { return QStringLiteral("gatewaylab"); }
    static QString specControllerName() { return QStringLiteral("gatewaylab.io/gateway-controller"); }

    // Simulated pod addresses: status.podIP when given, otherwise the next free address of
    // 10.42.0.0/16 from 10.42.0.10 in load order, so the same files always give the same addresses.
    static Cluster build(ManifestSet manifests, Diagnostics &diagnostics);

    const ManifestSet &manifests() const { return m_manifests; }
    const QList<ClusterPod> &pods() const { return m_pods; }
    const ClusterPod *findPod(const QString &podKey) const;
    const Service *findService(const QString &namespaceName, const QString &name) const;
    bool hasNamespace(const QString &namespaceName) const { return m_namespaceLabels.contains(namespaceName); }
    QMap<QString, QString> namespaceLabels(const QString &namespaceName) const { return m_namespaceLabels.value(namespaceName); }
    QStringList namespaces() const { return m_namespaceLabels.keys(); }

    // The ready endpoints of one Service port, as the EndpointSlice controller lists them: pods
    // matching the selector in the Service's namespace (Running or Crashed: a crash is not noticed
    // at once) plus the addresses of user-written EndpointSlices for the Service.
    QList<ServiceEndpoint> endpoints(const Service &service, const ServicePort &port) const;

    // Every (pod, container port) that must answer, with how it answers.
    QList<MockPod> mockPods(Diagnostics *diagnostics = nullptr) const;

    // Run-time changes, as a pod going away or coming back would make them.
    bool setPodState(const QString &podKey, ClusterPod::State state);
    bool setPodDelay(const QString &podKey, int delayMs);
    // A restart that lands on a new address (a new pod replacing the old one); returns it.
    QString assignNewPodIp(const QString &podKey);
    // Puts back an address a pod was given by an earlier restart (the lab rebuilds the cluster on
    // every reload, and a restarted pod keeps its new address).
    bool setPodIp(const QString &podKey, const QString &ip);

private:
    ClusterPod *findMutablePod(const QString &podKey);
    QString allocateIp();
    void addPod(ClusterPod pod);

    ManifestSet m_manifests;
    QList<ClusterPod> m_pods;
    QMap<QString, QMap<QString, QString>> m_namespaceLabels;
    QSet<QString> m_usedIps;
    quint32 m_nextIp = 0;
};

} // namespace gw
