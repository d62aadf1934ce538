#pragma once

#include "common/diagnostic.h"
#include "yamlfield.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <initializer_list>
#include <limits>
#include <optional>

namespace gw {

// Reads typed fields out of one parsed YAML document and turns every mismatch into a diagnostic
// that names the field path and points at the offending node. Reads never throw and never give
// up on the document: a bad field yields nullopt (the caller keeps its default) and reading goes
// on, so one pass reports every problem of the document. Whether the document had errors is
// then judged by comparing errorCount() before and after.
class YamlFieldReader
{
public:
    enum class Presence { Optional, Required };
    struct IntRange
    {
        qint64 min;
        qint64 max;
        QString describe() const;   // "1-65535", ">= 1", or empty for the whole int32 range
    };
    static constexpr IntRange Port{1, 65535};
    static constexpr IntRange Int32{std::numeric_limits<qint32>::min(), std::numeric_limits<qint32>::max()};
    static constexpr IntRange NonNegativeInt32{0, std::numeric_limits<qint32>::max()};
    static constexpr IntRange PositiveInt32{1, std::numeric_limits<qint32>::max()};

    // lineOffset: the line of the whole file at which the parsed chunk starts (0-based).
    YamlFieldReader(const QString &file, int lineOffset, Diagnostics &diagnostics);

    YamlField root(const YAML::Node &node, const QString &path = QString()) const;
    // The field `key` of a mapping (following YAML merge keys `<<`); absent when the mapping is
    // absent, not a mapping, or has no such key.
    YamlField field(const YamlField &mapping, const char *key) const;
    // Where the key itself is written (for an object's `kind:` line); the mapping's mark when absent.
    YAML::Mark keyMark(const YamlField &mapping, const char *key) const;
    // The field, but pointing at its key: for errors about the field being there at all.
    YamlField fieldAtKey(const YamlField &mapping, const char *key) const;

    SourceLocation location(const YamlField &field) const;
    SourceLocation location(const YAML::Mark &mark) const;
    void error(const YamlField &at, const QString &message);
    void warning(const YamlField &at, const QString &message);
    void missing(const YamlField &field);
    int errorCount() const { return m_errors; }

    // Each of these reports a wrong type, and a missing value when Required. An optional field
    // written as null counts as absent, as the API server prunes nulls.
    bool mapping(const YamlField &field, Presence presence = Presence::Optional);
    bool mapping(const YamlField &parent, const char *key, Presence presence = Presence::Optional);
    std::optional<QList<YamlField>> list(const YamlField &field, Presence presence = Presence::Optional);
    std::optional<QList<YamlField>> list(const YamlField &parent, const char *key, Presence presence = Presence::Optional);
    std::optional<QString> string(const YamlField &field, Presence presence = Presence::Optional);
    std::optional<QString> string(const YamlField &parent, const char *key, Presence presence = Presence::Optional);
    std::optional<qint64> integer(const YamlField &field, IntRange range, Presence presence = Presence::Optional);
    std::optional<qint64> integer(const YamlField &parent, const char *key, IntRange range, Presence presence = Presence::Optional);
    std::optional<bool> boolean(const YamlField &field, Presence presence = Presence::Optional);
    std::optional<bool> boolean(const YamlField &parent, const char *key, Presence presence = Presence::Optional);
    QStringList stringList(const YamlField &field, Presence presence = Presence::Optional);
    QStringList stringList(const YamlField &parent, const char *key, Presence presence = Presence::Optional);
    // A map of string to string (labels, annotations, selectors).
    QMap<QString, QString> stringMap(const YamlField &field);
    QMap<QString, QString> stringMap(const YamlField &parent, const char *key);
    // A GEP-2257 duration ("1h", "10s", "500ms", "0s") in milliseconds.
    std::optional<qint64> durationMs(const YamlField &parent, const char *key);

    // Reports `value` (already read from `field`) unless it is one of `allowed`.
    bool expectOneOf(const YamlField &field, const QString &value, std::initializer_list<const char *> allowed);
    // Warns about keys of `mapping` outside `known`, and reports keys written twice (kubectl
    // rejects those). Also checks the target of merge keys.
    void checkFields(const YamlField &mapping, std::initializer_list<const char *> known);

private:
    void checkFieldsOf(const YamlField &mapping, const QStringList &known, const YamlField &mergedFrom, int depth);
    std::optional<std::pair<YAML::Node, YAML::Node>> find(const YAML::Node &mapping, const std::string &key, int depth) const;
    YamlField element(const YamlField &list, const YAML::Node &node, int index) const;
    void wrongType(const YamlField &field, const QString &expected);

    QString m_file;
    int m_lineOffset = 0;
    Diagnostics &m_diagnostics;
    int m_errors = 0;
};

} // namespace gw
