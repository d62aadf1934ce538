#pragma once

#include "common/sourcelocation.h"
#include "labelselector.h"
#include "objectmeta.h"

#include <QList>
#include <QString>

namespace gw {

struct RouteGroupKind
{
    QString group = QStringLiteral("gateway.networking.k8s.io");
    QString kind;
};

// A listener's TLS certificate (a Secret unless said otherwise), as tls.certificateRefs lists it.
struct SecretObjectReference
{
    QString group;                         // "" = core
    QString kind = QStringLiteral("Secret");
    QString name;
    QString namespaceName;                 // empty: the Gateway's namespace
};

struct Listener
{
    QString name;
    QString hostname;                      // empty: matches every host
    int port = 0;
    QString protocol;                      // HTTP, HTTPS, TLS, TCP, UDP
    QString allowedNamespacesFrom = QStringLiteral("Same");   // Same, All, Selector, None
    LabelSelector allowedNamespacesSelector;
    QList<RouteGroupKind> allowedKinds;    // empty: the protocol's default kinds
    bool hasTls = false;
    QString tlsMode;                       // Terminate (default) or Passthrough, when tls is given
    QList<SecretObjectReference> certificateRefs;
    SourceLocation location;
};

struct Gateway
{
    ObjectMeta meta;
    QString gatewayClassName;
    QList<Listener> listeners;
};

} // namespace gw
