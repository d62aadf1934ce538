#pragma once

#include "objectmeta.h"
#include "yamlfieldreader.h"

namespace gw {

// Reads `metadata` (ObjectMeta) of any object, simulated or set aside.
class ObjectMetaParser
{
public:
    explicit ObjectMetaParser(YamlFieldReader &reader);

    // `namespaceForUnset` is given to namespaced objects without metadata.namespace, like
    // `kubectl apply -n`; cluster-scoped objects (empty `namespaceForUnset`) get none, even when
    // the YAML names one, as the API server ignores it.
    ObjectMeta parse(const YamlField &object, const QString &namespaceForUnset);
    // The same fields for a pod template's metadata, which has no name of its own.
    ObjectMeta parseTemplate(const YamlField &metadata);

private:
    void readCommon(const YamlField &metadata, ObjectMeta &meta);

    YamlFieldReader &m_reader;
};

} // namespace gw
