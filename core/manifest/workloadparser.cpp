#include "workloadparser.h"

#include "labelselectorparser.h"
#include "objectmetaparser.h"
#include "yamlscalar.h"

#include <QHostAddress>
#include <QSet>

namespace gw {

namespace {
using Presence = YamlFieldReader::Presence;
} // namespace

WorkloadParser::WorkloadParser(YamlFieldReader &reader)
    : m_reader(reader)
{
}

void WorkloadParser::parsePod(const YamlField &object, Pod &pod)
{
    m_reader.checkFields(object, {"apiVersion", "kind", "metadata", "spec", "status"});
    const YamlField spec = m_reader.field(object, "spec");
    if (m_reader.mapping(spec, Presence::Required))
        pod.containers = parsePodSpec(spec);
    // The rest of status is written by the kubelet; podIP is honoured so that a manifest can pin
    // the address a sticky cookie is derived from.
    const YamlField status = m_reader.field(object, "status");
    if (m_reader.mapping(status)) {
        const YamlField podIP = m_reader.field(status, "podIP");
        if (const auto address = m_reader.string(podIP)) {
            if (QHostAddress(*address).isNull())
                m_reader.error(podIP, u"expected an IP address, got " + YamlScalar::quoted(*address));
            else
                pod.podIP = *address;
        }
    }
}

void WorkloadParser::parseDeployment(const YamlField &object, Deployment &deployment)
{
    m_reader.checkFields(object, {"apiVersion", "kind", "metadata", "spec", "status"});
    const YamlField spec = m_reader.field(object, "spec");
    if (!m_reader.mapping(spec, Presence::Required))
        return;
    m_reader.checkFields(spec, {"replicas", "selector", "template", "strategy", "minReadySeconds",
                                "revisionHistoryLimit", "paused", "progressDeadlineSeconds"});
    deployment.replicas = int(m_reader.integer(spec, "replicas", YamlFieldReader::NonNegativeInt32).value_or(1));
    const YamlField selectorField = m_reader.field(spec, "selector");
    deployment.selector = LabelSelectorParser(m_reader).parse(selectorField, Presence::Required);
    const YamlField templ = m_reader.field(spec, "template");
    if (!m_reader.mapping(templ, Presence::Required))
        return;
    m_reader.checkFields(templ, {"metadata", "spec"});
    deployment.templateLabels = ObjectMetaParser(m_reader).parseTemplate(m_reader.field(templ, "metadata")).labels;
    const YamlField podSpec = m_reader.field(templ, "spec");
    if (m_reader.mapping(podSpec, Presence::Required))
        deployment.containers = parsePodSpec(podSpec);
    // apps/v1 rejects a Deployment whose selector would not select its own pods.
    if (deployment.selector.isSet && !deployment.selector.matches(deployment.templateLabels))
        m_reader.error(selectorField, QStringLiteral("expected a selector that matches spec.template.metadata.labels, got one that does not"));
    if (deployment.selector.isSet && deployment.selector.matchLabels.isEmpty() && deployment.selector.matchExpressions.isEmpty())
        m_reader.error(selectorField, QStringLiteral("expected matchLabels or matchExpressions, got an empty selector"));
}

QList<Container> WorkloadParser::parsePodSpec(const YamlField &podSpec)
{
    // The whole PodSpec is known to Kubernetes; only containers matter to the simulation.
    m_reader.checkFields(podSpec, {"volumes", "initContainers", "containers", "ephemeralContainers", "restartPolicy",
                                   "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy",
                                   "nodeSelector", "serviceAccountName", "serviceAccount",
                                   "automountServiceAccountToken", "nodeName", "hostNetwork", "hostPID", "hostIPC",
                                   "shareProcessNamespace", "securityContext", "imagePullSecrets", "hostname",
                                   "subdomain", "affinity", "schedulerName", "tolerations", "hostAliases",
                                   "priorityClassName", "priority", "dnsConfig", "readinessGates",
                                   "runtimeClassName", "enableServiceLinks", "preemptionPolicy", "overhead",
                                   "topologySpreadConstraints", "setHostnameAsFQDN", "os", "hostUsers",
                                   "schedulingGates", "resourceClaims", "resources"});
    QList<Container> containers;
    const YamlField list = m_reader.field(podSpec, "containers");
    const auto items = m_reader.list(list, Presence::Required);
    if (!items)
        return containers;
    if (items->isEmpty())
        m_reader.error(list, QStringLiteral("expected at least one container, got none"));
    QSet<QString> names;
    for (const YamlField &item : *items) {
        Container container = parseContainer(item);
        if (!container.name.isEmpty()) {
            if (names.contains(container.name))
                m_reader.error(m_reader.field(item, "name"), u"duplicate container name \"" + container.name + u'"');
            names.insert(container.name);
        }
        containers.append(container);
    }
    return containers;
}

Container WorkloadParser::parseContainer(const YamlField &item)
{
    Container container;
    container.location = m_reader.location(item);
    if (!m_reader.mapping(item, Presence::Required))
        return container;
    m_reader.checkFields(item, {"name", "image", "command", "args", "workingDir", "ports", "envFrom", "env",
                                "resources", "resizePolicy", "restartPolicy", "volumeMounts", "volumeDevices",
                                "livenessProbe", "readinessProbe", "startupProbe", "lifecycle",
                                "terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy",
                                "securityContext", "stdin", "stdinOnce", "tty"});
    container.name = m_reader.string(item, "name", Presence::Required).value_or(QString());
    container.image = m_reader.string(item, "image", Presence::Required).value_or(QString());
    container.command = m_reader.stringList(item, "command");
    container.args = m_reader.stringList(item, "args");
    if (const auto ports = m_reader.list(item, "ports")) {
        for (const YamlField &portItem : *ports) {
            if (!m_reader.mapping(portItem, Presence::Required))
                continue;
            m_reader.checkFields(portItem, {"name", "containerPort", "protocol", "hostPort", "hostIP"});
            Container::Port port;
            port.name = m_reader.string(portItem, "name").value_or(QString());
            port.containerPort = int(m_reader.integer(portItem, "containerPort", YamlFieldReader::Port, Presence::Required).value_or(0));
            const YamlField protocol = m_reader.field(portItem, "protocol");
            if (const auto value = m_reader.string(protocol); value && m_reader.expectOneOf(protocol, *value, {"TCP", "UDP", "SCTP"}))
                port.protocol = *value;
            container.ports.append(port);
        }
    }
    if (const auto env = m_reader.list(item, "env")) {
        for (const YamlField &envItem : *env) {
            if (!m_reader.mapping(envItem, Presence::Required))
                continue;
            m_reader.checkFields(envItem, {"name", "value", "valueFrom"});
            Container::EnvVar var;
            var.name = m_reader.string(envItem, "name", Presence::Required).value_or(QString());
            var.value = m_reader.string(envItem, "value").value_or(QString());
            const YamlField valueFrom = m_reader.field(envItem, "valueFrom");
            if (m_reader.mapping(valueFrom)) {
                m_reader.checkFields(valueFrom, {"fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef"});
                const YamlField fieldRef = m_reader.field(valueFrom, "fieldRef");
                if (m_reader.mapping(fieldRef)) {
                    m_reader.checkFields(fieldRef, {"apiVersion", "fieldPath"});
                    var.fieldRef = m_reader.string(fieldRef, "fieldPath", Presence::Required).value_or(QString());
                }
            }
            container.env.append(var);
        }
    }
    return container;
}

} // namespace gw
