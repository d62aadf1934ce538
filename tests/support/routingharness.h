#pragma once

#include "controller/controller.h"
#include "routing/router.h"

#include <QByteArray>
#include <QString>

namespace gw::test {

// Controller and router without sockets: YAML text in, configuration, statuses and routing decisions
// out. For table-driven tests of attachment, precedence, hostnames and status.
class RoutingHarness
{
public:
    // Loads `yaml` (several documents) in namespace "default"; error() says what did not load.
    explicit RoutingHarness(const QByteArray &yaml);

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    const Controller::Result &result() const { return m_result; }
    // The served socket of `gatewayKey` on listener port `port`, or null.
    const ListenSocketConfig *socket(const QString &gatewayKey, int port) const;

    // Routes a request as `profile` would over the socket's routes: "namespace/route#rule", or
    // "404" when nothing matches. `headers` is "Name: value" lines separated by '\n'.
    static QString decide(const ListenSocketConfig &socket, Profile profile, const QByteArray &method, const QByteArray &target,
                          const QByteArray &host, const QByteArray &headers = {});
    static QStringList explain(const ListenSocketConfig &socket, const QByteArray &method, const QByteArray &target, const QByteArray &host,
                               const QByteArray &headers = {});

private:
    Controller::Result m_result;
    QString m_error;
};

} // namespace gw::test
