#pragma once

#include <QWidget>

namespace gw::ui {

// A one-line text for numbers that change several times a second (rates, counts, the lab
// clock). A QLabel asks the window to lay itself out again on every new text; during a load run
// that relayout cost more than the data it showed. This widget's size is fixed from a sample of
// its longest text, so a new text only repaints it.
class LiveLabel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveLabel)

public:
    // `widestText` sizes the widget; longer texts are elided.
    explicit LiveLabel(const QString &widestText, QWidget *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_text; }
    void setAlignment(Qt::Alignment alignment);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void fixSize();

    QString m_widest;
    QString m_text;
    Qt::Alignment m_alignment = Qt::AlignLeft | Qt::AlignVCenter;
};

} // namespace gw::ui
