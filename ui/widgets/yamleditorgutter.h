#pragma once

#include <QWidget>

namespace gw::ui {

class YamlEditor;

// The strip left of the manifest editor: line numbers and diagnostic markers. It only forwards
// painting and tooltips to the editor, which knows the text layout and the diagnostics.
class YamlEditorGutter final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(YamlEditorGutter)

public:
    explicit YamlEditorGutter(YamlEditor *editor);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    YamlEditor *m_editor;
};

} // namespace gw::ui
