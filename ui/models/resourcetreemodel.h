#pragma once

#include "common/diagnostic.h"
#include "manifest/manifestset.h"

#include <QStandardItemModel>

namespace gw::ui {

// Namespace → kind → object, each object marked with the worst diagnostic that points into it
// (error, warning or ok). Rebuilt as a whole on every load: a load is one user action.
class ResourceTreeModel final : public QStandardItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResourceTreeModel)

public:
    enum Role { SourceFileRole = Qt::UserRole + 1, SourceLineRole, StatusRole, ObjectKeyRole };
    enum class Status { Ok, Warning, Error };
    Q_ENUM(Status)

    explicit ResourceTreeModel(QObject *parent = nullptr);
    void rebuild(const ManifestSet &manifests, const Diagnostics &diagnostics);
    // "(cluster)" for cluster-scoped kinds.
    static QString clusterScopeLabel() { return QStringLiteral("(cluster)"); }
};

} // namespace gw::ui
