#pragma once

#include "http/httpheaders.h"
#include "manifest/httproute.h"

#include <QList>
#include <QStringList>

namespace gw {

// An HTTPHeaderFilter (RequestHeaderModifier or ResponseHeaderModifier, spec/gateway-api.md §2.4)
// compiled to bytes once per configuration. `set` replaces every value of a header (or creates it),
// `add` appends to the existing values joined with a comma ("existing,new") or creates the header,
// `remove` deletes it. Names compare case-insensitively.
class HeaderModifier
{
public:
    HeaderModifier() = default;
    explicit HeaderModifier(const HTTPHeaderFilter &filter);

    bool isEmpty() const { return m_set.isEmpty() && m_add.isEmpty() && m_remove.isEmpty(); }
    void apply(HttpHeaders &headers) const;
    // "set X-A: 1, add X-B: 2, remove X-C" for the decision trail.
    QString describe() const;

private:
    QList<HttpHeaders::Field> m_set;
    QList<HttpHeaders::Field> m_add;
    QList<QByteArray> m_remove;
};

} // namespace gw
