#include "topologyview.h"

#include "lab/simulation.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QMenu>
#include <QPainterPath>
#include <QSet>
#include <QWheelEvent>

namespace gw::ui {

namespace {

constexpr qreal LevelGap = 56;     // between a level and the next
constexpr qreal SiblingGap = 22;   // between neighbours on a level

QString kindPrefix(TopologyNodeItem::Kind kind)
{
    switch (kind) {
    case TopologyNodeItem::Kind::Listener: return QStringLiteral("listener:");
    case TopologyNodeItem::Kind::Rule: return QStringLiteral("rule:");
    case TopologyNodeItem::Kind::Service: return QStringLiteral("service:");
    case TopologyNodeItem::Kind::Pod: return QStringLiteral("pod:");
    }
    return {};
}

int level(TopologyNodeItem::Kind kind)
{
    return int(kind);
}

QString describeMatch(const HTTPRouteMatch &match)
{
    QStringList parts{match.path.type + u' ' + match.path.value};
    if (!match.method.isEmpty())
        parts << match.method;
    for (const HTTPHeaderMatch &header : match.headers)
        parts << QStringLiteral("%1: %2").arg(header.name, header.value);
    for (const HTTPQueryParamMatch &param : match.queryParams)
        parts << QStringLiteral("?%1=%2").arg(param.name, param.value);
    return parts.join(QStringLiteral(", "));
}

bool selectorMatches(const QMap<QString, QString> &selector, const QMap<QString, QString> &labels)
{
    if (selector.isEmpty())
        return false;
    for (auto it = selector.cbegin(); it != selector.cend(); ++it) {
        if (labels.value(it.key()) != it.value())
            return false;
    }
    return true;
}

} // namespace

TopologyView::TopologyView(Simulation &simulation, QWidget *parent)
    : QGraphicsView(parent)
    , m_simulation(simulation)
    , m_scene(new QGraphicsScene(this))
{
    setScene(m_scene);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setBackgroundBrush(QColor(0xf4, 0xf6, 0xf8));
    setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    connect(&m_simulation, &Simulation::configurationChanged, this, &TopologyView::rebuild);
    rebuild();
}

TopologyNodeItem *TopologyView::node(TopologyNodeItem::Kind kind, const QString &key) const
{
    return m_nodes.value(kindPrefix(kind) + key);
}

QList<TopologyNodeItem *> TopologyView::nodes(TopologyNodeItem::Kind kind) const
{
    return m_levels[level(kind)];
}

TopologyNodeItem *TopologyView::addNode(TopologyNodeItem::Kind kind, const QString &key)
{
    TopologyNodeItem *&item = m_nodes[kindPrefix(kind) + key];
    if (!item) {
        item = new TopologyNodeItem(kind, key);
        m_scene->addItem(item);
        m_levels[level(kind)].append(item);
    }
    return item;
}

void TopologyView::addEdge(TopologyNodeItem *from, TopologyNodeItem *to, const QString &label, bool dashed)
{
    QList<TopologyNodeItem *> &children = m_children[from];
    if (children.contains(to))
        return;
    children.append(to);
    m_edgeKeys.append({from->key(), to->key()});
    // Drawn after layout; the label and dash are kept on the item until then.
    auto *edge = new QGraphicsPathItem;
    edge->setData(0, QVariant::fromValue(static_cast<void *>(from)));
    edge->setData(1, QVariant::fromValue(static_cast<void *>(to)));
    edge->setData(2, label);
    edge->setPen(QPen(QColor(0x90, 0xa4, 0xae), 1.4, dashed ? Qt::DashLine : Qt::SolidLine));
    edge->setZValue(-1);
    m_scene->addItem(edge);
}

void TopologyView::rebuild()
{
    m_scene->clear();
    m_nodes.clear();
    for (auto &list : m_levels)
        list.clear();
    m_children.clear();
    m_edgeKeys.clear();
    m_podBehaviour.clear();

    const auto config = m_simulation.config();
    const Cluster &cluster = m_simulation.cluster();
    for (const MockPod &pod : cluster.mockPods())
        m_podBehaviour.insert(pod.podKey(), pod.behaviour.describe());

    QList<std::shared_ptr<BackendService>> services;
    if (config) {
        for (const ListenSocketConfig &socket : config->sockets) {
            for (const ListenerConfig &listener : socket.listeners) {
                TopologyNodeItem *listenerItem = addNode(TopologyNodeItem::Kind::Listener, listener.displayName());
                listenerItem->setTitle(tr("Gateway %1").arg(listener.gatewayKey.section(u'/', -1)));
                listenerItem->setLines({tr("listener %1 · HTTP %2 · %3").arg(listener.name).arg(listener.port).arg(profileName(listener.profile)),
                                        socket.url() + (listener.hostname.isEmpty() ? QString() : u"  host " + listener.hostname)});
                for (const AttachedRoute &route : listener.routes) {
                    for (const auto &rule : route.rules) {
                        const QString ruleKey = route.key + u'#' + QString::number(rule->ruleIndex);
                        TopologyNodeItem *ruleItem = addNode(TopologyNodeItem::Kind::Rule, ruleKey);
                        ruleItem->setTitle(tr("HTTPRoute %1").arg(route.key.section(u'/', -1)));
                        QStringList lines;
                        for (const CompiledMatch &match : rule->matches)
                            lines << tr("rule %1: %2").arg(rule->ruleIndex).arg(describeMatch(match.match));
                        if (lines.isEmpty())
                            lines << tr("rule %1: every request").arg(rule->ruleIndex);
                        if (lines.size() > 3)
                            lines = lines.mid(0, 2) << tr("… %n more match(es)", "", int(lines.size() - 2));
                        if (rule->filters)
                            lines << tr("with filters");
                        ruleItem->setLines(lines);
                        addEdge(listenerItem, ruleItem, QString(), false);
                        int totalWeight = 0;
                        for (const RouteBackend &backend : rule->backends)
                            totalWeight += backend.weight;
                        for (const RouteBackend &backend : rule->backends) {
                            const QString label = rule->backends.size() > 1 ? tr("weight %1/%2").arg(backend.weight).arg(totalWeight) : QString();
                            if (!backend.service) {
                                TopologyNodeItem *invalid = addNode(TopologyNodeItem::Kind::Service, backend.displayName);
                                invalid->setTitle(backend.displayName);
                                invalid->setLines({tr("answered %1").arg(backend.invalidStatus), backend.invalidReason});
                                invalid->setAccent(QColor(0xc6, 0x28, 0x28));
                                addEdge(ruleItem, invalid, label, true);
                                continue;
                            }
                            if (!services.contains(backend.service))
                                services.append(backend.service);
                            addEdge(ruleItem, addNode(TopologyNodeItem::Kind::Service, backend.service->key), label, false);
                        }
                    }
                }
            }
        }
        for (const auto &service : config->services) {
            if (!services.contains(service))
                services.append(service);
        }
    }

    QSet<QString> placedPods;
    for (const auto &service : services) {
        TopologyNodeItem *serviceItem = addNode(TopologyNodeItem::Kind::Service, service->key);
        serviceItem->setTitle(tr("Service %1:%2").arg(service->name).arg(service->port));
        serviceItem->setLines({tr("%n ready endpoint(s), round robin", "", int(service->endpoints.size()))});
        if (service->sticky) {
            serviceItem->setBadge(tr("Sticky: cookie %1, %2 s").arg(QString::fromLatin1(service->sticky->cookieName)).arg(service->sticky->expires));
            serviceItem->setToolTip(tr("SessionStickyPolicy %1 targets this Service port").arg(service->sticky->policyKey));
        }
        // Pods by the Service's selector, so a stopped pod (out of the endpoints) still shows where it was.
        const Service *manifest = cluster.findService(service->namespaceName, service->name);
        QStringList podKeys;
        if (manifest) {
            for (const ClusterPod &pod : cluster.pods()) {
                if (pod.namespaceName == service->namespaceName && selectorMatches(manifest->selector, pod.labels))
                    podKeys << pod.key();
            }
        }
        for (const EndpointTarget &endpoint : service->endpoints) {
            const QString key = endpoint.podKey.isEmpty() ? endpoint.key : endpoint.podKey;
            if (!podKeys.contains(key))
                podKeys << key;
        }
        for (const QString &podKey : podKeys) {
            TopologyNodeItem *podItem = addNode(TopologyNodeItem::Kind::Pod, podKey);
            placedPods.insert(podKey);
            const ClusterPod *pod = cluster.findPod(podKey);
            addEdge(serviceItem, podItem, QString(), !pod || pod->state != ClusterPod::State::Running);
            updatePodNode(podItem);
        }
    }
    for (const ClusterPod &pod : cluster.pods()) {
        if (!placedPods.contains(pod.key()))
            updatePodNode(addNode(TopologyNodeItem::Kind::Pod, pod.key()));
    }
    layoutLevels();
    if (!m_fitted && !m_nodes.isEmpty()) {
        m_fitted = true;
        zoomToFit();
    }
}

void TopologyView::updatePodNode(TopologyNodeItem *item)
{
    const ClusterPod *pod = m_simulation.cluster().findPod(item->key());
    const qint64 requests = m_podRequests.value(item->key());
    const QString count = tr("%n request(s)", "", int(qMin<qint64>(requests, INT_MAX)));
    if (!pod) {
        // An EndpointSlice address that no simulated pod owns.
        item->setTitle(item->key());
        item->setLines({tr("address outside the cluster"), count});
        item->setAccent(QColor(0x60, 0x7d, 0x8b));
        return;
    }
    item->setTitle(tr("Pod %1").arg(pod->name));
    QString state = ClusterPod::stateName(pod->state);
    QColor accent(0x2e, 0x7d, 0x32);
    if (pod->state == ClusterPod::State::Stopped)
        accent = QColor(0x9e, 0x9e, 0x9e);
    else if (pod->state == ClusterPod::State::Crashed)
        accent = QColor(0xc6, 0x28, 0x28);
    else if (pod->delayMs > 0) {
        state = tr("slowed +%1 ms").arg(pod->delayMs);
        accent = QColor(0xf9, 0xa8, 0x25);
    }
    item->setAccent(accent);
    item->setDimmed(pod->state == ClusterPod::State::Stopped);
    item->setLines({pod->ip + u" · " + state, m_podBehaviour.value(pod->key(), tr("no container port answers")), count});
}

void TopologyView::layoutLevels()
{
    // Pods, the most numerous, are laid side by side in the order their Services reach them; each
    // node above sits centred over what it points to, pushed right only as far as needed to not
    // overlap its neighbour.
    qreal levelTop[4] = {0, 0, 0, 0};
    for (int l = 1; l < 4; ++l) {
        qreal tallest = 0;
        for (const TopologyNodeItem *item : std::as_const(m_levels[l - 1]))
            tallest = qMax(tallest, item->height());
        levelTop[l] = levelTop[l - 1] + tallest + LevelGap;
    }
    const auto centre = [](const TopologyNodeItem *item) { return item->pos().x() + TopologyNodeItem::Width / 2; };
    qreal x = 0;
    for (TopologyNodeItem *pod : std::as_const(m_levels[3])) {
        pod->setPos(x, levelTop[3]);
        x += TopologyNodeItem::Width + SiblingGap;
    }
    for (int l = 2; l >= 0; --l) {
        qreal right = -SiblingGap;
        for (TopologyNodeItem *item : std::as_const(m_levels[l])) {
            const QList<TopologyNodeItem *> children = m_children.value(item);
            qreal wanted = right + SiblingGap;
            if (!children.isEmpty()) {
                qreal sum = 0;
                for (const TopologyNodeItem *child : children)
                    sum += centre(child);
                wanted = qMax(wanted, sum / qreal(children.size()) - TopologyNodeItem::Width / 2);
            }
            item->setPos(wanted, levelTop[l]);
            right = wanted + TopologyNodeItem::Width;
        }
    }
    for (QGraphicsItem *graphics : m_scene->items()) {
        auto *edge = dynamic_cast<QGraphicsPathItem *>(graphics);
        if (!edge)
            continue;
        const auto *from = static_cast<TopologyNodeItem *>(edge->data(0).value<void *>());
        const auto *to = static_cast<TopologyNodeItem *>(edge->data(1).value<void *>());
        const QPointF a = from->bottomAnchor(), b = to->topAnchor();
        QPainterPath path(a);
        path.cubicTo(a + QPointF(0, LevelGap / 2), b - QPointF(0, LevelGap / 2), b);
        // An arrow head at the target.
        path.moveTo(b);
        path.lineTo(b + QPointF(-4, -7));
        path.moveTo(b);
        path.lineTo(b + QPointF(4, -7));
        edge->setPath(path);
        const QString label = edge->data(2).toString();
        if (!label.isEmpty()) {
            auto *text = new QGraphicsSimpleTextItem(label, edge);
            text->setBrush(QColor(0x45, 0x5a, 0x64));
            text->setPos((a + b) / 2 + QPointF(4, -text->boundingRect().height() / 2));
        }
    }
    m_scene->setSceneRect(m_scene->itemsBoundingRect().adjusted(-20, -20, 20, 20));
}

void TopologyView::updateCounts(const FlowStatistics &statistics)
{
    QHash<QString, qint64> counts;
    for (auto it = statistics.backends.cbegin(); it != statistics.backends.cend(); ++it)
        counts[it->podKey.isEmpty() ? it.key() : it->podKey] += it->requests;
    if (counts == m_podRequests)
        return;
    m_podRequests = counts;
    for (TopologyNodeItem *item : std::as_const(m_levels[3]))
        updatePodNode(item);
}

QList<QAction *> TopologyView::podActions(const QString &podKey, QObject *parent)
{
    const ClusterPod *pod = m_simulation.cluster().findPod(podKey);
    if (!pod)
        return {};
    const bool running = pod->state == ClusterPod::State::Running;
    QList<QAction *> actions;
    const auto add = [&](const QString &text, bool enabled, auto &&fn) {
        auto *action = new QAction(text, parent);
        action->setEnabled(enabled);
        connect(action, &QAction::triggered, this, fn);
        actions << action;
        return action;
    };
    add(tr("Stop (taken out of the endpoints; its sessions re-pin)"), pod->state != ClusterPod::State::Stopped,
        [this, podKey] { m_simulation.stopPod(podKey); });
    add(tr("Crash (still listed; the gateway answers 502)"), running, [this, podKey] { m_simulation.crashPod(podKey); });
    add(tr("Restart"), !running, [this, podKey] { m_simulation.startPod(podKey); });
    add(tr("Restart on a new IP (its cookie value changes)"), true, [this, podKey] { m_simulation.startPod(podKey, true); });
    auto *separator = new QAction(parent);
    separator->setSeparator(true);
    actions << separator;
    for (const int delay : {0, 100, 500, 2000}) {
        QAction *action = add(delay == 0 ? tr("Normal speed") : tr("Slow down: +%1 ms per answer").arg(delay), pod->delayMs != delay,
                              [this, podKey, delay] { m_simulation.slowPod(podKey, delay); });
        action->setCheckable(true);
        action->setChecked(pod->delayMs == delay);
    }
    return actions;
}

void TopologyView::contextMenuEvent(QContextMenuEvent *event)
{
    for (QGraphicsItem *item = itemAt(event->pos()); item; item = item->parentItem()) {
        auto *nodeItem = dynamic_cast<TopologyNodeItem *>(item);
        if (!nodeItem || nodeItem->kind() != TopologyNodeItem::Kind::Pod || !m_simulation.cluster().findPod(nodeItem->key()))
            continue;
        QMenu menu(this);
        menu.setTitle(nodeItem->key());
        menu.addSection(nodeItem->key());
        menu.addActions(podActions(nodeItem->key(), &menu));
        menu.exec(event->globalPos());
        return;
    }
    QGraphicsView::contextMenuEvent(event);
}

void TopologyView::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const qreal factor = event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15;
        scale(factor, factor);
        return;
    }
    QGraphicsView::wheelEvent(event);
}

void TopologyView::zoomToFit()
{
    const QRectF rect = m_scene->sceneRect();
    if (rect.isEmpty())
        return;
    resetTransform();
    // Never enlarge past 100 %: small graphs stay crisp; large ones shrink to fit, but never below
    // what stays readable (the view scrolls instead).
    const qreal factor = qBound(0.8, qMin(viewport()->width() / rect.width(), viewport()->height() / rect.height()), 1.0);
    scale(factor, factor);
}

} // namespace gw::ui
