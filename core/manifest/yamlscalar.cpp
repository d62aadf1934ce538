#include "yamlscalar.h"

#include <QRegularExpression>

#include <array>
#include <limits>
#include <string_view>

namespace gw {

namespace {

constexpr std::string_view tagPrefix = "tag:yaml.org,2002:";

bool isFloatText(const std::string &text)
{
    static const QRegularExpression number(QStringLiteral("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$"));
    static const QRegularExpression special(QStringLiteral("^[-+]?\\.(inf|Inf|INF)$|^\\.(nan|NaN|NAN)$"));
    const QString value = QString::fromStdString(text);
    return number.match(value).hasMatch() || special.match(value).hasMatch();
}

bool isNullText(const std::string &text)
{
    return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

YamlScalar::Kind resolvePlain(const std::string &text)
{
    if (isNullText(text))
        return YamlScalar::Kind::Null;
    if (YamlScalar::toBoolean(text))
        return YamlScalar::Kind::Boolean;
    if (YamlScalar::toInteger(text))
        return YamlScalar::Kind::Integer;
    if (isFloatText(text))
        return YamlScalar::Kind::Float;
    return YamlScalar::Kind::String;
}

} // namespace

YamlScalar::Kind YamlScalar::kind(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Map:
        return Kind::Mapping;
    case YAML::NodeType::Sequence:
        return Kind::List;
    case YAML::NodeType::Scalar:
        break;
    default:
        return Kind::Null;
    }
    const std::string &tag = node.Tag();
    // "!" is the non-specific tag yaml-cpp gives quoted and block scalars: always a string.
    if (tag == "!")
        return Kind::String;
    if (tag.size() > tagPrefix.size() && std::string_view(tag).substr(0, tagPrefix.size()) == tagPrefix) {
        const std::string_view core = std::string_view(tag).substr(tagPrefix.size());
        if (core == "str")
            return Kind::String;
        if (core == "int")
            return Kind::Integer;
        if (core == "float")
            return Kind::Float;
        if (core == "bool")
            return Kind::Boolean;
        if (core == "null")
            return Kind::Null;
    }
    return resolvePlain(node.Scalar());
}

std::optional<qint64> YamlScalar::toInteger(const std::string &text)
{
    std::string_view rest(text);
    bool negative = false;
    if (!rest.empty() && (rest.front() == '+' || rest.front() == '-')) {
        negative = rest.front() == '-';
        rest.remove_prefix(1);
    }
    if (rest.empty())
        return std::nullopt;
    int base = 10;
    bool prefixed = false;
    if (rest.size() > 1 && rest.front() == '0') {
        const char marker = rest[1];
        if (marker == 'x' || marker == 'X')
            base = 16;
        else if (marker == 'o' || marker == 'O')
            base = 8;
        else if (marker == 'b' || marker == 'B')
            base = 2;
        if (base != 10) {
            rest.remove_prefix(2);
            prefixed = true;
        } else {
            base = 8;   // a leading 0 means octal, as in Go and YAML 1.1
        }
    }
    if (rest.empty())
        return std::nullopt;
    // Go only accepts underscores together with a base prefix.
    constexpr quint64 limit = quint64(std::numeric_limits<qint64>::max()) + 1;
    quint64 value = 0;
    bool sawDigit = false;
    for (const char c : rest) {
        if (c == '_' && prefixed)
            continue;
        int digit = -1;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        if (digit < 0 || digit >= base)
            return std::nullopt;
        if (value > (limit - quint64(digit)) / quint64(base))
            return std::nullopt;
        value = value * quint64(base) + quint64(digit);
        sawDigit = true;
    }
    if (!sawDigit || value > limit || (!negative && value == limit))
        return std::nullopt;
    if (negative)
        return value == limit ? std::numeric_limits<qint64>::min() : -qint64(value);
    return qint64(value);
}

std::optional<bool> YamlScalar::toBoolean(const std::string &text)
{
    // go-yaml v2 (YAML 1.1) spellings: kubectl reads `on` and `y` as booleans too.
    static constexpr std::array<std::string_view, 11> truthy = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"};
    static constexpr std::array<std::string_view, 11> falsy = {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"};
    for (const std::string_view candidate : truthy) {
        if (text == candidate)
            return true;
    }
    for (const std::string_view candidate : falsy) {
        if (text == candidate)
            return false;
    }
    return std::nullopt;
}

QString YamlScalar::quoted(const QString &text)
{
    constexpr qsizetype maxShown = 60;
    QString result = QStringLiteral("\"");
    const QString shown = text.size() > maxShown ? text.left(maxShown) : text;
    for (const QChar c : shown) {
        if (c == u'"' || c == u'\\') {
            result += u'\\';
            result += c;
        } else if (c == u'\n') {
            result += u"\\n";
        } else if (c == u'\t') {
            result += u"\\t";
        } else if (c == u'\r') {
            result += u"\\r";
        } else if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
            result += u"\\x" + QString::number(c.unicode(), 16).rightJustified(2, u'0');
        } else {
            result += c;
        }
    }
    if (shown.size() < text.size())
        result += u"...";
    return result + u'"';
}

QString YamlScalar::describe(const YAML::Node &node)
{
    switch (kind(node)) {
    case Kind::Mapping:
        return QStringLiteral("a mapping");
    case Kind::List:
        return QStringLiteral("a list");
    case Kind::Null:
        return QStringLiteral("null");
    case Kind::String:
        return quoted(QString::fromStdString(node.Scalar()));
    case Kind::Integer:
    case Kind::Float:
    case Kind::Boolean:
        break;
    }
    const QString text = QString::fromStdString(node.Scalar());
    return text.size() > 60 ? text.left(60) + u"..." : text;
}

} // namespace gw
