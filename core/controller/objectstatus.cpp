#include "objectstatus.h"

namespace gw {

const ObjectStatus::Condition *ObjectStatus::findCondition(const QList<Condition> &conditions, const QString &type)
{
    for (const Condition &condition : conditions) {
        if (condition.type == type)
            return &condition;
    }
    return nullptr;
}

const ObjectStatus::Condition *ObjectStatus::condition(const QString &type) const
{
    return findCondition(conditions, type);
}

void ObjectStatus::setCondition(QList<Condition> &conditions, const QString &type, bool status, const QString &reason, const QString &message)
{
    const Condition condition{type, status ? QStringLiteral("True") : QStringLiteral("False"), reason, message};
    for (Condition &existing : conditions) {
        if (existing.type == type) {
            existing = condition;
            return;
        }
    }
    conditions.append(condition);
}

} // namespace gw
