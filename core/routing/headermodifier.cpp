#include "headermodifier.h"

namespace gw {

HeaderModifier::HeaderModifier(const HTTPHeaderFilter &filter)
{
    for (const auto &[name, value] : filter.set)
        m_set.append(HttpHeaders::Field{name.toLatin1(), value.toUtf8()});
    for (const auto &[name, value] : filter.add)
        m_add.append(HttpHeaders::Field{name.toLatin1(), value.toUtf8()});
    for (const QString &name : filter.remove)
        m_remove.append(name.toLatin1());
}

void HeaderModifier::apply(HttpHeaders &headers) const
{
    for (const HttpHeaders::Field &field : m_set)
        headers.set(field.name, field.value);
    for (const HttpHeaders::Field &field : m_add) {
        if (!headers.contains(field.name)) {
            headers.append(field.name, field.value);
            continue;
        }
        // The conformance data expects one joined value: "some-other-value,add-appends-values".
        headers.set(field.name, headers.combinedValue(field.name, ",") + ',' + field.value);
    }
    for (const QByteArray &name : m_remove)
        headers.remove(name);
}

QString HeaderModifier::describe() const
{
    QStringList parts;
    for (const HttpHeaders::Field &field : m_set)
        parts << QStringLiteral("set %1: %2").arg(QString::fromLatin1(field.name), QString::fromUtf8(field.value));
    for (const HttpHeaders::Field &field : m_add)
        parts << QStringLiteral("add %1: %2").arg(QString::fromLatin1(field.name), QString::fromUtf8(field.value));
    for (const QByteArray &name : m_remove)
        parts << QStringLiteral("remove %1").arg(QString::fromLatin1(name));
    return parts.join(QStringLiteral(", "));
}

} // namespace gw
