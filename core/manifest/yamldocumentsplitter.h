#pragma once

#include <QByteArray>
#include <QList>

namespace gw {

// Cuts a multi-document YAML text at its `---` lines so that each document is parsed on its own.
// yaml-cpp stops at the first syntax error of a stream and returns nothing, which would hide every
// other document of the file; parsed one by one, a broken document costs only itself. Cutting at
// the markers is exact: YAML forbids `---` at the start of a line inside any node, so such a line
// always starts a document.
class YamlDocumentSplitter
{
public:
    struct Chunk
    {
        QByteArray text;
        int firstLine = 0;      // 0-based line of the file where the chunk starts
    };

    static QList<Chunk> split(const QByteArray &text);
};

} // namespace gw
