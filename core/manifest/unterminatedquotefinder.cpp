#include "unterminatedquotefinder.h"

#include <QSet>

#include <vector>

namespace gw {

namespace {

bool isClosed(const QByteArray &text, qsizetype open)
{
    const char quote = text.at(open);
    for (qsizetype at = open + 1; at < text.size(); ++at) {
        const char c = text.at(at);
        if (quote == '"' && c == '\\') {
            ++at;   // an escape sequence; whatever follows the backslash is not the end
        } else if (c == quote) {
            if (quote == '\'' && at + 1 < text.size() && text.at(at + 1) == '\'')
                ++at;   // '' is a literal quote inside single quotes
            else
                return true;
        }
    }
    return false;
}

} // namespace

std::optional<YAML::Mark> UnterminatedQuoteFinder::find(const YAML::Node &root, const QByteArray &text)
{
    // Aliases make the node graph a DAG (or even a cycle), so containers are visited once each,
    // identified by where they start, and the walk has a hard budget.
    constexpr int Budget = 1000000;
    std::vector<YAML::Node> pending{root};
    QSet<int> visited;
    std::optional<YAML::Mark> first;
    for (int steps = 0; !pending.empty() && steps < Budget; ++steps) {
        const YAML::Node node = pending.back();
        pending.pop_back();
        const YAML::Mark mark = node.Mark();
        if (node.IsScalar()) {
            if (node.Tag() == "!" && mark.pos >= 0 && mark.pos < text.size()
                && (text.at(mark.pos) == '"' || text.at(mark.pos) == '\'') && !isClosed(text, mark.pos)
                && (!first || mark.pos < first->pos))
                first = mark;
            continue;
        }
        if (!node.IsMap() && !node.IsSequence())
            continue;
        if (visited.contains(mark.pos))
            continue;
        visited.insert(mark.pos);
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (node.IsMap()) {
                pending.push_back(it->first);
                pending.push_back(it->second);
            } else {
                pending.push_back(*it);
            }
        }
    }
    return first;
}

} // namespace gw
