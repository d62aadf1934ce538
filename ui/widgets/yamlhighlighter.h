#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace gw::ui {

// Line-by-line YAML colouring for the manifest editor: keys, strings, numbers, booleans and null,
// document separators, anchors and tags, comments. Kubernetes manifests are block YAML, so a
// per-line pass (no multi-line state) colours them right; block scalars are left plain.
class YamlHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(YamlHighlighter)

public:
    explicit YamlHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;

private:
    struct Rule
    {
        QRegularExpression pattern;
        QTextCharFormat format;
        int group = 0;
    };
    QList<Rule> m_rules;
    QRegularExpression m_comment;
    QTextCharFormat m_commentFormat;
};

} // namespace gw::ui
