#include "yamleditorgutter.h"

#include "yamleditor.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QToolTip>

namespace gw::ui {

YamlEditorGutter::YamlEditorGutter(YamlEditor *editor)
    : QWidget(editor)
    , m_editor(editor)
{
}

QSize YamlEditorGutter::sizeHint() const
{
    return {m_editor->gutterWidth(), 0};
}

void YamlEditorGutter::paintEvent(QPaintEvent *event)
{
    m_editor->paintGutter(event);
}

bool YamlEditorGutter::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = m_editor->diagnosticTextForLine(m_editor->lineAtGutterY(help->pos().y()));
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void YamlEditorGutter::mousePressEvent(QMouseEvent *event)
{
    // A click on a marker puts the cursor on its line, where the underline shows the column.
    const int line = m_editor->lineAtGutterY(event->position().toPoint().y());
    if (line > 0)
        m_editor->goToLine(line);
}

} // namespace gw::ui
