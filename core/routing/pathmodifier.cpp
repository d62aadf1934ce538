#include "pathmodifier.h"

namespace gw {

namespace {

QByteArrayView withoutTrailingSlashes(QByteArrayView text)
{
    while (!text.isEmpty() && text.back() == '/')
        text.chop(1);
    return text;
}

} // namespace

PathModifier::PathModifier(Kind kind, const QByteArray &value)
    : m_kind(kind)
    , m_value(value)
{
}

PathModifier::PathModifier(const HTTPPathModifier &modifier)
    : m_kind(modifier.type == u"ReplacePrefixMatch" ? Kind::PrefixMatch : Kind::FullPath)
    , m_value((modifier.type == u"ReplacePrefixMatch" ? modifier.replacePrefixMatch : modifier.replaceFullPath).toUtf8())
{
}

QByteArray PathModifier::apply(QByteArrayView path, QByteArrayView matchedPrefix) const
{
    if (m_kind == Kind::FullPath)
        return m_value.isEmpty() ? QByteArrayLiteral("/") : m_value;
    // The prefix matched whole path elements, so what follows it is empty or starts with '/'.
    const QByteArrayView prefix = withoutTrailingSlashes(matchedPrefix);
    QByteArrayView rest = path.size() >= prefix.size() ? path.sliced(prefix.size()) : QByteArrayView();
    QByteArray result = withoutTrailingSlashes(m_value).toByteArray();
    if (!rest.isEmpty() && rest.front() != '/')
        result.append('/');
    result.append(rest);
    if (result.isEmpty())
        result = QByteArrayLiteral("/");
    return result;
}

} // namespace gw
