#include "gatewayparser.h"

#include "labelselectorparser.h"
#include "yamlscalar.h"

#include <QHash>

namespace gw {

namespace {
using Presence = YamlFieldReader::Presence;
constexpr int MaxListeners = 64;
constexpr int MaxRouteKinds = 8;
} // namespace

GatewayParser::GatewayParser(YamlFieldReader &reader)
    : m_reader(reader)
{
}

void GatewayParser::parseGatewayClass(const YamlField &object, GatewayClass &gatewayClass)
{
    m_reader.checkFields(object, {"apiVersion", "kind", "metadata", "spec", "status"});
    const YamlField spec = m_reader.field(object, "spec");
    if (!m_reader.mapping(spec, Presence::Required))
        return;
    m_reader.checkFields(spec, {"controllerName", "parametersRef", "description"});
    gatewayClass.controllerName = m_reader.string(spec, "controllerName", Presence::Required).value_or(QString());
}

void GatewayParser::parseGateway(const YamlField &object, Gateway &gateway)
{
    m_reader.checkFields(object, {"apiVersion", "kind", "metadata", "spec", "status"});
    const YamlField spec = m_reader.field(object, "spec");
    if (!m_reader.mapping(spec, Presence::Required))
        return;
    m_reader.checkFields(spec, {"gatewayClassName", "listeners", "addresses", "infrastructure", "backendTLS",
                                "allowedListeners", "tls", "defaultScope"});
    gateway.gatewayClassName = m_reader.string(spec, "gatewayClassName", Presence::Required).value_or(QString());
    const YamlField listenersField = m_reader.field(spec, "listeners");
    const auto listeners = m_reader.list(listenersField, Presence::Required);
    if (!listeners)
        return;
    if (listeners->isEmpty())
        m_reader.error(listenersField, QStringLiteral("expected at least one listener, got none"));
    if (listeners->size() > MaxListeners)
        m_reader.error(listenersField, u"expected at most " + QString::number(MaxListeners) + u" listeners, got "
                                           + QString::number(listeners->size()));
    // The CRD rejects two listeners with one name: routes attach to listeners by name.
    QHash<QString, int> names;
    for (const YamlField &item : *listeners) {
        const Listener listener = parseListener(item);
        if (!listener.name.isEmpty()) {
            if (const auto first = names.constFind(listener.name); first != names.cend())
                m_reader.error(m_reader.field(item, "name"), u"duplicate listener name " + YamlScalar::quoted(listener.name)
                                                                 + u" (also spec.listeners[" + QString::number(*first) + u"])");
            else
                names.insert(listener.name, int(gateway.listeners.size()));
        }
        gateway.listeners.append(listener);
    }
}

Listener GatewayParser::parseListener(const YamlField &item)
{
    Listener listener;
    listener.location = m_reader.location(item);
    if (!m_reader.mapping(item, Presence::Required))
        return listener;
    m_reader.checkFields(item, {"name", "hostname", "port", "protocol", "tls", "allowedRoutes"});
    listener.name = m_reader.string(item, "name", Presence::Required).value_or(QString());
    listener.hostname = m_reader.string(item, "hostname").value_or(QString());
    listener.port = int(m_reader.integer(item, "port", YamlFieldReader::Port, Presence::Required).value_or(0));
    // Unknown protocols are legal in the CRD; the controller reports them as UnsupportedProtocol.
    listener.protocol = m_reader.string(item, "protocol", Presence::Required).value_or(QString());
    const YamlField tls = m_reader.field(item, "tls");
    listener.hasTls = m_reader.mapping(tls);
    if (listener.hasTls) {
        // The lab terminates no TLS; the references are read so the listener's status can say
        // whether they resolve (ResolvedRefs / InvalidCertificateRef).
        listener.tlsMode = m_reader.string(tls, "mode").value_or(QStringLiteral("Terminate"));
        if (const auto refs = m_reader.list(m_reader.field(tls, "certificateRefs"))) {
            for (const YamlField &ref : *refs) {
                if (!m_reader.mapping(ref, Presence::Required))
                    continue;
                SecretObjectReference secret;
                secret.group = m_reader.string(ref, "group").value_or(QString());
                secret.kind = m_reader.string(ref, "kind").value_or(QStringLiteral("Secret"));
                secret.name = m_reader.string(ref, "name", Presence::Required).value_or(QString());
                secret.namespaceName = m_reader.string(ref, "namespace").value_or(QString());
                listener.certificateRefs.append(secret);
            }
        }
    }
    const YamlField allowedRoutes = m_reader.field(item, "allowedRoutes");
    if (m_reader.mapping(allowedRoutes))
        parseAllowedRoutes(allowedRoutes, listener);
    return listener;
}

void GatewayParser::parseAllowedRoutes(const YamlField &allowedRoutes, Listener &listener)
{
    m_reader.checkFields(allowedRoutes, {"namespaces", "kinds"});
    const YamlField namespaces = m_reader.field(allowedRoutes, "namespaces");
    if (m_reader.mapping(namespaces)) {
        m_reader.checkFields(namespaces, {"from", "selector"});
        const YamlField from = m_reader.field(namespaces, "from");
        if (const auto value = m_reader.string(from); value && m_reader.expectOneOf(from, *value, {"Same", "All", "Selector", "None"}))
            listener.allowedNamespacesFrom = *value;
        listener.allowedNamespacesSelector = LabelSelectorParser(m_reader).parse(m_reader.field(namespaces, "selector"));
    }
    const YamlField kindsField = m_reader.field(allowedRoutes, "kinds");
    if (const auto kinds = m_reader.list(kindsField)) {
        if (kinds->size() > MaxRouteKinds)
            m_reader.error(kindsField, u"expected at most " + QString::number(MaxRouteKinds) + u" kinds, got "
                                           + QString::number(kinds->size()));
        for (const YamlField &item : *kinds) {
            if (!m_reader.mapping(item, Presence::Required))
                continue;
            m_reader.checkFields(item, {"group", "kind"});
            RouteGroupKind kind;
            if (const auto group = m_reader.string(item, "group"))
                kind.group = *group;
            // Unknown kinds are legal here; the controller reports them as InvalidRouteKinds.
            kind.kind = m_reader.string(item, "kind", Presence::Required).value_or(QString());
            listener.allowedKinds.append(kind);
        }
    }
}

} // namespace gw
