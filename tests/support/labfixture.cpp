#include "labfixture.h"

namespace gw::test {

LabFixture::LabFixture(Simulation::Options options)
    : m_simulation(std::make_unique<Simulation>(std::move(options)))
{
}

bool LabFixture::start(const QStringList &paths)
{
    const Diagnostics diagnostics = m_simulation->load(paths);
    if (hasErrors(diagnostics)) {
        for (const Diagnostic &diagnostic : diagnostics)
            m_error += diagnostic.toString() + u'\n';
        return false;
    }
    const QStringList errors = m_simulation->start();
    m_error = errors.join(u'\n');
    return errors.isEmpty();
}

Simulation::ListenerAddress LabFixture::listener(const QString &gatewayKey, const QString &listenerName) const
{
    for (const Simulation::ListenerAddress &candidate : m_simulation->listeners()) {
        if (candidate.gatewayKey == gatewayKey && candidate.listenerName == listenerName)
            return candidate;
    }
    return {};
}

QString LabFixture::url(const QString &gatewayKey, const QString &listenerName, const QString &path) const
{
    const Simulation::ListenerAddress address = listener(gatewayKey, listenerName);
    return QStringLiteral("http://%1:%2%3").arg(QString::fromLatin1(address.address)).arg(address.port).arg(path);
}

} // namespace gw::test
