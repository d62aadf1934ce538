#pragma once

#include "common/sourcelocation.h"
#include "objectmeta.h"

#include <QList>
#include <QString>

namespace gw {

// gateway.networking.k8s.io ReferenceGrant: lives in the *target* namespace and lets objects of
// the listed kinds in the listed namespaces refer to its objects.
struct ReferenceGrant
{
    struct From
    {
        QString group;
        QString kind;
        QString namespaceName;
    };
    struct To
    {
        QString group;
        QString kind;
        QString name;      // empty: every object of that kind
    };

    ObjectMeta meta;
    QList<From> from;
    QList<To> to;
};

} // namespace gw
