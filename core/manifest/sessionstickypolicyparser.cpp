#include "sessionstickypolicyparser.h"

#include "yamlscalar.h"

#include <QHash>

namespace gw {

namespace {
using Presence = YamlFieldReader::Presence;
constexpr int MaxPorts = 16;
const QString FlomeshGroup = QStringLiteral("flomesh.io");
} // namespace

SessionStickyPolicyParser::SessionStickyPolicyParser(YamlFieldReader &reader)
    : m_reader(reader)
{
}

void SessionStickyPolicyParser::parse(const YamlField &object, SessionStickyPolicy &policy)
{
    m_reader.checkFields(object, {"apiVersion", "kind", "metadata", "spec", "status"});
    const YamlField spec = m_reader.field(object, "spec");
    if (!m_reader.mapping(spec, Presence::Required))
        return;
    m_reader.checkFields(spec, {"targetRef", "ports", "config"});
    parseTargetRef(m_reader.field(spec, "targetRef"), policy.targetRef);
    const YamlField specConfig = m_reader.field(spec, "config");
    policy.config = parseConfig(specConfig);

    const YamlField portsField = m_reader.field(spec, "ports");
    const auto ports = m_reader.list(portsField);
    if (!ports || ports->isEmpty()) {
        // The webhook's wording; the CRD's minItems 1 says the same for an empty list.
        if (portsField.isAbsentOrNull() || ports)
            m_reader.error(portsField, QStringLiteral("cannot be empty: list the Service ports to make sticky"));
        return;
    }
    if (ports->size() > MaxPorts)
        m_reader.error(portsField, u"expected at most " + QString::number(MaxPorts) + u" ports, got " + QString::number(ports->size()));
    // listType=map keyed by port: the API server refuses the same port twice.
    QHash<int, int> seen;
    for (const YamlField &item : *ports) {
        SessionStickyPolicy::PortConfig entry;
        entry.location = m_reader.location(item);
        if (!m_reader.mapping(item, Presence::Required))
            continue;
        m_reader.checkFields(item, {"port", "config"});
        const YamlField portField = m_reader.field(item, "port");
        entry.port = int(m_reader.integer(portField, YamlFieldReader::Port, Presence::Required).value_or(0));
        const YamlField configField = m_reader.field(item, "config");
        entry.config = parseConfig(configField);
        if (entry.port != 0) {
            if (const auto first = seen.constFind(entry.port); first != seen.cend())
                m_reader.error(portField, u"duplicate port " + QString::number(entry.port) + u" (also spec.ports["
                                              + QString::number(*first) + u"])");
            else
                seen.insert(entry.port, int(policy.ports.size()));
        }
        if (configField.isAbsentOrNull() && specConfig.isAbsentOrNull())
            m_reader.error(configField, u"cannot be empty for port " + QString::number(entry.port)
                                            + u" when spec.config is absent: give this port a config or add spec.config");
        policy.ports.append(entry);
    }
}

void SessionStickyPolicyParser::parseTargetRef(const YamlField &field, SessionStickyPolicy::TargetRef &ref)
{
    ref.location = m_reader.location(field);
    if (!m_reader.mapping(field, Presence::Required))
        return;
    m_reader.checkFields(field, {"group", "kind", "name", "namespace"});
    const YamlField group = m_reader.field(field, "group");
    const YamlField kind = m_reader.field(field, "kind");
    const auto groupValue = m_reader.string(group, Presence::Required);
    const auto kindValue = m_reader.string(kind, Presence::Required);
    ref.name = m_reader.string(field, "name", Presence::Required).value_or(QString());
    ref.namespaceName = m_reader.string(field, "namespace").value_or(QString());
    if (groupValue) {
        ref.group = *groupValue;
        if (!ref.group.isEmpty() && ref.group != FlomeshGroup)
            m_reader.error(group, u"expected \"\" (the core group) or \"" + FlomeshGroup + u"\", got " + YamlScalar::quoted(ref.group));
    }
    if (kindValue) {
        ref.kind = *kindValue;
        // The webhook accepts exactly two pairs: Service in the core group, ServiceImport in flomesh.io.
        const bool core = groupValue && ref.group.isEmpty();
        const bool flomesh = groupValue && ref.group == FlomeshGroup;
        if (core && ref.kind != u"Service")
            m_reader.error(kind, u"expected Service for the core group \"\", got " + YamlScalar::quoted(ref.kind));
        else if (flomesh && ref.kind != u"ServiceImport")
            m_reader.error(kind, u"expected ServiceImport for group \"" + FlomeshGroup + u"\", got " + YamlScalar::quoted(ref.kind));
        else if (groupValue && !core && !flomesh)
            m_reader.error(kind, u"expected Service (core group \"\") or ServiceImport (group \"" + FlomeshGroup + u"\"), got "
                                     + YamlScalar::quoted(ref.kind));
    }
}

std::optional<SessionStickyPolicy::Config> SessionStickyPolicyParser::parseConfig(const YamlField &field)
{
    if (!m_reader.mapping(field))
        return std::nullopt;
    SessionStickyPolicy::Config config;
    config.location = m_reader.location(field);
    m_reader.checkFields(field, {"cookieName", "expires"});
    config.cookieName = m_reader.string(field, "cookieName");
    if (const auto expires = m_reader.integer(field, "expires", YamlFieldReader::PositiveInt32))
        config.expires = int(*expires);
    return config;
}

} // namespace gw
