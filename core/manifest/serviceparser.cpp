#include "serviceparser.h"

#include "yamlscalar.h"

#include <QRegularExpression>
#include <QSet>

namespace gw {

namespace {
using Presence = YamlFieldReader::Presence;

// IANA service names, which is what a named targetPort must be (validation.IsValidPortName).
bool isPortName(const QString &name)
{
    static const QRegularExpression allowed(QStringLiteral("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"));
    static const QRegularExpression letter(QStringLiteral("[a-z]"));
    return name.size() <= 15 && allowed.match(name).hasMatch() && letter.match(name).hasMatch() && !name.contains(u"--");
}
} // namespace

ServiceParser::ServiceParser(YamlFieldReader &reader)
    : m_reader(reader)
{
}

void ServiceParser::parse(const YamlField &object, Service &service)
{
    m_reader.checkFields(object, {"apiVersion", "kind", "metadata", "spec", "status"});
    const YamlField spec = m_reader.field(object, "spec");
    if (!m_reader.mapping(spec, Presence::Required))
        return;
    m_reader.checkFields(spec, {"ports", "selector", "clusterIP", "clusterIPs", "type", "externalIPs",
                                "sessionAffinity", "loadBalancerIP", "loadBalancerSourceRanges", "externalName",
                                "externalTrafficPolicy", "healthCheckNodePort", "publishNotReadyAddresses",
                                "sessionAffinityConfig", "ipFamilies", "ipFamilyPolicy",
                                "allocateLoadBalancerNodePorts", "loadBalancerClass", "internalTrafficPolicy",
                                "trafficDistribution"});
    const YamlField type = m_reader.field(spec, "type");
    if (const auto value = m_reader.string(type); value && m_reader.expectOneOf(type, *value, {"ClusterIP", "NodePort", "LoadBalancer", "ExternalName"}))
        service.type = *value;
    service.clusterIP = m_reader.string(spec, "clusterIP").value_or(QString());
    service.selector = m_reader.stringMap(spec, "selector");
    // Kubernetes treats an empty selector like none: endpoints are then managed by hand.
    service.hasSelector = !service.selector.isEmpty();
    const YamlField externalName = m_reader.field(spec, "externalName");
    service.externalName = m_reader.string(externalName).value_or(QString());
    if (service.type == u"ExternalName" && service.externalName.isEmpty())
        m_reader.error(externalName, QStringLiteral("expected a DNS name for a Service of type ExternalName, got none"));

    const YamlField portsField = m_reader.field(spec, "ports");
    if (const auto ports = m_reader.list(portsField)) {
        QSet<QString> names;
        QSet<QString> numbers;
        for (const YamlField &item : *ports) {
            const ServicePort port = parsePort(item);
            // The API server's rules: with several ports each needs a unique name, and no
            // port/protocol pair may repeat.
            const YamlField name = m_reader.field(item, "name");
            if (ports->size() > 1 && port.name.isEmpty() && item.node.IsMap())
                m_reader.error(name, QStringLiteral("expected a name, as the Service has more than one port; got none"));
            if (!port.name.isEmpty() && names.contains(port.name))
                m_reader.error(name, u"duplicate port name " + YamlScalar::quoted(port.name));
            names.insert(port.name);
            const QString number = QString::number(port.port) + u'/' + port.protocol;
            if (port.port != 0 && numbers.contains(number))
                m_reader.error(m_reader.field(item, "port"), u"duplicate port " + number);
            numbers.insert(number);
            service.ports.append(port);
        }
    }
}

ServicePort ServiceParser::parsePort(const YamlField &item)
{
    ServicePort port;
    port.location = m_reader.location(item);
    if (!m_reader.mapping(item, Presence::Required))
        return port;
    m_reader.checkFields(item, {"name", "protocol", "appProtocol", "port", "targetPort", "nodePort"});
    port.name = m_reader.string(item, "name").value_or(QString());
    const YamlField protocol = m_reader.field(item, "protocol");
    if (const auto value = m_reader.string(protocol); value && m_reader.expectOneOf(protocol, *value, {"TCP", "UDP", "SCTP"}))
        port.protocol = *value;
    port.appProtocol = m_reader.string(item, "appProtocol").value_or(QString());
    port.port = int(m_reader.integer(item, "port", YamlFieldReader::Port, Presence::Required).value_or(0));
    m_reader.integer(item, "nodePort", YamlFieldReader::Port);
    parseTargetPort(m_reader.field(item, "targetPort"), port);
    return port;
}

void ServiceParser::parseTargetPort(const YamlField &target, ServicePort &port)
{
    if (target.isAbsentOrNull())
        return;
    const QString expected = QStringLiteral("expected an integer 1-65535 or a port name (at most 15 lower-case letters, "
                                            "digits and '-', with at least one letter), got ");
    switch (YamlScalar::kind(target.node)) {
    case YamlScalar::Kind::Integer:
        port.targetPortNumber = int(m_reader.integer(target, YamlFieldReader::Port).value_or(0));
        return;
    case YamlScalar::Kind::String: {
        const QString name = QString::fromStdString(target.node.Scalar());
        if (isPortName(name))
            port.targetPortName = name;
        else
            m_reader.error(target, expected + YamlScalar::describe(target.node));
        return;
    }
    default:
        m_reader.error(target, expected + YamlScalar::describe(target.node));
        return;
    }
}

} // namespace gw
