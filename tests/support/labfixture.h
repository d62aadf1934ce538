#pragma once

#include "lab/simulation.h"

#include <QStringList>
#include <memory>

namespace gw::test {

// A running lab for integration tests: loads manifests, serves them, and finds listeners.
class LabFixture
{
public:
    explicit LabFixture(Simulation::Options options = {});
    // Loads and starts; returns false (with `error()` set) on diagnostics errors or bind failures.
    bool start(const QStringList &paths);
    QString error() const { return m_error; }
    Simulation &simulation() { return *m_simulation; }
    // The listener's address and port; empty address when no such listener is served.
    Simulation::ListenerAddress listener(const QString &gatewayKey, const QString &listenerName) const;
    QString url(const QString &gatewayKey, const QString &listenerName, const QString &path = QStringLiteral("/")) const;

private:
    std::unique_ptr<Simulation> m_simulation;
    QString m_error;
};

} // namespace gw::test
