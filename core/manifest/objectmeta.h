#pragma once

#include "common/sourcelocation.h"

#include <QDateTime>
#include <QMap>
#include <QString>

namespace gw {

// The parts of Kubernetes ObjectMeta the simulator uses, plus where the object was written.
struct ObjectMeta
{
    QString apiVersion;
    QString kind;
    QString name;
    QString namespaceName;                // filled from -n/--namespace when the document has none
    QMap<QString, QString> labels;
    QMap<QString, QString> annotations;
    QDateTime creationTimestamp;          // from metadata.creationTimestamp when given, else invalid
    SourceLocation location;              // the document's `kind:` line
    int loadOrder = 0;                    // position among all loaded objects: the simulated creation order

    // "namespace/name", as kubectl and FSM print object keys.
    QString key() const { return namespaceName.isEmpty() ? name : namespaceName + u'/' + name; }
};

} // namespace gw
