#include "topologynodeitem.h"

#include <QApplication>
#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace gw::ui {

namespace {

QColor kindColor(TopologyNodeItem::Kind kind)
{
    switch (kind) {
    case TopologyNodeItem::Kind::Listener: return {0x15, 0x65, 0xc0};
    case TopologyNodeItem::Kind::Rule: return {0x6a, 0x1b, 0x9a};
    case TopologyNodeItem::Kind::Service: return {0x00, 0x83, 0x8f};
    case TopologyNodeItem::Kind::Pod: return {0x2e, 0x7d, 0x32};
    }
    return Qt::gray;
}

constexpr qreal Padding = 7;
constexpr qreal BadgeGap = 4;

} // namespace

TopologyNodeItem::TopologyNodeItem(Kind kind, const QString &key, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_kind(kind)
    , m_key(key)
    , m_accent(kindColor(kind))
{
    setFlag(QGraphicsItem::ItemIsSelectable);
    setAcceptHoverEvents(true);
}

void TopologyNodeItem::setTitle(const QString &title)
{
    prepareGeometryChange();
    m_title = title;
}

void TopologyNodeItem::setLines(const QStringList &lines)
{
    if (lines == m_lines)
        return;
    prepareGeometryChange();
    m_lines = lines;
    update();
}

void TopologyNodeItem::setBadge(const QString &badge)
{
    prepareGeometryChange();
    m_badge = badge;
}

void TopologyNodeItem::setAccent(const QColor &color)
{
    m_accent = color;
    update();
}

void TopologyNodeItem::setDimmed(bool dimmed)
{
    m_dimmed = dimmed;
    update();
}

qreal TopologyNodeItem::height() const
{
    const QFontMetricsF metrics(QApplication::font());
    qreal h = Padding * 2 + metrics.height() * (1 + m_lines.size());
    if (!m_badge.isEmpty())
        h += metrics.height() + BadgeGap + 4;
    return h;
}

QRectF TopologyNodeItem::boundingRect() const
{
    return QRectF(-2, -2, Width + 4, height() + 4);
}

void TopologyNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QFont base = QApplication::font();
    const QFontMetricsF metrics(base);
    const QRectF box(0, 0, Width, height());
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setOpacity(m_dimmed ? 0.55 : 1.0);
    const bool selected = option->state & QStyle::State_Selected;
    painter->setPen(QPen(selected ? QColor(0xff, 0x8f, 0x00) : m_accent.darker(115), selected ? 2.5 : 1.2,
                         m_dimmed ? Qt::DashLine : Qt::SolidLine));
    painter->setBrush(QColor(0xfc, 0xfc, 0xfd));
    painter->drawRoundedRect(box, 6, 6);
    // The colour strip on the left says what kind of object (or, for a pod, what state) this is.
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_accent);
    painter->drawRoundedRect(QRectF(0, 0, 6, box.height()), 3, 3);

    qreal y = Padding;
    QFont bold = base;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(QColor(0x21, 0x21, 0x21));
    const QFontMetricsF boldMetrics(bold);
    painter->drawText(QRectF(Padding + 6, y, Width - Padding * 2 - 6, metrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      boldMetrics.elidedText(m_title, Qt::ElideMiddle, Width - Padding * 2 - 6));
    y += metrics.height();
    painter->setFont(base);
    painter->setPen(QColor(0x42, 0x42, 0x42));
    for (const QString &line : m_lines) {
        painter->drawText(QRectF(Padding + 6, y, Width - Padding * 2 - 6, metrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                          metrics.elidedText(line, Qt::ElideRight, Width - Padding * 2 - 6));
        y += metrics.height();
    }
    if (!m_badge.isEmpty()) {
        y += BadgeGap;
        const QRectF badge(Padding + 6, y, Width - Padding * 2 - 6, metrics.height() + 4);
        painter->setPen(QColor(0xe6, 0x51, 0x00));
        painter->setBrush(QColor(0xff, 0xf3, 0xe0));
        painter->drawRoundedRect(badge, 4, 4);
        painter->setPen(QColor(0xbf, 0x36, 0x0c));
        painter->drawText(badge.adjusted(4, 0, -4, 0), Qt::AlignLeft | Qt::AlignVCenter,
                          metrics.elidedText(m_badge, Qt::ElideRight, badge.width() - 8));
    }
}

} // namespace gw::ui
