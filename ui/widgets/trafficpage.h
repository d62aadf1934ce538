#pragma once

#include "flow/flowrecord.h"

#include <QWidget>
#include <functional>

class QAction;
class QLabel;
class QLineEdit;
class QTableView;

namespace gw::ui {

class FlowFilterProxyModel;
class FlowInspector;
class FlowTableModel;

// The Traffic tab: the live flow table (filter, follow, pause, clear) over the inspector. Rows come
// in batches from the flow pump; the view follows new rows only while the user is at the bottom.
class TrafficPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrafficPage)

public:
    using ReplayHandler = std::function<void(const FlowRecord &record, const QString &clientName)>;

    explicit TrafficPage(QWidget *parent = nullptr);

    void appendRecords(const QList<FlowRecord> &records);
    void clear();
    void setPaused(bool paused);
    bool isPaused() const;
    void setFollow(bool follow);
    bool follows() const;
    // Returns false (with the reason shown under the field) for text that is no filter.
    bool setFilterText(const QString &text);
    bool selectFlow(quint64 id);
    // The selected flow, or null.
    const FlowRecord *selectedRecord() const;
    QString selectedClient() const;
    QString curlForSelected() const;
    void setReplayHandler(ReplayHandler handler);

    FlowTableModel *model() const { return m_model; }
    FlowFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    FlowInspector *inspector() const { return m_inspector; }
    QLabel *filterError() const { return m_filterError; }
    qint64 skippedWhilePaused() const { return m_skipped; }

Q_SIGNALS:
    void statusMessage(const QString &message);

private:
    void updateCounts();
    void showSelected();

    FlowTableModel *m_model;
    FlowFilterProxyModel *m_proxy;
    QTableView *m_table;
    FlowInspector *m_inspector;
    QLineEdit *m_filter;
    QLabel *m_filterError;
    QLabel *m_counts;
    QAction *m_followAction;
    QAction *m_pauseAction;
    QAction *m_replayAction;
    QAction *m_curlAction;
    ReplayHandler m_replay;
    bool m_wasAtBottom = true;
    qint64 m_skipped = 0;
};

} // namespace gw::ui
