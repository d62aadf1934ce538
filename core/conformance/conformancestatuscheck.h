#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace gw {

// The catalogue's statusChecks, evaluated against what `gatewaylab check -o yaml` prints: the YAML is
// read back (so the check sees exactly what a user piping that output would) and each check looks an
// object up by "Kind namespace/name", then a listener or a parent of it, and compares conditions,
// attachedRoutes and supportedKinds.
class ConformanceStatusCheck
{
public:
    // The `items` of the List that StatusYaml renders, as JSON; nullopt and `error` when it does not parse.
    static std::optional<QJsonArray> parseItems(const QString &yaml, QString *error);
    // Empty when the check holds, else what differs.
    static QString failure(const QJsonArray &items, const QJsonObject &check);
    // One line naming the check, for messages.
    static QString describe(const QJsonObject &check);
};

} // namespace gw
