#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace gw {

// metav1.LabelSelector. An empty selector matches everything (as for allowedRoutes.namespaces.selector);
// callers that give "no selector" another meaning (a Service without selector) check isSet first.
struct LabelSelector
{
    struct Requirement
    {
        QString key;
        QString op;          // In, NotIn, Exists, DoesNotExist
        QStringList values;
    };

    bool isSet = false;
    QMap<QString, QString> matchLabels;
    QList<Requirement> matchExpressions;

    bool matches(const QMap<QString, QString> &labels) const;
};

} // namespace gw
