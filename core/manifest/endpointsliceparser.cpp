#include "endpointsliceparser.h"

#include "yamlscalar.h"

#include <QHostAddress>

namespace gw {

namespace {
using Presence = YamlFieldReader::Presence;
const QString ServiceNameLabel = QStringLiteral("kubernetes.io/service-name");
} // namespace

EndpointSliceParser::EndpointSliceParser(YamlFieldReader &reader)
    : m_reader(reader)
{
}

void EndpointSliceParser::parse(const YamlField &object, EndpointSlice &slice)
{
    m_reader.checkFields(object, {"apiVersion", "kind", "metadata", "addressType", "endpoints", "ports"});
    slice.serviceName = slice.meta.labels.value(ServiceNameLabel);
    if (slice.serviceName.isEmpty()) {
        // Reported at the labels, or at metadata when there are none.
        const YamlField labels = m_reader.field(m_reader.field(object, "metadata"), "labels");
        m_reader.error(labels, u"expected the label " + ServiceNameLabel + u" naming the Service of this slice, got none");
    }
    const YamlField addressType = m_reader.field(object, "addressType");
    if (const auto value = m_reader.string(addressType, Presence::Required);
        value && m_reader.expectOneOf(addressType, *value, {"IPv4", "IPv6", "FQDN"}))
        slice.addressType = *value;

    if (const auto ports = m_reader.list(object, "ports")) {
        for (const YamlField &item : *ports) {
            if (!m_reader.mapping(item, Presence::Required))
                continue;
            m_reader.checkFields(item, {"name", "protocol", "port", "appProtocol"});
            EndpointSlice::Port port;
            port.name = m_reader.string(item, "name").value_or(QString());
            const YamlField protocol = m_reader.field(item, "protocol");
            if (const auto value = m_reader.string(protocol); value && m_reader.expectOneOf(protocol, *value, {"TCP", "UDP", "SCTP"}))
                port.protocol = *value;
            port.port = int(m_reader.integer(item, "port", YamlFieldReader::Port).value_or(0));
            slice.ports.append(port);
        }
    }
    if (const auto endpoints = m_reader.list(object, "endpoints")) {
        for (const YamlField &item : *endpoints)
            slice.endpoints.append(parseEndpoint(item, slice.addressType));
    }
}

EndpointSlice::Endpoint EndpointSliceParser::parseEndpoint(const YamlField &item, const QString &addressType)
{
    EndpointSlice::Endpoint endpoint;
    endpoint.location = m_reader.location(item);
    if (!m_reader.mapping(item, Presence::Required))
        return endpoint;
    m_reader.checkFields(item, {"addresses", "conditions", "hostname", "targetRef", "nodeName", "zone", "hints",
                                "deprecatedTopology"});
    const YamlField addresses = m_reader.field(item, "addresses");
    if (const auto list = m_reader.list(addresses, Presence::Required)) {
        if (list->isEmpty())
            m_reader.error(addresses, QStringLiteral("expected at least one address, got none"));
        for (const YamlField &entry : *list) {
            const auto address = m_reader.string(entry, Presence::Required);
            if (!address)
                continue;
            const QHostAddress parsed(*address);
            const bool wantV4 = addressType == u"IPv4";
            const bool wantV6 = addressType == u"IPv6";
            if ((wantV4 && parsed.protocol() != QAbstractSocket::IPv4Protocol)
                || (wantV6 && parsed.protocol() != QAbstractSocket::IPv6Protocol)) {
                m_reader.error(entry, u"expected an " + addressType + u" address, got " + YamlScalar::quoted(*address));
                continue;
            }
            endpoint.addresses.append(*address);
        }
    }
    const YamlField conditions = m_reader.field(item, "conditions");
    if (m_reader.mapping(conditions)) {
        m_reader.checkFields(conditions, {"ready", "serving", "terminating"});
        endpoint.ready = m_reader.boolean(conditions, "ready").value_or(true);
        m_reader.boolean(conditions, "serving");
        m_reader.boolean(conditions, "terminating");
    }
    const YamlField targetRef = m_reader.field(item, "targetRef");
    if (m_reader.mapping(targetRef)) {
        m_reader.checkFields(targetRef, {"kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"});
        const QString kind = m_reader.string(targetRef, "kind").value_or(QString());
        const QString name = m_reader.string(targetRef, "name").value_or(QString());
        if (kind == u"Pod")
            endpoint.targetPodName = name;
    }
    return endpoint;
}

} // namespace gw
