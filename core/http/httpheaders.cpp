#include "httpheaders.h"

#include "httpsyntax.h"

namespace gw {

bool HttpHeaders::contains(QByteArrayView name) const
{
    for (const Field &field : m_fields) {
        if (HttpSyntax::equalsIgnoreCase(field.name, name))
            return true;
    }
    return false;
}

QByteArray HttpHeaders::value(QByteArrayView name) const
{
    for (const Field &field : m_fields) {
        if (HttpSyntax::equalsIgnoreCase(field.name, name))
            return field.value;
    }
    return QByteArray();
}

QList<QByteArray> HttpHeaders::values(QByteArrayView name) const
{
    QList<QByteArray> result;
    for (const Field &field : m_fields) {
        if (HttpSyntax::equalsIgnoreCase(field.name, name))
            result.append(field.value);
    }
    return result;
}

QByteArray HttpHeaders::combinedValue(QByteArrayView name, QByteArrayView separator) const
{
    QByteArray result;
    bool first = true;
    for (const Field &field : m_fields) {
        if (!HttpSyntax::equalsIgnoreCase(field.name, name))
            continue;
        if (first) {
            // Shares the field's storage when there is only one value, the common case.
            result = field.value;
            first = false;
        } else {
            result.append(separator).append(field.value);
        }
    }
    return result;
}

void HttpHeaders::set(const QByteArray &name, const QByteArray &value)
{
    qsizetype i = 0;
    for (; i < m_fields.size(); ++i) {
        if (HttpSyntax::equalsIgnoreCase(m_fields.at(i).name, name))
            break;
    }
    if (i == m_fields.size()) {
        append(name, value);
        return;
    }
    m_fields[i] = Field{name, value};
    for (qsizetype j = m_fields.size() - 1; j > i; --j) {
        if (HttpSyntax::equalsIgnoreCase(m_fields.at(j).name, name))
            m_fields.removeAt(j);
    }
}

qsizetype HttpHeaders::remove(QByteArrayView name)
{
    return m_fields.removeIf([name](const Field &field) { return HttpSyntax::equalsIgnoreCase(field.name, name); });
}

bool HttpHeaders::hasToken(QByteArrayView name, QByteArrayView token) const
{
    for (const Field &field : m_fields) {
        if (!HttpSyntax::equalsIgnoreCase(field.name, name))
            continue;
        QByteArrayView rest(field.value);
        while (!rest.isEmpty()) {
            const qsizetype comma = rest.indexOf(',');
            const QByteArrayView item = comma < 0 ? rest : rest.first(comma);
            if (HttpSyntax::equalsIgnoreCase(HttpSyntax::trimmed(item), token))
                return true;
            if (comma < 0)
                break;
            rest = rest.sliced(comma + 1);
        }
    }
    return false;
}

} // namespace gw
