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

    // What the running lab says about an object beyond its diagnostics: a pod's state and address,
    // a Gateway's address. Keyed by objectStatusKey(kind, namespace/name).
    struct ObjectStatus
    {
        Status status = Status::Ok;
        QString text;
    };

    explicit ResourceTreeModel(QObject *parent = nullptr);
    void rebuild(const ManifestSet &manifests, const Diagnostics &diagnostics, const QHash<QString, ObjectStatus> &runtime = {});
    static QString objectStatusKey(const QString &kind, const QString &objectKey) { return kind + u'/' + objectKey; }
    // The item of an object, or null ("Pod", "server/pipy-1").
    QStandardItem *findObject(const QString &kind, const QString &objectKey) const;
    // "(cluster)" for cluster-scoped kinds.
    static QString clusterScopeLabel() { return QStringLiteral("(cluster)"); }
};

} // namespace gw::ui
