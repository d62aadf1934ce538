#include "yamldocumentsplitter.h"

namespace gw {

namespace {

bool isDocumentStart(const QByteArray &line)
{
    if (!line.startsWith("---"))
        return false;
    if (line.size() == 3)
        return true;
    const char next = line.at(3);
    return next == ' ' || next == '\t' || next == '\r' || next == '\n';
}

bool isDirective(const QByteArray &line)
{
    return line.startsWith('%');
}

bool isBlankOrComment(const QByteArray &line)
{
    const QByteArray trimmed = line.trimmed();
    return trimmed.isEmpty() || trimmed.startsWith('#');
}

} // namespace

QList<YamlDocumentSplitter::Chunk> YamlDocumentSplitter::split(const QByteArray &text)
{
    // Lines keep their terminators so that the chunks join back into the original text.
    QList<QByteArray> lines;
    qsizetype start = 0;
    while (start < text.size()) {
        const qsizetype end = text.indexOf('\n', start);
        const qsizetype next = end < 0 ? text.size() : end + 1;
        lines.append(text.mid(start, next - start));
        start = next;
    }

    QList<qsizetype> starts{0};
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (!isDocumentStart(lines.at(i)))
            continue;
        // Directives (%YAML, %TAG) written just before a marker belong to the document it starts.
        qsizetype first = i;
        for (qsizetype j = i - 1; j > starts.last() && (isDirective(lines.at(j)) || isBlankOrComment(lines.at(j))); --j) {
            if (isDirective(lines.at(j)))
                first = j;
        }
        starts.append(first);
    }

    QList<Chunk> chunks;
    for (qsizetype c = 0; c < starts.size(); ++c) {
        const qsizetype from = starts.at(c);
        const qsizetype to = c + 1 < starts.size() ? starts.at(c + 1) : lines.size();
        Chunk chunk;
        chunk.firstLine = int(from);
        for (qsizetype i = from; i < to; ++i)
            chunk.text += lines.at(i);
        chunks.append(chunk);
    }
    return chunks;
}

} // namespace gw
