#include "yamlvalue.h"

#include <QRegularExpression>
#include <algorithm>

namespace gw {

YamlValue YamlValue::string(const QString &text)
{
    YamlValue value;
    value.m_type = Type::String;
    value.m_text = text;
    return value;
}

YamlValue YamlValue::integer(qint64 number)
{
    YamlValue value;
    value.m_type = Type::Integer;
    value.m_integer = number;
    return value;
}

YamlValue YamlValue::boolean(bool flag)
{
    YamlValue value;
    value.m_type = Type::Boolean;
    value.m_boolean = flag;
    return value;
}

YamlValue YamlValue::list()
{
    YamlValue value;
    value.m_type = Type::List;
    return value;
}

YamlValue YamlValue::map()
{
    YamlValue value;
    value.m_type = Type::Map;
    return value;
}

YamlValue &YamlValue::insert(const QString &key, YamlValue value)
{
    for (auto &entry : m_entries) {
        if (entry.first == key) {
            entry.second = std::move(value);
            return *this;
        }
    }
    m_entries.emplace_back(key, std::move(value));
    return *this;
}

YamlValue &YamlValue::append(YamlValue value)
{
    m_items.push_back(std::move(value));
    return *this;
}

QString YamlValue::quoted(const QString &text)
{
    if (text.isEmpty())
        return QStringLiteral("\"\"");
    // Words and numbers YAML 1.1 would read as something other than a string: double quotes.
    static const QRegularExpression otherType(
        QStringLiteral("^(?:[-+]?(?:[0-9][0-9_]*)(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\\.[0-9]+|0x[0-9a-fA-F]+|"
                       "[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)|~|null|Null|NULL|"
                       "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|"
                       "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?)$"));
    bool control = false;
    for (const QChar c : text)
        control = control || c.unicode() < 0x20 || c.unicode() == 0x7f;
    if (control || otherType.match(text).hasMatch()) {
        QString out = QStringLiteral("\"");
        for (const QChar c : text) {
            if (c == u'"' || c == u'\\')
                out += u'\\';
            if (c == u'\n')
                out += QStringLiteral("\\n");
            else if (c == u'\t')
                out += QStringLiteral("\\t");
            else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
            else
                out += c;
        }
        return out + u'"';
    }
    // Text a plain scalar cannot start with or contain: single quotes.
    static const QString indicators = QStringLiteral("-?:,[]{}#&*!|>'\"%@`");
    const bool needsQuotes = indicators.contains(text.front()) || text.front().isSpace() || text.back().isSpace()
                             || text.contains(QStringLiteral(": ")) || text.contains(QStringLiteral(" #")) || text.endsWith(u':');
    if (!needsQuotes)
        return text;
    QString out = text;
    out.replace(u'\'', QStringLiteral("''"));
    return u'\'' + out + u'\'';
}

QString YamlValue::scalarText() const
{
    switch (m_type) {
    case Type::Null: return QStringLiteral("null");
    case Type::String: return quoted(m_text);
    case Type::Integer: return QString::number(m_integer);
    case Type::Boolean: return m_boolean ? QStringLiteral("true") : QStringLiteral("false");
    case Type::List: return QStringLiteral("[]");
    case Type::Map: return QStringLiteral("{}");
    }
    return {};
}

void YamlValue::write(QString &out, int indent) const
{
    const QString pad(indent, u' ');
    if (m_type == Type::Map) {
        std::vector<const std::pair<QString, YamlValue> *> sorted;
        for (const auto &entry : m_entries)
            sorted.push_back(&entry);
        std::sort(sorted.begin(), sorted.end(), [](const auto *a, const auto *b) { return a->first < b->first; });
        for (const auto *entry : sorted) {
            const YamlValue &value = entry->second;
            out += pad + entry->first + u':';
            if (value.isScalar() || value.isEmpty()) {
                out += u' ' + value.scalarText() + u'\n';
            } else if (value.m_type == Type::List) {
                out += u'\n';
                value.write(out, indent);     // sequences sit at their key's indentation
            } else {
                out += u'\n';
                value.write(out, indent + 2);
            }
        }
        return;
    }
    if (m_type == Type::List) {
        for (const YamlValue &item : m_items) {
            if (item.isScalar() || item.isEmpty()) {
                out += pad + QStringLiteral("- ") + item.scalarText() + u'\n';
                continue;
            }
            // The item's first line follows the dash; the rest is indented past it.
            QString nested;
            item.write(nested, indent + 2);
            out += pad + QStringLiteral("- ") + nested.mid(indent + 2);
        }
        return;
    }
    out += pad + scalarText() + u'\n';
}

QString YamlValue::toYaml() const
{
    QString out;
    if (isScalar() || isEmpty())
        return scalarText() + u'\n';
    write(out, 0);
    return out;
}

} // namespace gw
