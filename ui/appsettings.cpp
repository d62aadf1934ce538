#include "appsettings.h"

#include <QSettings>

namespace gw::ui {

namespace {
const QString GeometryKey = QStringLiteral("window/geometry");
const QString StateKey = QStringLiteral("window/state");
const QString RecentKey = QStringLiteral("files/recent");
const QString NamespaceKey = QStringLiteral("lab/namespace");
} // namespace

QByteArray AppSettings::windowGeometry() const
{
    return QSettings().value(GeometryKey).toByteArray();
}

QByteArray AppSettings::windowState() const
{
    return QSettings().value(StateKey).toByteArray();
}

void AppSettings::setWindowLayout(const QByteArray &geometry, const QByteArray &state)
{
    QSettings settings;
    settings.setValue(GeometryKey, geometry);
    settings.setValue(StateKey, state);
}

QStringList AppSettings::recentEntries() const
{
    return QSettings().value(RecentKey).toStringList();
}

void AppSettings::addRecentEntry(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    const QString entry = paths.join(u'\n');
    QStringList entries = recentEntries();
    entries.removeAll(entry);
    entries.prepend(entry);
    while (entries.size() > MaxRecent)
        entries.removeLast();
    QSettings().setValue(RecentKey, entries);
}

void AppSettings::clearRecentEntries()
{
    QSettings().remove(RecentKey);
}

QString AppSettings::lastNamespace() const
{
    return QSettings().value(NamespaceKey, QStringLiteral("default")).toString();
}

void AppSettings::setLastNamespace(const QString &namespaceName)
{
    QSettings().setValue(NamespaceKey, namespaceName);
}

} // namespace gw::ui
