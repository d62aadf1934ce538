#pragma once

#include "common/diagnostic.h"

#include <QMap>
#include <QPlainTextEdit>

namespace gw::ui {

class YamlEditorGutter;
class YamlHighlighter;

// The manifest editor: YAML colouring, line numbers, and the file's diagnostics shown where they
// point: a marker in the gutter, a wavy underline from the column to the end of the line, and the
// message as a tooltip over either.
class YamlEditor final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(YamlEditor)

public:
    explicit YamlEditor(QWidget *parent = nullptr);
    ~YamlEditor() override;

    // The diagnostics of this editor's file (others are ignored by the caller).
    void setDiagnostics(const Diagnostics &diagnostics);
    const Diagnostics &diagnostics() const { return m_diagnostics; }
    // Lines (1-based) with a marker, and whether the worst there is an error.
    QMap<int, bool> markedLines() const;
    QString diagnosticTextForLine(int line) const;
    void goToLine(int line, int column = 0);
    int currentLine() const { return textCursor().blockNumber() + 1; }

    // For the gutter.
    int gutterWidth() const;
    void paintGutter(QPaintEvent *event);
    int lineAtGutterY(int y) const;

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updateGutterWidth();
    void updateGutter(const QRect &rect, int dy);
    void updateSelections();

    YamlEditorGutter *m_gutter;
    YamlHighlighter *m_highlighter;
    Diagnostics m_diagnostics;
    QMap<int, bool> m_marked;   // line → has an error
};

} // namespace gw::ui
