#pragma once

#include "common/sourcelocation.h"
#include "objectmeta.h"

#include <QList>
#include <QString>
#include <optional>

namespace gw {

// FSM's gateway.flomesh.io/v1alpha1 SessionStickyPolicy (spec/fsm-gateway.md §1).
struct SessionStickyPolicy
{
    // Fields are optional because precedence is resolved field by field (port config, then
    // spec.config, then the defaults _srv_id / 3600): absence must stay visible.
    struct Config
    {
        std::optional<QString> cookieName;
        std::optional<int> expires;
        SourceLocation location;
    };
    struct PortConfig
    {
        int port = 0;                        // the Service port, not the targetPort
        std::optional<Config> config;
        SourceLocation location;
    };
    struct TargetRef
    {
        QString group;                       // "" (core) or flomesh.io
        QString kind;                        // Service, or ServiceImport with group flomesh.io
        QString name;
        QString namespaceName;               // empty: the policy's namespace
        SourceLocation location;
    };

    static constexpr int DefaultExpires = 3600;
    static QString defaultCookieName() { return QStringLiteral("_srv_id"); }

    ObjectMeta meta;
    TargetRef targetRef;
    QList<PortConfig> ports;
    std::optional<Config> config;            // JSON name `config` (Go field DefaultConfig)

    struct Effective
    {
        QString cookieName;
        int expires = DefaultExpires;
    };
    // ss-utils.go ComputeSessionStickyConfig: nullopt when the port is unlisted or has no config at all.
    std::optional<Effective> effectiveConfig(int servicePort) const;
};

} // namespace gw
