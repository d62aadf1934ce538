#include "inlinemessage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace gw::ui {

InlineMessage::InlineMessage(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("inlineMessage"));
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Dismiss"));
    connect(m_close, &QToolButton::clicked, this, &QWidget::hide);
    m_hideTimer.setSingleShot(true);
    connect(&m_hideTimer, &QTimer::timeout, this, &QWidget::hide);
    hide();
}

void InlineMessage::showMessage(Kind kind, const QString &text, int autoHideMs)
{
    m_kind = kind;
    m_text->setText(text);
    QStyle::StandardPixmap pixmap = QStyle::SP_MessageBoxInformation;
    QString colors = QStringLiteral("background: #e3f2fd; border: 1px solid #90caf9;");
    switch (kind) {
    case Kind::Information: break;
    case Kind::Positive:
        pixmap = QStyle::SP_DialogApplyButton;
        colors = QStringLiteral("background: #e8f5e9; border: 1px solid #a5d6a7;");
        break;
    case Kind::Warning:
        pixmap = QStyle::SP_MessageBoxWarning;
        colors = QStringLiteral("background: #fff8e1; border: 1px solid #ffcc80;");
        break;
    case Kind::Error:
        pixmap = QStyle::SP_MessageBoxCritical;
        colors = QStringLiteral("background: #ffebee; border: 1px solid #ef9a9a;");
        break;
    }
    setStyleSheet(QStringLiteral("QFrame#inlineMessage { %1 border-radius: 4px; } QLabel { color: #212121; }").arg(colors));
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_icon->setPixmap(style()->standardIcon(pixmap).pixmap(size, size));
    m_hideTimer.stop();
    // Errors wait for the user; the rest get out of the way on their own.
    if (autoHideMs < 0 && kind != Kind::Error)
        autoHideMs = 6000;
    if (autoHideMs > 0)
        m_hideTimer.start(autoHideMs);
    show();
}

QString InlineMessage::text() const
{
    return m_text->text();
}

} // namespace gw::ui
