#pragma once

#include <QString>
#include <utility>
#include <vector>

namespace gw {

// A YAML document tree written the way `kubectl get -o yaml` prints objects (go-yaml through
// sigs.k8s.io/yaml): keys sorted, two-space indentation, sequences not indented under their key,
// strings quoted only when they would read back as something else ('*.example.com', "80", "true").
class YamlValue
{
public:
    enum class Type { Null, String, Integer, Boolean, List, Map };

    YamlValue() = default;
    static YamlValue string(const QString &text);
    static YamlValue integer(qint64 value);
    static YamlValue boolean(bool value);
    static YamlValue list();
    static YamlValue map();

    Type type() const { return m_type; }
    bool isEmpty() const { return m_items.empty() && m_entries.empty(); }
    // Map: sets `key` (replacing an earlier value). List: appends. Both return *this for chaining.
    YamlValue &insert(const QString &key, YamlValue value);
    YamlValue &append(YamlValue value);

    // The value as a YAML document (no leading "---"), ending in a newline.
    QString toYaml() const;
    // A scalar as kubectl would write it, quoted when needed.
    static QString quoted(const QString &text);

private:
    void write(QString &out, int indent) const;
    QString scalarText() const;
    bool isScalar() const { return m_type != Type::List && m_type != Type::Map; }

    Type m_type = Type::Null;
    QString m_text;
    qint64 m_integer = 0;
    bool m_boolean = false;
    std::vector<YamlValue> m_items;
    std::vector<std::pair<QString, YamlValue>> m_entries;
};

} // namespace gw
