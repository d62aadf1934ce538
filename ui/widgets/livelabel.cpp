#include "livelabel.h"

#include <QEvent>
#include <QPainter>

namespace gw::ui {

LiveLabel::LiveLabel(const QString &widestText, QWidget *parent)
    : QWidget(parent)
    , m_widest(widestText)
{
    fixSize();
}

void LiveLabel::fixSize()
{
    // A fixed size is what keeps the layout out of it: Qt skips relayout for fixed-size widgets.
    setFixedSize(sizeHint());
}

QSize LiveLabel::sizeHint() const
{
    const QFontMetrics metrics = fontMetrics();
    return {metrics.horizontalAdvance(m_widest) + 8, metrics.height() + 4};
}

void LiveLabel::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    update();
}

void LiveLabel::setAlignment(Qt::Alignment alignment)
{
    m_alignment = alignment;
    update();
}

void LiveLabel::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRect area = rect().adjusted(4, 0, -4, 0);
    painter.setPen(palette().color(isEnabled() ? QPalette::Active : QPalette::Disabled, QPalette::WindowText));
    painter.drawText(area, int(m_alignment), fontMetrics().elidedText(m_text, Qt::ElideRight, area.width()));
}

void LiveLabel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange)
        fixSize();
    QWidget::changeEvent(event);
}

} // namespace gw::ui
