#pragma once

#include <QString>

#include <yaml-cpp/yaml.h>

namespace gw {

// One value of a parsed YAML document together with the way it was reached. The path is what a
// diagnostic prints (spec.listeners[0].port), the mark is where it points: the value itself, or
// its key when the value is empty, or the enclosing mapping when the field is absent, so that
// every message lands on a line the user can see.
struct YamlField
{
    YAML::Node node;          // a Null node when the field is absent
    YAML::Mark mark;          // 0-based, relative to the document chunk the node was parsed from
    QString path;
    bool present = false;     // the key exists (its value may still be null)

    bool isAbsentOrNull() const { return !present || node.IsNull(); }
};

} // namespace gw
