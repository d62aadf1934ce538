#include "trafficpage.h"

#include "curlcommand.h"
#include "flowinspector.h"
#include "models/flowfilterproxymodel.h"
#include "models/flowtablemodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace gw::ui {

TrafficPage::TrafficPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new FlowTableModel(this))
    , m_proxy(new FlowFilterProxyModel(m_model, this))
    , m_table(new QTableView(this))
    , m_inspector(new FlowInspector(this))
    , m_filter(new QLineEdit(this))
    , m_filterError(new QLabel(this))
    , m_counts(new QLabel(this))
{
    auto *toolbar = new QToolBar(this);
    toolbar->setIconSize(QSize(16, 16));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_filter->setClearButtonEnabled(true);
    m_filter->setPlaceholderText(tr("Filter: pipy-1   status:5xx   sticky:repinned   client:alice   !method:GET"));
    m_filter->setToolTip(tr("Words must all match; a bare word matches any column.\n"
                            "Fields: %1\nstatus:5xx, status:>=400; !term negates; a|b is either.")
                             .arg(FlowFilter::fieldNames().join(QStringLiteral(", "))));
    m_filter->setMinimumWidth(320);
    toolbar->addWidget(m_filter);
    m_followAction = toolbar->addAction(style()->standardIcon(QStyle::SP_ArrowDown), tr("Follow"));
    m_followAction->setCheckable(true);
    m_followAction->setChecked(true);
    m_followAction->setToolTip(tr("Keep the newest flow in view while the table is scrolled to the bottom"));
    m_pauseAction = toolbar->addAction(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause"));
    m_pauseAction->setCheckable(true);
    m_pauseAction->setToolTip(tr("Stop adding flows to the table (the lab keeps recording them for Sessions and exports)"));
    toolbar->addAction(style()->standardIcon(QStyle::SP_DialogResetButton), tr("Clear"), this, &TrafficPage::clear)
        ->setToolTip(tr("Empty the table (the flow log and the statistics are kept)"));
    toolbar->addSeparator();
    m_curlAction = toolbar->addAction(tr("Copy as curl"), this, [this] {
        const QString curl = curlForSelected();
        if (curl.isEmpty())
            return;
        QApplication::clipboard()->setText(curl);
        Q_EMIT statusMessage(tr("Copied: %1").arg(curl));
    });
    m_curlAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_replayAction = toolbar->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Replay"), this, [this] {
        if (const FlowRecord *record = selectedRecord(); record && m_replay)
            m_replay(*record, selectedClient());
    });
    m_replayAction->setShortcut(QKeySequence(Qt::Key_R));
    m_replayAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_replayAction->setToolTip(tr("Send the selected request again, from the same client, through the gateway (R)"));
    m_replayAction->setEnabled(false);
    m_curlAction->setEnabled(false);
    auto *spacer = new QWidget(toolbar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolbar->addWidget(spacer);
    toolbar->addWidget(m_counts);

    m_filterError->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_filterError->hide();

    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    const QList<QPair<int, int>> widths{{FlowTableModel::IdColumn, 56},     {FlowTableModel::TimeColumn, 96},   {FlowTableModel::ClientColumn, 110},
                                        {FlowTableModel::MethodColumn, 64}, {FlowTableModel::HostColumn, 120},  {FlowTableModel::PathColumn, 150},
                                        {FlowTableModel::StatusColumn, 60}, {FlowTableModel::DurationColumn, 80}, {FlowTableModel::RouteColumn, 150},
                                        {FlowTableModel::PodColumn, 90}};
    for (const auto &[column, width] : widths)
        m_table->setColumnWidth(column, width);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        if (!m_table->indexAt(pos).isValid())
            return;
        QMenu menu(this);
        menu.addAction(m_curlAction);
        menu.addAction(m_replayAction);
        menu.exec(m_table->viewport()->mapToGlobal(pos));
    });

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_inspector);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(2);
    layout->addWidget(toolbar);
    layout->addWidget(m_filterError);
    layout->addWidget(splitter, 1);

    connect(m_filter, &QLineEdit::textChanged, this, &TrafficPage::setFilterText);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TrafficPage::showSelected);
    // Follow mode: whether the user was at the bottom is judged before the batch lands, so a user
    // who scrolled up to read is never yanked down.
    connect(m_proxy, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *bar = m_table->verticalScrollBar();
        m_wasAtBottom = bar->value() >= bar->maximum() - 2;
    });
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followAction->isChecked() && m_wasAtBottom && m_table->horizontalHeader()->sortIndicatorSection() < 0)
            m_table->scrollToBottom();
    });
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &TrafficPage::updateCounts);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &TrafficPage::updateCounts);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &TrafficPage::updateCounts);
    updateCounts();
}

void TrafficPage::appendRecords(const QList<FlowRecord> &records)
{
    if (m_pauseAction->isChecked()) {
        m_skipped += records.size();
        updateCounts();
        return;
    }
    m_model->appendBatch(records);
    // A client may report which port it used after the gateway logged the flow: retry recent rows.
    m_model->resolveClients(records.size() + 2000);
    updateCounts();
}

void TrafficPage::clear()
{
    m_model->clear();
    m_inspector->clearRecord();
    m_skipped = 0;
    updateCounts();
}

void TrafficPage::setPaused(bool paused)
{
    m_pauseAction->setChecked(paused);
}

bool TrafficPage::isPaused() const
{
    return m_pauseAction->isChecked();
}

void TrafficPage::setFollow(bool follow)
{
    m_followAction->setChecked(follow);
}

bool TrafficPage::follows() const
{
    return m_followAction->isChecked();
}

bool TrafficPage::setFilterText(const QString &text)
{
    if (m_filter->text() != text) {
        const QSignalBlocker blocker(m_filter);
        m_filter->setText(text);
    }
    const FlowFilter filter(text);
    if (!filter.isValid()) {
        m_filterError->setText(filter.error());
        m_filterError->show();
        m_filter->setStyleSheet(QStringLiteral("QLineEdit { border: 1px solid #c62828; }"));
        return false;
    }
    m_filterError->hide();
    m_filter->setStyleSheet(QString());
    m_proxy->setFilterText(text);
    updateCounts();
    return true;
}

bool TrafficPage::selectFlow(quint64 id)
{
    const int sourceRow = m_model->rowForId(id);
    if (sourceRow < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
    if (!index.isValid())
        return false;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

const FlowRecord *TrafficPage::selectedRecord() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return nullptr;
    return m_model->recordAt(m_proxy->mapToSource(current).row());
}

QString TrafficPage::selectedClient() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? m_model->clientAt(m_proxy->mapToSource(current).row()) : QString();
}

QString TrafficPage::curlForSelected() const
{
    const FlowRecord *record = selectedRecord();
    if (!record)
        return {};
    QList<CurlCommand::Header> headers;
    for (const HttpHeaders::Field &field : record->requestHeaders.fields())
        headers.append({field.name, field.value});
    const QString url = QStringLiteral("http://%1:%2%3")
                            .arg(QString::fromLatin1(record->gatewayAddress))
                            .arg(record->gatewayPort)
                            .arg(QString::fromLatin1(record->target));
    return CurlCommand::forRequest(record->method, url, headers, record->requestBody);
}

void TrafficPage::setReplayHandler(ReplayHandler handler)
{
    m_replay = std::move(handler);
    showSelected();
}

void TrafficPage::showSelected()
{
    const FlowRecord *record = selectedRecord();
    m_curlAction->setEnabled(record);
    m_replayAction->setEnabled(record && m_replay);
    if (record)
        m_inspector->showRecord(*record, selectedClient());
    else
        m_inspector->clearRecord();
}

void TrafficPage::updateCounts()
{
    QString text = tr("%1 of %2 flows shown").arg(m_proxy->rowCount()).arg(m_model->rowCount());
    if (m_model->droppedCount() > 0)
        text += tr(" · %1 oldest dropped (cap %2)").arg(m_model->droppedCount()).arg(m_model->capacity());
    if (m_pauseAction->isChecked())
        text += tr(" · paused, %1 not added").arg(m_skipped);
    m_counts->setText(text);
}

} // namespace gw::ui
