#include "labelselectorparser.h"

namespace gw {

namespace {
using Presence = YamlFieldReader::Presence;
} // namespace

LabelSelectorParser::LabelSelectorParser(YamlFieldReader &reader)
    : m_reader(reader)
{
}

LabelSelector LabelSelectorParser::parse(const YamlField &selector, Presence presence)
{
    LabelSelector result;
    if (!m_reader.mapping(selector, presence))
        return result;
    result.isSet = true;
    m_reader.checkFields(selector, {"matchLabels", "matchExpressions"});
    result.matchLabels = m_reader.stringMap(selector, "matchLabels");
    if (const auto expressions = m_reader.list(selector, "matchExpressions")) {
        for (const YamlField &item : *expressions) {
            if (!m_reader.mapping(item, Presence::Required))
                continue;
            m_reader.checkFields(item, {"key", "operator", "values"});
            LabelSelector::Requirement requirement;
            requirement.key = m_reader.string(item, "key", Presence::Required).value_or(QString());
            const YamlField op = m_reader.field(item, "operator");
            requirement.op = m_reader.string(op, Presence::Required).value_or(QString());
            requirement.values = m_reader.stringList(item, "values");
            if (op.present && !requirement.op.isEmpty()
                && m_reader.expectOneOf(op, requirement.op, {"In", "NotIn", "Exists", "DoesNotExist"})) {
                // The API server's rules: In/NotIn need values, Exists/DoesNotExist take none.
                const bool needsValues = requirement.op == u"In" || requirement.op == u"NotIn";
                const YamlField values = m_reader.field(item, "values");
                if (needsValues && requirement.values.isEmpty())
                    m_reader.error(values, u"expected at least one value for operator " + requirement.op + u", got none");
                else if (!needsValues && !requirement.values.isEmpty())
                    m_reader.error(values, u"expected no values for operator " + requirement.op + u", got "
                                               + QString::number(requirement.values.size()));
            }
            result.matchExpressions.append(requirement);
        }
    }
    return result;
}

} // namespace gw
