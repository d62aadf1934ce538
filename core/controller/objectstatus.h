#pragma once

#include "manifest/gateway.h"
#include "manifest/httproute.h"

#include <QList>
#include <QString>

namespace gw {

// The status a controller writes on one object (the `status:` of `kubectl get -o yaml`): conditions
// for GatewayClasses, Gateways and policies, listener entries for Gateways, one entry per parentRef
// for routes. Computed by the Controller from the cluster alone, like everything it produces.
struct ObjectStatus
{
    struct Condition
    {
        QString type;
        QString status;              // "True", "False" or "Unknown"
        QString reason;
        QString message;

        bool isTrue() const { return status == u"True"; }
    };
    struct Listener
    {
        QString name;
        QList<RouteGroupKind> supportedKinds;
        int attachedRoutes = 0;
        QList<Condition> conditions;
    };
    struct Parent
    {
        ParentReference parentRef;   // as written, with the CRD defaults for group and kind
        QString controllerName;
        QList<Condition> conditions;
    };

    QString apiVersion;
    QString kind;                    // GatewayClass, Gateway, HTTPRoute, SessionStickyPolicy
    QString namespaceName;           // empty for cluster-scoped objects
    QString name;
    QList<Condition> conditions;
    QList<Listener> listeners;       // Gateway
    QList<Parent> parents;           // HTTPRoute
    QStringList addresses;           // Gateway: where the lab serves it (status.addresses)

    QString key() const { return namespaceName.isEmpty() ? name : namespaceName + u'/' + name; }
    const Condition *condition(const QString &type) const;
    static const Condition *findCondition(const QList<Condition> &conditions, const QString &type);
    // Sets (or replaces) the condition of that type.
    static void setCondition(QList<Condition> &conditions, const QString &type, bool status, const QString &reason, const QString &message);
};

} // namespace gw
