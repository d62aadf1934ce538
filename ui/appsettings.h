#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace gw::ui {

// The desktop app's remembered state, over QSettings, with every key and default in one place:
// window layout (geometry, docks, toolbars), recently opened paths and the last namespace.
class AppSettings
{
public:
    static constexpr qsizetype MaxRecent = 10;

    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void setWindowLayout(const QByteArray &geometry, const QByteArray &state);

    // Most recent first; each entry is one opened set of paths, joined by newlines.
    QStringList recentEntries() const;
    void addRecentEntry(const QStringList &paths);
    void clearRecentEntries();
    static QStringList pathsOfEntry(const QString &entry) { return entry.split(u'\n', Qt::SkipEmptyParts); }

    QString lastNamespace() const;
    void setLastNamespace(const QString &namespaceName);
};

} // namespace gw::ui
