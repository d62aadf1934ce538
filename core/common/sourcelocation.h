#pragma once

#include <QString>

namespace gw {

// Where a YAML node came from. Line and column are 1-based, as editors and compilers print them;
// 0 means "unknown" (for example an object synthesised by the simulator itself).
struct SourceLocation
{
    QString file;
    int line = 0;
    int column = 0;

    bool isKnown() const { return !file.isEmpty(); }
    // "file:line:column", or just "file" when the position is unknown.
    QString toString() const;
    friend bool operator==(const SourceLocation &, const SourceLocation &) = default;
};

} // namespace gw
