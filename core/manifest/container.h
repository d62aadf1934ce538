#pragma once

#include "common/sourcelocation.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace gw {

// One container of a Pod or pod template: what the mock pod needs to answer as it would.
struct Container
{
    struct Port
    {
        QString name;
        int containerPort = 0;
        QString protocol = QStringLiteral("TCP");
    };
    struct EnvVar
    {
        QString name;
        QString value;            // literal value, when given
        QString fieldRef;         // valueFrom.fieldRef.fieldPath, e.g. metadata.name
    };

    QString name;
    QString image;
    QStringList command;
    QStringList args;
    QList<Port> ports;
    QList<EnvVar> env;
    SourceLocation location;
};

} // namespace gw
