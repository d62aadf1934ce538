#include "referencegrantparser.h"

namespace gw {

namespace {
using Presence = YamlFieldReader::Presence;
constexpr int MaxEntries = 16;
} // namespace

ReferenceGrantParser::ReferenceGrantParser(YamlFieldReader &reader)
    : m_reader(reader)
{
}

std::optional<QList<YamlField>> ReferenceGrantParser::entries(const YamlField &spec, const char *key)
{
    const YamlField field = m_reader.field(spec, key);
    const auto items = m_reader.list(field, Presence::Required);
    if (items && (items->isEmpty() || items->size() > MaxEntries))
        m_reader.error(field, u"expected 1-" + QString::number(MaxEntries) + u" entries, got " + QString::number(items->size()));
    return items;
}

void ReferenceGrantParser::parse(const YamlField &object, ReferenceGrant &grant)
{
    m_reader.checkFields(object, {"apiVersion", "kind", "metadata", "spec", "status"});
    const YamlField spec = m_reader.field(object, "spec");
    if (!m_reader.mapping(spec, Presence::Required))
        return;
    m_reader.checkFields(spec, {"from", "to"});
    if (const auto from = entries(spec, "from")) {
        for (const YamlField &item : *from) {
            if (!m_reader.mapping(item, Presence::Required))
                continue;
            m_reader.checkFields(item, {"group", "kind", "namespace"});
            ReferenceGrant::From entry;
            entry.group = m_reader.string(item, "group", Presence::Required).value_or(QString());
            entry.kind = m_reader.string(item, "kind", Presence::Required).value_or(QString());
            entry.namespaceName = m_reader.string(item, "namespace", Presence::Required).value_or(QString());
            grant.from.append(entry);
        }
    }
    if (const auto to = entries(spec, "to")) {
        for (const YamlField &item : *to) {
            if (!m_reader.mapping(item, Presence::Required))
                continue;
            m_reader.checkFields(item, {"group", "kind", "name"});
            ReferenceGrant::To entry;
            entry.group = m_reader.string(item, "group", Presence::Required).value_or(QString());
            entry.kind = m_reader.string(item, "kind", Presence::Required).value_or(QString());
            entry.name = m_reader.string(item, "name").value_or(QString());
            grant.to.append(entry);
        }
    }
}

} // namespace gw
