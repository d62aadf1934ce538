#pragma once

#include <QByteArray>
#include <optional>

#include <yaml-cpp/yaml.h>

namespace gw {

// yaml-cpp 0.7 accepts a quoted scalar that is never closed: `name: "abc` swallows the rest of
// the document as text and reports nothing, so the user would only see misleading "required
// field is missing" errors. This finds such a scalar so that the real mistake can be reported.
class UnterminatedQuoteFinder
{
public:
    // The mark of the first quoted scalar of `root` whose closing quote is missing from `text`
    // (the text `root` was parsed from).
    static std::optional<YAML::Mark> find(const YAML::Node &root, const QByteArray &text);
};

} // namespace gw
