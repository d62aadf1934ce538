#include "labelselector.h"

namespace gw {

bool LabelSelector::matches(const QMap<QString, QString> &labels) const
{
    for (auto it = matchLabels.cbegin(); it != matchLabels.cend(); ++it) {
        if (labels.value(it.key(), QString()) != it.value() || !labels.contains(it.key()))
            return false;
    }
    for (const Requirement &requirement : matchExpressions) {
        const bool present = labels.contains(requirement.key);
        const QString value = labels.value(requirement.key);
        if (requirement.op == u"In" && !(present && requirement.values.contains(value)))
            return false;
        if (requirement.op == u"NotIn" && present && requirement.values.contains(value))
            return false;
        if (requirement.op == u"Exists" && !present)
            return false;
        if (requirement.op == u"DoesNotExist" && present)
            return false;
    }
    return true;
}

} // namespace gw
