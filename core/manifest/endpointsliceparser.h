#pragma once

#include "endpointslice.h"
#include "yamlfieldreader.h"

namespace gw {

// Reads a discovery.k8s.io/v1 EndpointSlice, whose fields sit at the top level (it has no spec).
class EndpointSliceParser
{
public:
    explicit EndpointSliceParser(YamlFieldReader &reader);

    // `slice.meta` must already be read: the Service is named by one of its labels.
    void parse(const YamlField &object, EndpointSlice &slice);

private:
    EndpointSlice::Endpoint parseEndpoint(const YamlField &item, const QString &addressType);

    YamlFieldReader &m_reader;
};

} // namespace gw
