#pragma once

#include "manifestloader.h"
#include "manifestset.h"
#include "yamlfieldreader.h"

#include <QHash>

namespace gw {

// Turns YAML texts into typed objects of one ManifestSet: checks that the text is text, cuts it
// into documents, dispatches each on apiVersion/kind, and keeps what spans documents and files
// (duplicate detection, the load order). Every problem becomes a diagnostic in the set.
class ManifestSetBuilder
{
public:
    // Objects already in `set` count for duplicates and the load order.
    ManifestSetBuilder(const ManifestLoader::Options &options, ManifestSet &set);

    void addText(const QString &fileName, const QByteArray &text);

private:
    enum class Kind {
        Namespace,
        Pod,
        Deployment,
        Service,
        EndpointSlice,
        GatewayClass,
        Gateway,
        HTTPRoute,
        ReferenceGrant,
        SessionStickyPolicy,
        NotSimulated
    };

    bool rejectBinary(const QString &fileName, const QByteArray &text);
    void addChunk(const QString &fileName, const QByteArray &text, int firstLine, int &documents);
    void addObject(YamlFieldReader &reader, const YamlField &object, bool listAllowed);
    void addList(YamlFieldReader &reader, const YamlField &object);
    void addTyped(YamlFieldReader &reader, const YamlField &object, Kind kind, ObjectMeta meta, int errorsBefore);
    // Gives the object its load order unless the same object was loaded before.
    bool claim(YamlFieldReader &reader, const YamlField &object, ObjectMeta &meta);
    void remember(const ObjectMeta &meta);

    static Kind classify(const QString &apiVersion, const QString &kind);
    static bool isClusterScoped(const QString &kind);
    static QString identity(const ObjectMeta &meta);

    const ManifestLoader::Options &m_options;
    ManifestSet &m_set;
    QHash<QString, SourceLocation> m_seen;
    int m_nextLoadOrder = 0;
};

} // namespace gw
