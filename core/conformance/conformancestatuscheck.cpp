#include "conformancestatuscheck.h"

#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

namespace gw {

namespace {

QJsonValue toJson(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto &entry : node)
            object.insert(QString::fromStdString(entry.first.as<std::string>()), toJson(entry.second));
        return object;
    }
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const auto &item : node)
            array.append(toJson(item));
        return array;
    }
    case YAML::NodeType::Scalar: {
        const QString text = QString::fromStdString(node.Scalar());
        // Quoted scalars are strings whatever they look like; plain ones may be numbers or booleans.
        if (node.Tag() == "!")
            return text;
        static const QRegularExpression integer(QStringLiteral("^-?[0-9]+$"));
        if (integer.match(text).hasMatch())
            return text.toLongLong();
        if (text == u"true" || text == u"false")
            return text == u"true";
        return text;
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        break;
    }
    return QJsonValue();
}

// "Kind namespace/name" → the item.
QJsonObject findObject(const QJsonArray &items, const QString &reference)
{
    const qsizetype space = reference.indexOf(u' ');
    const QString kind = reference.left(space);
    const QString key = reference.mid(space + 1);
    for (const QJsonValue &value : items) {
        const QJsonObject item = value.toObject();
        const QJsonObject meta = item.value(u"metadata").toObject();
        const QString ns = meta.value(u"namespace").toString();
        const QString itemKey = ns.isEmpty() ? meta.value(u"name").toString() : ns + u'/' + meta.value(u"name").toString();
        if (item.value(u"kind").toString() == kind && itemKey == key)
            return item;
    }
    return {};
}

QString conditionFailure(const QJsonArray &conditions, const QJsonObject &expected)
{
    const QString type = expected.value(u"type").toString();
    for (const QJsonValue &value : conditions) {
        const QJsonObject condition = value.toObject();
        if (condition.value(u"type").toString() != type)
            continue;
        const QString status = condition.value(u"status").toString();
        const QString reason = condition.value(u"reason").toString();
        if (status != expected.value(u"status").toString())
            return QStringLiteral("%1 is %2 (%3), expected %4").arg(type, status, reason, expected.value(u"status").toString());
        if (expected.contains(u"reason") && reason != expected.value(u"reason").toString())
            return QStringLiteral("%1 reason is %2, expected %3").arg(type, reason, expected.value(u"reason").toString());
        return {};
    }
    return QStringLiteral("no %1 condition").arg(type);
}

QString conditionsFailure(const QJsonArray &conditions, const QJsonObject &check)
{
    if (check.contains(u"condition")) {
        if (const QString failure = conditionFailure(conditions, check.value(u"condition").toObject()); !failure.isEmpty())
            return failure;
    }
    for (const QJsonValue &expected : check.value(u"conditions").toArray()) {
        if (const QString failure = conditionFailure(conditions, expected.toObject()); !failure.isEmpty())
            return failure;
    }
    return {};
}

QString kindsText(const QJsonArray &kinds)
{
    QStringList out;
    for (const QJsonValue &value : kinds)
        out << value.toObject().value(u"group").toString() + u'/' + value.toObject().value(u"kind").toString();
    return u'[' + out.join(QStringLiteral(", ")) + u']';
}

} // namespace

std::optional<QJsonArray> ConformanceStatusCheck::parseItems(const QString &yaml, QString *error)
{
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        return toJson(root["items"]).toArray();
    } catch (const YAML::Exception &exception) {
        if (error)
            *error = QString::fromStdString(exception.what());
        return std::nullopt;
    }
}

QString ConformanceStatusCheck::describe(const QJsonObject &check)
{
    QString text = check.value(u"object").toString();
    if (check.contains(u"listener"))
        text += QStringLiteral(" listener ") + check.value(u"listener").toString();
    if (check.contains(u"parent"))
        text += QStringLiteral(" parent ") + check.value(u"parent").toString();
    if (check.contains(u"check"))
        text += QStringLiteral(": ") + check.value(u"check").toString();
    return text;
}

QString ConformanceStatusCheck::failure(const QJsonArray &items, const QJsonObject &check)
{
    const QJsonObject object = findObject(items, check.value(u"object").toString());
    if (object.isEmpty())
        return QStringLiteral("no such object in the status output");
    const QJsonObject status = object.value(u"status").toObject();
    const QString rule = check.value(u"check").toString();
    if (rule == u"no parent with Accepted=True") {
        for (const QJsonValue &parent : status.value(u"parents").toArray()) {
            if (conditionFailure(parent.toObject().value(u"conditions").toArray(), QJsonObject{{QStringLiteral("type"), QStringLiteral("Accepted")},
                                                                                              {QStringLiteral("status"), QStringLiteral("True")}})
                    .isEmpty())
                return QStringLiteral("parent %1 has Accepted=True").arg(parent.toObject().value(u"parentRef").toObject().value(u"name").toString());
        }
        return {};
    }
    if (rule == u"all listeners attachedRoutes == 0") {
        for (const QJsonValue &listener : status.value(u"listeners").toArray()) {
            const int attached = listener.toObject().value(u"attachedRoutes").toInt();
            if (attached != 0)
                return QStringLiteral("listener %1 has attachedRoutes %2").arg(listener.toObject().value(u"name").toString()).arg(attached);
        }
        return {};
    }
    if (!rule.isEmpty())
        return QStringLiteral("unknown check \"%1\"").arg(rule);

    if (check.contains(u"listener")) {
        const QString name = check.value(u"listener").toString();
        for (const QJsonValue &value : status.value(u"listeners").toArray()) {
            const QJsonObject listener = value.toObject();
            if (listener.value(u"name").toString() != name)
                continue;
            if (check.contains(u"attachedRoutes") && listener.value(u"attachedRoutes").toInt() != check.value(u"attachedRoutes").toInt()) {
                return QStringLiteral("attachedRoutes is %1, expected %2")
                    .arg(listener.value(u"attachedRoutes").toInt())
                    .arg(check.value(u"attachedRoutes").toInt());
            }
            if (check.contains(u"supportedKinds")) {
                const QString actual = kindsText(listener.value(u"supportedKinds").toArray());
                const QString expected = kindsText(check.value(u"supportedKinds").toArray());
                if (actual != expected)
                    return QStringLiteral("supportedKinds is %1, expected %2").arg(actual, expected);
            }
            return conditionsFailure(listener.value(u"conditions").toArray(), check);
        }
        return QStringLiteral("no status for listener %1").arg(name);
    }
    if (check.contains(u"parent")) {
        const QString parentKey = check.value(u"parent").toString();
        const QString routeNamespace = object.value(u"metadata").toObject().value(u"namespace").toString();
        for (const QJsonValue &value : status.value(u"parents").toArray()) {
            const QJsonObject ref = value.toObject().value(u"parentRef").toObject();
            const QString ns = ref.value(u"namespace").toString(routeNamespace);
            if (ns + u'/' + ref.value(u"name").toString() == parentKey)
                return conditionsFailure(value.toObject().value(u"conditions").toArray(), check);
        }
        return QStringLiteral("no status for parent %1").arg(parentKey);
    }
    return conditionsFailure(status.value(u"conditions").toArray(), check);
}

} // namespace gw
