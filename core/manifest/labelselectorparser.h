#pragma once

#include "labelselector.h"
#include "yamlfieldreader.h"

namespace gw {

// Reads a metav1.LabelSelector (matchLabels and matchExpressions).
class LabelSelectorParser
{
public:
    explicit LabelSelectorParser(YamlFieldReader &reader);

    // isSet is true when the field is present as a mapping, even an empty one.
    LabelSelector parse(const YamlField &selector, YamlFieldReader::Presence presence = YamlFieldReader::Presence::Optional);

private:
    YamlFieldReader &m_reader;
};

} // namespace gw
