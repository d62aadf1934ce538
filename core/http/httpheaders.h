#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace gw {

// An HTTP header section: fields in wire order, names kept as sent (case preserved on the wire),
// looked up case-insensitively.
class HttpHeaders
{
public:
    struct Field
    {
        QByteArray name;
        QByteArray value;
        friend bool operator==(const Field &, const Field &) = default;
    };

    qsizetype size() const { return m_fields.size(); }
    bool isEmpty() const { return m_fields.isEmpty(); }
    const QList<Field> &fields() const { return m_fields; }
    void clear() { m_fields.clear(); }
    void reserve(qsizetype n) { m_fields.reserve(n); }

    bool contains(QByteArrayView name) const;
    // The first field with that name, or an empty array.
    QByteArray value(QByteArrayView name) const;
    QList<QByteArray> values(QByteArrayView name) const;
    // All values of `name` joined with `separator` (RFC 9110 §5.3 list combination).
    QByteArray combinedValue(QByteArrayView name, QByteArrayView separator = ", ") const;

    void append(const QByteArray &name, const QByteArray &value) { m_fields.append(Field{name, value}); }
    // Replaces every field of that name by one, at the position of the first (appended when absent).
    void set(const QByteArray &name, const QByteArray &value);
    qsizetype remove(QByteArrayView name);

    // True when the comma-separated tokens of `name` contain `token` (case-insensitive), as for
    // `Connection: keep-alive, Upgrade` or `Transfer-Encoding: gzip, chunked`.
    bool hasToken(QByteArrayView name, QByteArrayView token) const;

    friend bool operator==(const HttpHeaders &, const HttpHeaders &) = default;

private:
    QList<Field> m_fields;
};

} // namespace gw
