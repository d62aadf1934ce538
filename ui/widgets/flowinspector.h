#pragma once

#include "flow/flowrecord.h"

#include <QTabWidget>

class QLabel;
class QPlainTextEdit;
class QTreeWidget;

namespace gw::ui {

// The Traffic tab's detail pane for one flow: Why this pod (the decision trail step by step, with
// the facts it rests on), the request and response as they crossed the wire, their cookies, and
// the timing.
class FlowInspector final : public QTabWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlowInspector)

public:
    explicit FlowInspector(QWidget *parent = nullptr);

    void showRecord(const FlowRecord &record, const QString &clientName);
    void clearRecord();
    bool hasRecord() const { return m_hasRecord; }
    const FlowRecord &record() const { return m_record; }

    // What the panes show, for tests and for copying.
    QStringList trailSteps() const;
    QString summaryText() const;
    QString requestText() const;
    QString responseText() const;
    QStringList cookieRows() const;
    QString timingText() const;

    static QString rawRequest(const FlowRecord &record);
    static QString rawResponse(const FlowRecord &record);

private:
    QWidget *m_whyPage;
    QLabel *m_summary;
    QTreeWidget *m_facts;
    QTreeWidget *m_steps;
    QPlainTextEdit *m_request;
    QPlainTextEdit *m_response;
    QTreeWidget *m_cookies;
    QTreeWidget *m_timing;
    FlowRecord m_record;
    bool m_hasRecord = false;
};

} // namespace gw::ui
