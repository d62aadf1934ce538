#pragma once

#include <QString>
#include <optional>

#include <yaml-cpp/yaml.h>

namespace gw {

// How kubectl would see a YAML value once converted to JSON. kubectl turns YAML into JSON with
// YAML 1.1 rules (go-yaml v2) before the API server decodes it strictly, so an unquoted `8080`
// is a number, `yes` is a boolean and `~` is null; a number where a string is expected is an
// error there, and therefore an error here. yaml-cpp keeps every scalar as text, so the
// resolution is redone here.
class YamlScalar
{
public:
    enum class Kind { String, Integer, Float, Boolean, Null, Mapping, List };

    static Kind kind(const YAML::Node &node);
    // The value of an integer scalar as Go's strconv.ParseInt(text, 0, 64) reads it (decimal,
    // 0x, 0o, 0b, leading-0 octal, underscores), or nullopt when it is no integer or overflows.
    static std::optional<qint64> toInteger(const std::string &text);
    static std::optional<bool> toBoolean(const std::string &text);
    // For "got ..." in messages: "eighty" quoted for strings, 8080 bare for other scalars,
    // "a mapping" / "a list" / "null" for the rest. Long text is shortened.
    static QString describe(const YAML::Node &node);
    static QString quoted(const QString &text);
};

} // namespace gw
