#include "yamleditor.h"

#include "yamleditorgutter.h"
#include "yamlhighlighter.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QTextBlock>
#include <QToolTip>

namespace gw::ui {

namespace {
const QColor ErrorColor(0xd3, 0x2f, 0x2f);
const QColor WarningColor(0xf5, 0x7c, 0x00);
} // namespace

YamlEditor::YamlEditor(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_gutter(new YamlEditorGutter(this))
    , m_highlighter(new YamlHighlighter(document()))
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSizeF(qMax(9.0, font.pointSizeF()));
    setFont(font);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabChangesFocus(false);
    setTabStopDistance(fontMetrics().horizontalAdvance(u' ') * 2);
    connect(this, &QPlainTextEdit::blockCountChanged, this, &YamlEditor::updateGutterWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &YamlEditor::updateGutter);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &YamlEditor::updateSelections);
    updateGutterWidth();
    updateSelections();
}

YamlEditor::~YamlEditor() = default;

void YamlEditor::setDiagnostics(const Diagnostics &diagnostics)
{
    m_diagnostics = diagnostics;
    m_marked.clear();
    for (const Diagnostic &diagnostic : diagnostics) {
        const int line = qMax(1, diagnostic.location.line);
        m_marked[line] = m_marked.value(line, false) || diagnostic.isError();
    }
    updateSelections();
    m_gutter->update();
}

QMap<int, bool> YamlEditor::markedLines() const
{
    return m_marked;
}

QString YamlEditor::diagnosticTextForLine(int line) const
{
    QStringList lines;
    for (const Diagnostic &diagnostic : m_diagnostics) {
        if (qMax(1, diagnostic.location.line) != line)
            continue;
        const QString where = diagnostic.fieldPath.isEmpty() ? QString() : diagnostic.fieldPath + QStringLiteral(": ");
        lines << (diagnostic.isError() ? tr("error: ") : tr("warning: ")) + where + diagnostic.message;
    }
    return lines.join(u'\n');
}

void YamlEditor::goToLine(int line, int column)
{
    const QTextBlock block = document()->findBlockByNumber(qMax(0, line - 1));
    if (!block.isValid())
        return;
    QTextCursor cursor(block);
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, qBound(0, column - 1, block.length() - 1));
    setTextCursor(cursor);
    centerCursor();
    setFocus();
}

int YamlEditor::gutterWidth() const
{
    const int digits = QString::number(qMax(1, blockCount())).size();
    const int markerSpace = fontMetrics().height();
    return markerSpace + 6 + fontMetrics().horizontalAdvance(u'9') * qMax(3, digits) + 8;
}

void YamlEditor::updateGutterWidth()
{
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

void YamlEditor::updateGutter(const QRect &rect, int dy)
{
    if (dy != 0)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    if (rect.contains(viewport()->rect()))
        updateGutterWidth();
}

void YamlEditor::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    m_gutter->setGeometry(QRect(area.left(), area.top(), gutterWidth(), area.height()));
}

int YamlEditor::lineAtGutterY(int y) const
{
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    while (block.isValid()) {
        const int bottom = top + qRound(blockBoundingRect(block).height());
        if (y >= top && y < bottom)
            return block.blockNumber() + 1;
        top = bottom;
        block = block.next();
    }
    return 0;
}

void YamlEditor::paintGutter(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase));
    painter.setRenderHint(QPainter::Antialiasing);
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    const int lineHeight = fontMetrics().height();
    const int current = textCursor().blockNumber();
    while (block.isValid() && top <= event->rect().bottom()) {
        const int bottom = top + qRound(blockBoundingRect(block).height());
        if (block.isVisible() && bottom >= event->rect().top()) {
            const int line = block.blockNumber() + 1;
            if (const auto marked = m_marked.constFind(line); marked != m_marked.cend()) {
                const QRectF dot(3, top + lineHeight * 0.2, lineHeight * 0.6, lineHeight * 0.6);
                painter.setPen(Qt::NoPen);
                painter.setBrush(*marked ? ErrorColor : WarningColor);
                painter.drawEllipse(dot);
                painter.setPen(Qt::white);
                QFont bold = font();
                bold.setBold(true);
                bold.setPointSizeF(font().pointSizeF() * 0.7);
                painter.setFont(bold);
                painter.drawText(dot, Qt::AlignCenter, *marked ? QStringLiteral("×") : QStringLiteral("!"));
                painter.setFont(font());
            }
            painter.setPen(block.blockNumber() == current ? palette().color(QPalette::Text) : palette().color(QPalette::PlaceholderText));
            painter.drawText(0, top, m_gutter->width() - 6, lineHeight, Qt::AlignRight, QString::number(line));
        }
        block = block.next();
        top = bottom;
    }
}

void YamlEditor::updateSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    QTextEdit::ExtraSelection currentLine;
    currentLine.format.setBackground(QColor(0xf5, 0xf7, 0xfa));
    currentLine.format.setProperty(QTextFormat::FullWidthSelection, true);
    currentLine.cursor = textCursor();
    currentLine.cursor.clearSelection();
    selections.append(currentLine);
    for (const Diagnostic &diagnostic : m_diagnostics) {
        const QTextBlock block = document()->findBlockByNumber(qMax(0, diagnostic.location.line - 1));
        if (!block.isValid())
            continue;
        // From the column the diagnostic names to the end of the line's text (the offending value).
        const QString text = block.text();
        int start = qBound(0, diagnostic.location.column - 1, qMax(0, int(text.size()) - 1));
        if (diagnostic.location.column <= 0) {
            start = 0;
            while (start < text.size() && text.at(start).isSpace())
                ++start;
        }
        int end = int(text.size());
        while (end > start && text.at(end - 1).isSpace())
            --end;
        if (end <= start)
            end = qMin(int(text.size()), start + 1);
        QTextEdit::ExtraSelection underline;
        underline.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        underline.format.setUnderlineColor(diagnostic.isError() ? ErrorColor : WarningColor);
        underline.format.setToolTip(diagnosticTextForLine(diagnostic.location.line));
        underline.cursor = QTextCursor(block);
        underline.cursor.setPosition(block.position() + start);
        underline.cursor.setPosition(block.position() + end, QTextCursor::KeepAnchor);
        selections.append(underline);
    }
    setExtraSelections(selections);
    m_gutter->update();
}

void YamlEditor::keyPressEvent(QKeyEvent *event)
{
    // YAML forbids tabs in indentation: Tab inserts two spaces. Return keeps the line's indentation
    // (and a list item's, past its dash), as every YAML-aware editor does.
    if (event->key() == Qt::Key_Tab && event->modifiers() == Qt::NoModifier) {
        QTextCursor cursor = textCursor();
        cursor.insertText(QStringLiteral("  "));
        setTextCursor(cursor);
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && event->modifiers() == Qt::NoModifier) {
        const QString line = textCursor().block().text();
        qsizetype indent = 0;
        while (indent < line.size() && line.at(indent) == u' ')
            ++indent;
        if (line.mid(indent).startsWith(QStringLiteral("- ")))
            indent += 2;
        QTextCursor cursor = textCursor();
        cursor.insertText(u'\n' + QString(indent, u' '));
        setTextCursor(cursor);
        ensureCursorVisible();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

bool YamlEditor::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QPoint inViewport = viewport()->mapFrom(this, help->pos());
        const int line = cursorForPosition(inViewport).blockNumber() + 1;
        const QString text = m_marked.contains(line) ? diagnosticTextForLine(line) : QString();
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QPlainTextEdit::event(event);
}

} // namespace gw::ui
