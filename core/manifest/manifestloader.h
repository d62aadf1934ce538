#pragma once

#include "manifestset.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

namespace gw {

// The manifest stage: reads files and folders of multi-document YAML as `kubectl apply -f` does,
// dispatches on apiVersion/kind and validates every field it understands.
class ManifestLoader
{
public:
    struct Options
    {
        QString defaultNamespace = QStringLiteral("default");   // kubectl apply -n
        // Text substituted before parsing, e.g. {GATEWAY_CLASS_NAME} in the conformance manifests.
        QList<QPair<QString, QString>> substitutions;
    };

    ManifestLoader();
    explicit ManifestLoader(Options options);

    // Folders are read non-recursively in file-name order (*.yaml, *.yml, *.json), as kubectl does.
    // A file whose path (as it is built from `paths`) is a key of `textOverrides` is read from there
    // instead of the disk, in its place: an editor's unsaved text loads in the file's load order, so
    // creation order, and what follows from it (pod addresses, gateway addresses), do not change.
    ManifestSet loadPaths(const QStringList &paths, const QHash<QString, QByteArray> &textOverrides = {}) const;
    // Adds the documents of one YAML text to `set`. `fileName` is used in diagnostics only.
    void loadText(const QString &fileName, const QByteArray &text, ManifestSet &set) const;

private:
    Options m_options;
};

} // namespace gw
