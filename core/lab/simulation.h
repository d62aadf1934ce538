#pragma once

#include "cluster/cluster.h"
#include "common/diagnostic.h"
#include "common/labclock.h"
#include "controller/gatewayconfig.h"
#include "controller/objectstatus.h"
#include "dataplane/dataplane.h"
#include "dataplane/dataplaneoptions.h"
#include "flow/flowlog.h"
#include "mock/mockpodhost.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <memory>
#include <optional>

namespace gw {

// The whole lab in one object: manifests → cluster → controller → data plane, plus the mock pods,
// the flow log and the clock. The CLI, the desktop app and the scenario runner all drive this, so
// a request fired from any of them takes the same path.
class Simulation final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Simulation)

public:
    struct Options
    {
        QString defaultNamespace = QStringLiteral("default");
        quint32 seed = 1;
        int portOffset = 0;
        QList<QPair<QString, QString>> substitutions;
        DataPlaneOptions dataPlane;
        qsizetype flowLogCapacity = FlowLog::DefaultCapacity;
    };
    struct ListenerAddress
    {
        QString gatewayKey;
        QString listenerName;
        QString url;                 // http://127.0.0.x:port/
        QByteArray address;
        quint16 port = 0;
    };

    explicit Simulation(Options options, QObject *parent = nullptr);
    ~Simulation() override;

    // Replaces everything with what `paths` hold (`textOverrides`: unsaved editor text by file path,
    // also for files inside a listed folder; each is read in its file's place in the load order).
    // A document with errors is left out; the last good configuration of the others is served.
    Diagnostics load(const QStringList &paths, const QHash<QString, QByteArray> &textOverrides = {});
    // A dry run of load(): every diagnostic the same input would give (manifests, cluster,
    // controller, mock pods), with nothing served changing. The editor's Apply uses it to refuse an
    // input with errors, so the last good configuration keeps running whole.
    Diagnostics validate(const QStringList &paths, const QHash<QString, QByteArray> &textOverrides = {}) const;
    // The namespace for objects that name none, for the next load (kubectl apply -n).
    void setDefaultNamespace(const QString &namespaceName) { m_options.defaultNamespace = namespaceName; }
    // kubectl apply -f: objects in `paths` are added, or replace those with the same kind/namespace/name.
    Diagnostics apply(const QStringList &paths);
    // kubectl delete -f: objects in `paths` are removed.
    Diagnostics remove(const QStringList &paths);
    // kubectl apply of YAML text that is in no file (`name` stands for the file in diagnostics).
    Diagnostics applyText(const QString &name, const QByteArray &text);
    // kubectl delete KIND NAME -n NAMESPACE; false when no such object was loaded.
    bool deleteObject(const QString &kind, const QString &namespaceName, const QString &name);
    Diagnostics diagnostics() const { return m_diagnostics; }
    QStringList loadedPaths() const { return m_paths; }

    // Starts serving (binds every listener). Returns the listeners that could not be bound.
    QStringList start();
    void stop();
    bool isServing() const { return m_dataPlane.isRunning(); }
    QList<ListenerAddress> listeners() const;

    // Pod lifecycle (podKey = namespace/name). stopPod takes the pod out of its Services' endpoints,
    // as deleting it or failing its readiness probe would: its sessions re-pin. crashPod stops the
    // process but leaves the endpoint listed, as before a probe notices: connections are refused and
    // FSM answers 502. startPod brings it back, on a new address when `newIp` (new cookie value).
    bool stopPod(const QString &podKey);
    bool crashPod(const QString &podKey);
    bool startPod(const QString &podKey, bool newIp = false);
    bool slowPod(const QString &podKey, int delayMs);

    const Cluster &cluster() const { return *m_cluster; }
    // The snapshot being served, or before start() the one that will be: views show it either way.
    std::shared_ptr<const GatewayConfig> config() const { return m_dataPlane.isRunning() ? m_dataPlane.config() : m_pendingConfig; }
    // The status the controller wrote on every GatewayClass, Gateway, HTTPRoute and policy.
    const QList<ObjectStatus> &statuses() const { return m_statuses; }
    FlowLog &flowLog() { return m_flowLog; }
    LabClock &clock() { return m_clock; }
    MockPodHost &mockPods() { return m_mockPods; }
    const Options &options() const { return m_options; }

Q_SIGNALS:
    // The configuration (or a pod's state) changed; views re-read config() and cluster().
    void configurationChanged();

private:
    ManifestSet loadManifests(const QStringList &paths, const QHash<QString, QByteArray> &textOverrides) const;
    Diagnostics rebuild(Diagnostics diagnostics);
    void applyRuntimeState(Cluster &cluster) const;
    std::shared_ptr<const GatewayConfig> buildConfig(Diagnostics &diagnostics);

    Options m_options;
    LabClock m_clock;
    FlowLog m_flowLog;
    MockPodHost m_mockPods;
    DataPlane m_dataPlane;
    ManifestSet m_manifests;
    std::unique_ptr<Cluster> m_cluster;
    QStringList m_paths;
    Diagnostics m_diagnostics;
    QList<ObjectStatus> m_statuses;
    quint64 m_version = 0;
    // Run-time pod state survives reloads, as pods survive `kubectl apply` of unrelated objects.
    struct PodRuntime
    {
        ClusterPod::State state = ClusterPod::State::Running;
        int delayMs = 0;
        QString ipOverride;
    };
    QHash<QString, PodRuntime> m_podRuntime;
    std::shared_ptr<const GatewayConfig> m_pendingConfig;    // built before start()
};

} // namespace gw
