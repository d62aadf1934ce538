#include "yamlhighlighter.h"

namespace gw::ui {

namespace {

QTextCharFormat makeFormat(const QColor &color, bool bold = false, bool italic = false)
{
    QTextCharFormat result;
    result.setForeground(color);
    if (bold)
        result.setFontWeight(QFont::DemiBold);
    result.setFontItalic(italic);
    return result;
}

} // namespace

YamlHighlighter::YamlHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
    , m_comment(QStringLiteral("(^|\\s)#.*$"))
    , m_commentFormat(makeFormat(QColor(0x75, 0x75, 0x75), false, true))
{
    // Later rules win where they overlap: a quoted key is a key, a number inside a string is text.
    m_rules = {
        {QRegularExpression(QStringLiteral("(?<=[:\\-\\[,]\\s)\\s*(-?\\d+(\\.\\d+)?)\\s*$")), makeFormat(QColor(0x00, 0x69, 0x7c)), 1},
        {QRegularExpression(QStringLiteral("(?<=[:\\-\\[,]\\s)\\s*(true|false|null|yes|no|~)\\s*$")), makeFormat(QColor(0x6a, 0x1b, 0x9a)), 1},
        {QRegularExpression(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^']|'')*'")), makeFormat(QColor(0x2e, 0x7d, 0x32))},
        {QRegularExpression(QStringLiteral("^\\s*(?:-\\s+)*([^\\s#:'\"\\-][^:#]*?|\"[^\"]*\"|'[^']*')\\s*:(?=\\s|$)")), makeFormat(QColor(0x0d, 0x47, 0xa1), true), 1},
        {QRegularExpression(QStringLiteral("^\\s*(-)(?=\\s|$)")), makeFormat(QColor(0xad, 0x14, 0x57), true), 1},
        {QRegularExpression(QStringLiteral("[&*][A-Za-z0-9_-]+|![A-Za-z0-9_!/.-]*")), makeFormat(QColor(0xef, 0x6c, 0x00))},
        {QRegularExpression(QStringLiteral("^(---|\\.\\.\\.)\\s*$")), makeFormat(QColor(0xad, 0x14, 0x57), true)},
    };
}

void YamlHighlighter::highlightBlock(const QString &text)
{
    for (const Rule &rule : m_rules) {
        auto matches = rule.pattern.globalMatch(text);
        while (matches.hasNext()) {
            const QRegularExpressionMatch match = matches.next();
            if (match.capturedStart(rule.group) >= 0)
                setFormat(int(match.capturedStart(rule.group)), int(match.capturedLength(rule.group)), rule.format);
        }
    }
    // A # starts a comment only outside quotes.
    auto matches = m_comment.globalMatch(text);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        const QStringView before = QStringView(text).left(match.capturedStart());
        if (before.count(u'"') % 2 == 0 && before.count(u'\'') % 2 == 0) {
            setFormat(int(match.capturedStart()), int(match.capturedLength()), m_commentFormat);
            break;
        }
    }
}

} // namespace gw::ui
