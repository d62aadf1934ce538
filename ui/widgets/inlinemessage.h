#pragma once

#include <QFrame>
#include <QTimer>

class QLabel;
class QToolButton;

namespace gw::ui {

// A non-modal banner at the top of a pane (KMessageWidget-like): errors stay until dismissed or
// replaced, information and warnings hide themselves after a few seconds. Modal boxes are kept for
// failed explicit actions such as saving.
class InlineMessage final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InlineMessage)

public:
    enum class Kind { Information, Positive, Warning, Error };

    explicit InlineMessage(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text, int autoHideMs = -1);
    QString text() const;
    Kind kind() const { return m_kind; }

private:
    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_close;
    QTimer m_hideTimer;
    Kind m_kind = Kind::Information;
};

} // namespace gw::ui
