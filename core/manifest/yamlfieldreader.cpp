#include "yamlfieldreader.h"

#include "gatewayduration.h"
#include "yamlscalar.h"

#include <QHash>
#include <QRegularExpression>

namespace gw {

namespace {

// Merge keys can point at each other (or at themselves through an alias); a bound keeps lookups finite.
constexpr int MaxMergeDepth = 8;

YAML::Mark markOf(const YAML::Node &node, const YAML::Mark &fallback)
{
    // yaml-cpp places an empty value where the next token starts, often on the next line, so an
    // empty value is reported at its key instead.
    if (node.IsNull())
        return fallback;
    const YAML::Mark mark = node.Mark();
    return mark.is_null() ? fallback : mark;
}

bool isMergeKey(const YAML::Node &key)
{
    return key.IsScalar() && key.Tag() == "?" && key.Scalar() == "<<";
}

QString childPath(const QString &parent, const QString &key)
{
    static const QRegularExpression simple(QStringLiteral("^[A-Za-z0-9_-]+$"));
    if (!simple.match(key).hasMatch())
        return parent + u'[' + YamlScalar::quoted(key) + u']';
    return parent.isEmpty() ? key : parent + u'.' + key;
}

} // namespace

QString YamlFieldReader::IntRange::describe() const
{
    constexpr qint64 int32Min = std::numeric_limits<qint32>::min();
    constexpr qint64 int32Max = std::numeric_limits<qint32>::max();
    if (min == int32Min && max == int32Max)
        return QString();
    if (max == int32Max)
        return u">= " + QString::number(min);
    return QString::number(min) + u'-' + QString::number(max);
}

YamlFieldReader::YamlFieldReader(const QString &file, int lineOffset, Diagnostics &diagnostics)
    : m_file(file)
    , m_lineOffset(lineOffset)
    , m_diagnostics(diagnostics)
{
}

YamlField YamlFieldReader::root(const YAML::Node &node, const QString &path) const
{
    return YamlField{node, markOf(node, YAML::Mark()), path, true};
}

std::optional<std::pair<YAML::Node, YAML::Node>> YamlFieldReader::find(const YAML::Node &mapping, const std::string &key, int depth) const
{
    if (!mapping.IsMap() || depth > MaxMergeDepth)
        return std::nullopt;
    for (auto it = mapping.begin(); it != mapping.end(); ++it) {
        if (it->first.IsScalar() && !isMergeKey(it->first) && it->first.Scalar() == key)
            return std::make_pair(it->first, it->second);
    }
    for (auto it = mapping.begin(); it != mapping.end(); ++it) {
        if (!isMergeKey(it->first))
            continue;
        const YAML::Node source = it->second;
        if (source.IsMap()) {
            if (auto found = find(source, key, depth + 1))
                return found;
        } else if (source.IsSequence()) {
            for (auto item = source.begin(); item != source.end(); ++item) {
                if (auto found = find(*item, key, depth + 1))
                    return found;
            }
        }
    }
    return std::nullopt;
}

YamlField YamlFieldReader::field(const YamlField &mapping, const char *key) const
{
    YamlField result;
    result.path = childPath(mapping.path, QString::fromUtf8(key));
    result.mark = mapping.mark;
    if (!mapping.present || !mapping.node.IsMap())
        return result;
    if (const auto found = find(mapping.node, key, 0)) {
        result.node = found->second;
        result.present = true;
        result.mark = markOf(found->second, markOf(found->first, mapping.mark));
    }
    return result;
}

YAML::Mark YamlFieldReader::keyMark(const YamlField &mapping, const char *key) const
{
    if (!mapping.present || !mapping.node.IsMap())
        return mapping.mark;
    const auto found = find(mapping.node, key, 0);
    return found ? markOf(found->first, mapping.mark) : mapping.mark;
}

YamlField YamlFieldReader::fieldAtKey(const YamlField &mapping, const char *key) const
{
    YamlField result = field(mapping, key);
    result.mark = keyMark(mapping, key);
    return result;
}

YamlField YamlFieldReader::element(const YamlField &list, const YAML::Node &node, int index) const
{
    return YamlField{node, markOf(node, list.mark), list.path + u'[' + QString::number(index) + u']', true};
}

SourceLocation YamlFieldReader::location(const YAML::Mark &mark) const
{
    const int line = mark.line < 0 ? m_lineOffset + 1 : m_lineOffset + mark.line + 1;
    const int column = mark.column < 0 ? 1 : mark.column + 1;
    return SourceLocation{m_file, line, column};
}

SourceLocation YamlFieldReader::location(const YamlField &field) const
{
    return location(field.mark);
}

void YamlFieldReader::error(const YamlField &at, const QString &message)
{
    ++m_errors;
    m_diagnostics.append(Diagnostic::error(location(at), at.path, message));
}

void YamlFieldReader::warning(const YamlField &at, const QString &message)
{
    m_diagnostics.append(Diagnostic::warning(location(at), at.path, message));
}

void YamlFieldReader::missing(const YamlField &field)
{
    error(field, QStringLiteral("required field is missing"));
}

void YamlFieldReader::wrongType(const YamlField &field, const QString &expected)
{
    error(field, u"expected " + expected + u", got " + YamlScalar::describe(field.node));
}

bool YamlFieldReader::mapping(const YamlField &field, Presence presence)
{
    if (!field.present) {
        if (presence == Presence::Required)
            missing(field);
        return false;
    }
    if (field.node.IsMap())
        return true;
    if (field.node.IsNull() && presence == Presence::Optional)
        return false;
    wrongType(field, QStringLiteral("a mapping"));
    return false;
}

bool YamlFieldReader::mapping(const YamlField &parent, const char *key, Presence presence)
{
    return mapping(field(parent, key), presence);
}

std::optional<QList<YamlField>> YamlFieldReader::list(const YamlField &field, Presence presence)
{
    if (!field.present) {
        if (presence == Presence::Required)
            missing(field);
        return std::nullopt;
    }
    if (field.node.IsNull() && presence == Presence::Optional)
        return std::nullopt;
    if (!field.node.IsSequence()) {
        wrongType(field, QStringLiteral("a list"));
        return std::nullopt;
    }
    QList<YamlField> items;
    int index = 0;
    for (auto it = field.node.begin(); it != field.node.end(); ++it)
        items.append(element(field, *it, index++));
    return items;
}

std::optional<QList<YamlField>> YamlFieldReader::list(const YamlField &parent, const char *key, Presence presence)
{
    return list(field(parent, key), presence);
}

std::optional<QString> YamlFieldReader::string(const YamlField &field, Presence presence)
{
    if (!field.present) {
        if (presence == Presence::Required)
            missing(field);
        return std::nullopt;
    }
    if (field.node.IsNull() && presence == Presence::Optional)
        return std::nullopt;
    if (YamlScalar::kind(field.node) != YamlScalar::Kind::String) {
        // An unquoted 8080 or `yes` is a number or a boolean to kubectl; quoting fixes it.
        const bool quotingHelps = field.node.IsScalar();
        error(field, u"expected a string, got " + YamlScalar::describe(field.node)
                         + (quotingHelps ? QStringLiteral(" (quote it to make it a string)") : QString()));
        return std::nullopt;
    }
    return QString::fromStdString(field.node.Scalar());
}

std::optional<QString> YamlFieldReader::string(const YamlField &parent, const char *key, Presence presence)
{
    return string(field(parent, key), presence);
}

std::optional<qint64> YamlFieldReader::integer(const YamlField &field, IntRange range, Presence presence)
{
    if (!field.present) {
        if (presence == Presence::Required)
            missing(field);
        return std::nullopt;
    }
    if (field.node.IsNull() && presence == Presence::Optional)
        return std::nullopt;
    const QString rangeText = range.describe();
    const QString expected = rangeText.isEmpty() ? QStringLiteral("an integer") : u"an integer " + rangeText;
    std::optional<qint64> value;
    if (YamlScalar::kind(field.node) == YamlScalar::Kind::Integer)
        value = YamlScalar::toInteger(field.node.Scalar());
    if (!value || *value < range.min || *value > range.max) {
        wrongType(field, expected);
        return std::nullopt;
    }
    return value;
}

std::optional<qint64> YamlFieldReader::integer(const YamlField &parent, const char *key, IntRange range, Presence presence)
{
    return integer(field(parent, key), range, presence);
}

std::optional<bool> YamlFieldReader::boolean(const YamlField &field, Presence presence)
{
    if (!field.present) {
        if (presence == Presence::Required)
            missing(field);
        return std::nullopt;
    }
    if (field.node.IsNull() && presence == Presence::Optional)
        return std::nullopt;
    if (YamlScalar::kind(field.node) != YamlScalar::Kind::Boolean) {
        wrongType(field, QStringLiteral("true or false"));
        return std::nullopt;
    }
    return YamlScalar::toBoolean(field.node.Scalar());
}

std::optional<bool> YamlFieldReader::boolean(const YamlField &parent, const char *key, Presence presence)
{
    return boolean(field(parent, key), presence);
}

QStringList YamlFieldReader::stringList(const YamlField &field, Presence presence)
{
    QStringList result;
    if (const auto items = list(field, presence)) {
        for (const YamlField &item : *items) {
            if (const auto value = string(item, Presence::Required))
                result.append(*value);
        }
    }
    return result;
}

QStringList YamlFieldReader::stringList(const YamlField &parent, const char *key, Presence presence)
{
    return stringList(field(parent, key), presence);
}

QMap<QString, QString> YamlFieldReader::stringMap(const YamlField &field)
{
    QMap<QString, QString> result;
    if (!mapping(field))
        return result;
    QHash<QString, YAML::Mark> seen;
    for (auto it = field.node.begin(); it != field.node.end(); ++it) {
        const QString key = QString::fromStdString(it->first.Scalar());
        const YamlField keyField{it->first, markOf(it->first, field.mark), childPath(field.path, key), true};
        if (!it->first.IsScalar()) {
            wrongType(keyField, QStringLiteral("a string key"));
            continue;
        }
        if (const auto previous = seen.constFind(key); previous != seen.cend()) {
            error(keyField, u"duplicate key " + YamlScalar::quoted(key) + u" (first written at line "
                                + QString::number(location(*previous).line) + u')');
            continue;
        }
        seen.insert(key, keyField.mark);
        const YamlField valueField{it->second, markOf(it->second, keyField.mark), keyField.path, true};
        if (const auto value = string(valueField, Presence::Required))
            result.insert(key, *value);
    }
    return result;
}

QMap<QString, QString> YamlFieldReader::stringMap(const YamlField &parent, const char *key)
{
    return stringMap(field(parent, key));
}

std::optional<qint64> YamlFieldReader::durationMs(const YamlField &parent, const char *key)
{
    const YamlField value = field(parent, key);
    const auto text = string(value);
    if (!text)
        return std::nullopt;
    const auto milliseconds = GatewayDuration::toMilliseconds(*text);
    if (!milliseconds)
        error(value, u"expected a GEP-2257 duration such as \"10s\", \"500ms\" or \"1h\", got " + YamlScalar::quoted(*text));
    return milliseconds;
}

bool YamlFieldReader::expectOneOf(const YamlField &field, const QString &value, std::initializer_list<const char *> allowed)
{
    QStringList names;
    for (const char *candidate : allowed) {
        if (value == QLatin1StringView(candidate))
            return true;
        names.append(QString::fromLatin1(candidate));
    }
    error(field, u"expected one of " + names.join(u", ") + u", got " + YamlScalar::quoted(value));
    return false;
}

void YamlFieldReader::checkFields(const YamlField &mapping, std::initializer_list<const char *> known)
{
    QStringList names;
    for (const char *name : known)
        names.append(QString::fromLatin1(name));
    checkFieldsOf(mapping, names, YamlField(), 0);
}

void YamlFieldReader::checkFieldsOf(const YamlField &mapping, const QStringList &known, const YamlField &mergedFrom, int depth)
{
    if (!mapping.present || !mapping.node.IsMap() || depth > MaxMergeDepth)
        return;
    QHash<QString, YAML::Mark> seen;
    for (auto it = mapping.node.begin(); it != mapping.node.end(); ++it) {
        const YAML::Node key = it->first;
        const YAML::Mark keyMark = markOf(key, mapping.mark);
        if (isMergeKey(key)) {
            const YamlField source{it->second, markOf(it->second, keyMark), mapping.path, true};
            if (source.node.IsMap()) {
                checkFieldsOf(source, known, mapping, depth + 1);
            } else if (source.node.IsSequence()) {
                int index = 0;
                for (auto item = source.node.begin(); item != source.node.end(); ++item, ++index) {
                    const YamlField part{*item, markOf(*item, source.mark), mapping.path, true};
                    if (part.node.IsMap())
                        checkFieldsOf(part, known, mapping, depth + 1);
                    else
                        wrongType(part, QStringLiteral("a mapping to merge"));
                }
            } else {
                wrongType(source, QStringLiteral("a mapping or a list of mappings to merge"));
            }
            continue;
        }
        const QString name = QString::fromStdString(key.Scalar());
        const YamlField keyField{key, keyMark, childPath(mapping.path, name), true};
        if (!key.IsScalar()) {
            wrongType(keyField, QStringLiteral("a field name"));
            continue;
        }
        // Keys of a merged mapping may legitimately repeat keys of the mapping that merges it.
        if (!mergedFrom.present) {
            if (const auto previous = seen.constFind(name); previous != seen.cend()) {
                error(keyField, u"duplicate key " + YamlScalar::quoted(name) + u" (first written at line "
                                    + QString::number(location(*previous).line) + u')');
                continue;
            }
            seen.insert(name, keyMark);
        }
        if (!known.contains(name))
            warning(keyField, u"unknown field " + YamlScalar::quoted(name));
    }
}

} // namespace gw
