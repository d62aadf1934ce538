#include "resourcetreemodel.h"

#include <QApplication>
#include <QSet>
#include <QStyle>

namespace gw::ui {

namespace {

struct ObjectRow
{
    ObjectMeta meta;
};

// A diagnostic belongs to the object whose document contains its line: the nearest object start
// at or above it in the same file.
ResourceTreeModel::Status statusFor(const ObjectMeta &meta, const QList<ObjectMeta> &allInFile, const Diagnostics &diagnostics, QStringList *messages)
{
    int nextStart = INT_MAX;
    for (const ObjectMeta &other : allInFile) {
        if (other.location.line > meta.location.line && other.location.line < nextStart)
            nextStart = other.location.line;
    }
    ResourceTreeModel::Status status = ResourceTreeModel::Status::Ok;
    for (const Diagnostic &diagnostic : diagnostics) {
        if (diagnostic.location.file != meta.location.file || diagnostic.location.line < meta.location.line || diagnostic.location.line >= nextStart)
            continue;
        messages->append(diagnostic.toString());
        if (diagnostic.isError())
            status = ResourceTreeModel::Status::Error;
        else if (status == ResourceTreeModel::Status::Ok)
            status = ResourceTreeModel::Status::Warning;
    }
    return status;
}

QIcon iconFor(ResourceTreeModel::Status status)
{
    QStyle *style = QApplication::style();
    switch (status) {
    case ResourceTreeModel::Status::Error: return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case ResourceTreeModel::Status::Warning: return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case ResourceTreeModel::Status::Ok: return style->standardIcon(QStyle::SP_DialogApplyButton);
    }
    return {};
}

} // namespace

ResourceTreeModel::ResourceTreeModel(QObject *parent)
    : QStandardItemModel(parent)
{
    setHorizontalHeaderLabels({tr("Resource"), tr("Status"), tr("Source")});
}

void ResourceTreeModel::rebuild(const ManifestSet &manifests, const Diagnostics &diagnostics)
{
    // Rows only: the columns (and the view's header settings) stay.
    removeRows(0, rowCount());
    QList<ObjectMeta> objects;
    const auto collect = [&objects](const auto &list) {
        for (const auto &object : list)
            objects.append(object.meta);
    };
    collect(manifests.namespaces);
    collect(manifests.gatewayClasses);
    collect(manifests.gateways);
    collect(manifests.httpRoutes);
    collect(manifests.referenceGrants);
    collect(manifests.services);
    collect(manifests.endpointSlices);
    collect(manifests.deployments);
    collect(manifests.pods);
    collect(manifests.sessionStickyPolicies);
    objects.append(manifests.setAside);

    QSet<QString> setAsideIds;
    for (const ObjectMeta &meta : manifests.setAside)
        setAsideIds.insert(meta.kind + u'/' + meta.key() + u'@' + meta.location.toString());

    QHash<QString, QList<ObjectMeta>> byFile;
    for (const ObjectMeta &meta : objects)
        byFile[meta.location.file].append(meta);

    QMap<QString, QStandardItem *> namespaceItems;
    QMap<QString, QStandardItem *> kindItems;
    for (const ObjectMeta &meta : objects) {
        const QString ns = meta.namespaceName.isEmpty() ? clusterScopeLabel() : meta.namespaceName;
        QStandardItem *&nsItem = namespaceItems[ns];
        if (!nsItem) {
            nsItem = new QStandardItem(ns);
            invisibleRootItem()->appendRow({nsItem, new QStandardItem, new QStandardItem});
        }
        QStandardItem *&kindItem = kindItems[ns + u'\x1f' + meta.kind];
        if (!kindItem) {
            kindItem = new QStandardItem(meta.kind);
            nsItem->appendRow({kindItem, new QStandardItem, new QStandardItem});
        }
        QStringList messages;
        const Status status = statusFor(meta, byFile.value(meta.location.file), diagnostics, &messages);
        auto *nameItem = new QStandardItem(iconFor(status), meta.name);
        const bool setAside = setAsideIds.contains(meta.kind + u'/' + meta.key() + u'@' + meta.location.toString());
        auto *statusItem = new QStandardItem(setAside ? tr("not simulated")
                                             : status == Status::Error ? tr("error")
                                             : status == Status::Warning ? tr("warning")
                                                                         : tr("ok"));
        auto *sourceItem = new QStandardItem(meta.location.isKnown() ? meta.location.toString() : tr("built in"));
        for (QStandardItem *item : {nameItem, statusItem, sourceItem}) {
            item->setData(meta.location.file, SourceFileRole);
            item->setData(meta.location.line, SourceLineRole);
            item->setData(QVariant::fromValue(status), StatusRole);
            item->setData(meta.key(), ObjectKeyRole);
            item->setToolTip(messages.isEmpty() ? meta.apiVersion + u' ' + meta.kind + u' ' + meta.key() : messages.join(u'\n'));
            item->setEditable(false);
        }
        kindItem->appendRow({nameItem, statusItem, sourceItem});
    }
}

} // namespace gw::ui
