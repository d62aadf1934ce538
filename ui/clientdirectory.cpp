#include "clientdirectory.h"

namespace gw::ui {

void ClientDirectory::record(quint16 port, const QString &clientName, qint64 startedAtMs)
{
    if (port == 0)
        return;
    QMutexLocker lock(&m_mutex);
    QList<Owner> &owners = m_owners[port];
    // Owners are kept in start order; a keep-alive client records the same port on every request,
    // which only needs remembering once.
    if (!owners.isEmpty() && owners.constLast().name == clientName && owners.constLast().sinceMs <= startedAtMs)
        return;
    auto at = owners.end();
    while (at != owners.begin() && std::prev(at)->sinceMs > startedAtMs)
        --at;
    owners.insert(at, Owner{startedAtMs, clientName});
    if (owners.size() > HistoryPerPort)
        owners.removeFirst();
}

QString ClientDirectory::clientFor(quint16 port, qint64 flowStartedAtMs) const
{
    QMutexLocker lock(&m_mutex);
    const auto found = m_owners.constFind(port);
    if (found == m_owners.cend())
        return {};
    // The client stamps its start before it writes; the gateway stamps the flow after reading,
    // so the owner is the last one that started at or before the flow.
    for (auto it = found->crbegin(); it != found->crend(); ++it) {
        if (it->sinceMs <= flowStartedAtMs)
            return it->name;
    }
    return {};
}

void ClientDirectory::clear()
{
    QMutexLocker lock(&m_mutex);
    m_owners.clear();
}

} // namespace gw::ui
