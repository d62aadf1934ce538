#pragma once

#include "flow/flowstatistics.h"
#include "topologynodeitem.h"

#include <QGraphicsView>
#include <QHash>

class QAction;
class QGraphicsScene;

namespace gw {
class Simulation;
}

namespace gw::ui {

// The Topology tab's graph: Gateway listeners → HTTPRoute rules → Service ports (with the sticky
// policy that targets them) → pods (with their state and live request counts), built from the
// controller's configuration snapshot and the cluster. A pod's context menu stops, crashes,
// restarts (optionally on a new address) or slows it, so the user can watch sessions re-pin.
class TopologyView final : public QGraphicsView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopologyView)

public:
    explicit TopologyView(Simulation &simulation, QWidget *parent = nullptr);

    void rebuild();
    // Requests per pod, from the flow log's running totals.
    void updateCounts(const FlowStatistics &statistics);

    TopologyNodeItem *node(TopologyNodeItem::Kind kind, const QString &key) const;
    QList<TopologyNodeItem *> nodes(TopologyNodeItem::Kind kind) const;
    // The pod's menu actions (owned by `parent`); what the context menu shows.
    QList<QAction *> podActions(const QString &podKey, QObject *parent);
    // Pairs (from key, to key) of the drawn edges, for tests and for selection highlighting.
    QList<QPair<QString, QString>> edges() const { return m_edgeKeys; }
    void zoomToFit();

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    TopologyNodeItem *addNode(TopologyNodeItem::Kind kind, const QString &key);
    void addEdge(TopologyNodeItem *from, TopologyNodeItem *to, const QString &label, bool dashed);
    void layoutColumns();
    void updatePodNode(TopologyNodeItem *item);

    Simulation &m_simulation;
    QGraphicsScene *m_scene;
    QHash<QString, TopologyNodeItem *> m_nodes;      // "kind:key"
    QList<TopologyNodeItem *> m_columns[4];
    QHash<TopologyNodeItem *, QList<TopologyNodeItem *>> m_children;
    QList<QPair<QString, QString>> m_edgeKeys;
    QHash<QString, qint64> m_podRequests;
    QHash<QString, QString> m_podBehaviour;           // podKey → how its mock answers
    bool m_fitted = false;
};

} // namespace gw::ui
