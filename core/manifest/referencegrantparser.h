#pragma once

#include "referencegrant.h"
#include "yamlfieldreader.h"

namespace gw {

// Reads the spec of a ReferenceGrant (gateway.networking.k8s.io v1beta1 and v1).
class ReferenceGrantParser
{
public:
    explicit ReferenceGrantParser(YamlFieldReader &reader);

    void parse(const YamlField &object, ReferenceGrant &grant);

private:
    std::optional<QList<YamlField>> entries(const YamlField &spec, const char *key);

    YamlFieldReader &m_reader;
};

} // namespace gw
