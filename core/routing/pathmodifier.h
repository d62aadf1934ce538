#pragma once

#include "manifest/httproute.h"

#include <QByteArray>
#include <QByteArrayView>

namespace gw {

// HTTPPathModifier (spec/gateway-api.md §2.4), shared by URLRewrite and RequestRedirect:
// ReplaceFullPath puts the value in place of the whole path; ReplacePrefixMatch replaces the part
// of the path the rule's PathPrefix matched, compared element by element, so that
// /foo/bar with prefix /foo becomes /xyz/bar for /xyz, /xyz/ and /foo/ alike, and "" or "/" strip it.
class PathModifier
{
public:
    enum class Kind { FullPath, PrefixMatch };

    PathModifier() = default;
    PathModifier(Kind kind, const QByteArray &value);
    explicit PathModifier(const HTTPPathModifier &modifier);

    Kind kind() const { return m_kind; }
    const QByteArray &value() const { return m_value; }
    // The new path (no query) for `path`, given the PathPrefix value that matched (ignored for FullPath).
    QByteArray apply(QByteArrayView path, QByteArrayView matchedPrefix) const;

private:
    Kind m_kind = Kind::FullPath;
    QByteArray m_value;
};

} // namespace gw
