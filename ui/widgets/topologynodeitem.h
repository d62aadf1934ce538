#pragma once

#include <QColor>
#include <QGraphicsItem>
#include <QStringList>

namespace gw::ui {

// One box of the topology graph: a listener, a route rule, a Service port or a pod, with a title,
// detail lines, an optional badge (the sticky policy on a Service) and a state colour (a pod's).
class TopologyNodeItem final : public QGraphicsItem
{
public:
    enum class Kind { Listener, Rule, Service, Pod };
    static constexpr qreal Width = 230;

    TopologyNodeItem(Kind kind, const QString &key, QGraphicsItem *parent = nullptr);

    Kind kind() const { return m_kind; }
    QString key() const { return m_key; }
    void setTitle(const QString &title);
    QString title() const { return m_title; }
    void setLines(const QStringList &lines);
    QStringList lines() const { return m_lines; }
    void setBadge(const QString &badge);
    QString badge() const { return m_badge; }
    void setAccent(const QColor &color);
    void setDimmed(bool dimmed);
    bool isDimmed() const { return m_dimmed; }
    qreal height() const;

    // Where edges attach.
    QPointF leftAnchor() const { return mapToScene(QPointF(0, height() / 2)); }
    QPointF rightAnchor() const { return mapToScene(QPointF(Width, height() / 2)); }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    Kind m_kind;
    QString m_key;
    QString m_title;
    QStringList m_lines;
    QString m_badge;
    QColor m_accent;
    bool m_dimmed = false;
};

} // namespace gw::ui
