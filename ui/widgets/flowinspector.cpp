#include "flowinspector.h"

#include "models/flowtablemodel.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace gw::ui {

namespace {

QPlainTextEdit *makeTextPane(QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return edit;
}

QTreeWidget *makeTree(const QStringList &headers, QWidget *parent)
{
    auto *tree = new QTreeWidget(parent);
    tree->setHeaderLabels(headers);
    tree->setRootIsDecorated(false);
    tree->setUniformRowHeights(false);
    tree->setWordWrap(true);
    tree->setAlternatingRowColors(true);
    tree->header()->setStretchLastSection(true);
    tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    return tree;
}

QString bodyText(const QByteArray &body, const QByteArray &contentType)
{
    if (body.isEmpty())
        return {};
    if (contentType.contains("json")) {
        const QJsonDocument json = QJsonDocument::fromJson(body);
        if (!json.isNull())
            return QString::fromUtf8(json.toJson(QJsonDocument::Indented));
    }
    return QString::fromUtf8(body);
}

QString micros(qint64 us)
{
    if (us < 0)
        return QObject::tr("—");
    return QStringLiteral("%1 ms").arg(double(us) / 1000.0, 0, 'f', 3);
}

// "a=1; b=2" as (name, value) pairs.
QList<QPair<QByteArray, QByteArray>> requestCookies(const HttpHeaders &headers)
{
    QList<QPair<QByteArray, QByteArray>> result;
    for (const QByteArray &header : headers.values("cookie")) {
        for (const QByteArray &part : header.split(';')) {
            const QByteArray pair = part.trimmed();
            const qsizetype eq = pair.indexOf('=');
            if (eq > 0)
                result.append({pair.left(eq), pair.mid(eq + 1)});
        }
    }
    return result;
}

} // namespace

FlowInspector::FlowInspector(QWidget *parent)
    : QTabWidget(parent)
    , m_whyPage(new QWidget(this))
    , m_summary(new QLabel(m_whyPage))
    , m_facts(makeTree({tr("Decision"), tr("Outcome")}, m_whyPage))
    , m_steps(makeTree({tr("#"), tr("Step")}, m_whyPage))
    , m_request(makeTextPane(this))
    , m_response(makeTextPane(this))
    , m_cookies(makeTree({tr("Direction"), tr("Name"), tr("Value"), tr("Note")}, this))
    , m_timing(makeTree({tr("Measure"), tr("Value")}, this))
{
    setDocumentMode(true);
    auto *layout = new QVBoxLayout(m_whyPage);
    layout->setContentsMargins(6, 6, 6, 6);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    layout->addWidget(m_facts, 2);
    layout->addWidget(new QLabel(tr("<b>Decision trail</b>, in the order the gateway took the decisions"), m_whyPage));
    layout->addWidget(m_steps, 3);
    m_steps->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_facts->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_timing->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    addTab(m_whyPage, tr("Why this pod"));
    addTab(m_request, tr("Request"));
    addTab(m_response, tr("Response"));
    addTab(m_cookies, tr("Cookies"));
    addTab(m_timing, tr("Timing"));
    clearRecord();
}

void FlowInspector::clearRecord()
{
    m_hasRecord = false;
    m_record = FlowRecord();
    m_summary->setText(tr("Select a flow in the table to see where it went and why."));
    m_facts->clear();
    m_steps->clear();
    m_request->clear();
    m_response->clear();
    m_cookies->clear();
    m_timing->clear();
}

QString FlowInspector::rawRequest(const FlowRecord &record)
{
    QString text = QString::fromLatin1(record.method + ' ' + record.target + " HTTP/1.1") + u'\n';
    for (const HttpHeaders::Field &field : record.requestHeaders.fields())
        text += QString::fromLatin1(field.name + ": " + field.value) + u'\n';
    const QString body = bodyText(record.requestBody, record.requestHeaders.value("content-type"));
    if (!body.isEmpty())
        text += u'\n' + body;
    return text;
}

QString FlowInspector::rawResponse(const FlowRecord &record)
{
    if (record.status == 0)
        return tr("No response was sent.") + (record.error.isEmpty() ? QString() : u'\n' + record.error);
    QString text = QStringLiteral("HTTP/1.1 %1 %2\n").arg(record.status).arg(QString::fromLatin1(record.reason));
    for (const HttpHeaders::Field &field : record.responseHeaders.fields())
        text += QString::fromLatin1(field.name + ": " + field.value) + u'\n';
    const QString body = bodyText(record.responseBody, record.responseHeaders.value("content-type"));
    if (!body.isEmpty())
        text += u'\n' + body;
    if (record.responseBodySize > record.responseBody.size())
        text += tr("\n[… %1 of %2 bytes shown]").arg(record.responseBody.size()).arg(record.responseBodySize);
    return text;
}

void FlowInspector::showRecord(const FlowRecord &record, const QString &clientName)
{
    m_record = record;
    m_hasRecord = true;

    // Why this pod: a one-line answer, the facts, then the trail.
    QString answer;
    const QString pod = record.podKey.isEmpty() ? record.endpointKey : FlowTableModel::podName(record.podKey);
    if (pod.isEmpty()) {
        answer = tr("<b>No pod</b>: the gateway answered %1 itself.").arg(record.status);
    } else {
        QString how;
        switch (record.endpointChoice) {
        case FlowRecord::EndpointChoice::Cookie:
            how = tr("the sticky cookie <code>%1=%2</code> named it").arg(QString::fromLatin1(record.cookieName).toHtmlEscaped(),
                                                                         QString::fromLatin1(record.cookieReceived).toHtmlEscaped());
            break;
        case FlowRecord::EndpointChoice::Balancer: how = tr("the round-robin balancer picked it"); break;
        case FlowRecord::EndpointChoice::ConnectionPinned:
            how = tr("an earlier request on the same client connection had it picked (FSM balances HTTP/1 per connection)");
            break;
        case FlowRecord::EndpointChoice::None: how = tr("no endpoint was chosen"); break;
        }
        answer = tr("<b>%1</b> (%2) answered %3, because %4.").arg(pod.toHtmlEscaped(), record.endpointKey.toHtmlEscaped()).arg(record.status).arg(how);
        if (!record.cookieIssued.isNull())
            answer += tr(" The response pins the client to it with <code>%1=%2</code>.")
                          .arg(QString::fromLatin1(record.cookieName).toHtmlEscaped(), QString::fromLatin1(record.cookieIssued).toHtmlEscaped());
    }
    m_summary->setText(answer);

    m_facts->clear();
    const auto fact = [this](const QString &name, const QString &value) {
        auto *item = new QTreeWidgetItem(m_facts, {name, value});
        item->setToolTip(1, value);
    };
    fact(tr("Client"), clientName);
    fact(tr("Listener"), record.listenerName.isEmpty() ? tr("none accepts host %1").arg(QString::fromLatin1(record.host))
                                                        : record.gatewayKey + u'/' + record.listenerName + u" (" + profileName(record.profile) + u')');
    fact(tr("Rule matched"), record.routeKey.isEmpty() ? tr("none")
                                                       : tr("HTTPRoute %1, rule %2, match %3").arg(record.routeKey).arg(record.ruleIndex).arg(record.matchIndex));
    fact(tr("Service"), record.serviceKey.isEmpty() ? tr("none")
                         : record.backendCount > 1 ? tr("%1 (by weight among %2 backends)").arg(record.serviceKey).arg(record.backendCount)
                                                   : record.serviceKey);
    fact(tr("Session cookie"), FlowRecord::stickyDecisionName(record.stickyDecision));
    fact(tr("Endpoint chosen by"), FlowRecord::endpointChoiceName(record.endpointChoice));
    fact(tr("Endpoint"), record.endpointKey.isEmpty() ? tr("none") : record.endpointKey + u"  " + record.podKey);
    if (!record.error.isEmpty())
        fact(tr("Error"), record.error);

    m_steps->clear();
    const QStringList trail = record.decisionTrail();
    for (int i = 0; i < trail.size(); ++i) {
        auto *item = new QTreeWidgetItem(m_steps, {QString::number(i + 1), trail.at(i)});
        item->setToolTip(1, trail.at(i));
    }

    m_request->setPlainText(rawRequest(record));
    m_response->setPlainText(rawResponse(record));

    m_cookies->clear();
    for (const auto &[name, value] : requestCookies(record.requestHeaders)) {
        const bool sticky = name == record.cookieName;
        QString note;
        if (sticky) {
            note = record.stickyDecision == FlowRecord::StickyDecision::Honoured   ? tr("sticky cookie: honoured")
                   : record.stickyDecision == FlowRecord::StickyDecision::Repinned ? tr("sticky cookie: names no current endpoint")
                                                                                   : tr("sticky cookie");
        }
        new QTreeWidgetItem(m_cookies, {tr("sent"), QString::fromLatin1(name), QString::fromLatin1(value), note});
    }
    for (const QByteArray &setCookie : record.responseHeaders.values("set-cookie")) {
        const qsizetype eq = setCookie.indexOf('=');
        const qsizetype semicolon = setCookie.indexOf(';');
        const QByteArray name = setCookie.left(eq);
        const QByteArray value = setCookie.mid(eq + 1, semicolon < 0 ? -1 : semicolon - eq - 1);
        const QString attributes = semicolon < 0 ? QString() : QString::fromLatin1(setCookie.mid(semicolon + 1).trimmed());
        const bool sticky = name == record.cookieName && value == record.cookieIssued;
        new QTreeWidgetItem(m_cookies, {tr("received"), QString::fromLatin1(name), QString::fromLatin1(value),
                                        sticky ? tr("sticky cookie issued by the gateway; %1").arg(attributes) : attributes});
    }
    if (m_cookies->topLevelItemCount() == 0)
        new QTreeWidgetItem(m_cookies, {tr("—"), tr("no cookies sent or received")});

    m_timing->clear();
    const auto timing = [this](const QString &name, const QString &value) { new QTreeWidgetItem(m_timing, {name, value}); };
    timing(tr("Started"), QDateTime::fromMSecsSinceEpoch(record.startedAtMs, Qt::UTC).toString(Qt::ISODateWithMs));
    timing(tr("Total at the gateway"), micros(record.durationUs));
    timing(tr("Upstream connect"), record.upstreamConnectUs < 0 ? tr("reused pooled connection or no upstream") : micros(record.upstreamConnectUs));
    timing(tr("Upstream wait"), micros(record.upstreamWaitUs));
    if (record.upstreamWaitUs >= 0)
        timing(tr("Gateway's own time"), micros(qMax<qint64>(0, record.durationUs - record.upstreamWaitUs - qMax<qint64>(0, record.upstreamConnectUs))));
    timing(tr("Client connection"), tr("#%1, request %2 on it, from %3:%4")
                                        .arg(record.connectionId)
                                        .arg(record.requestOnConnection)
                                        .arg(QString::fromLatin1(record.clientAddress))
                                        .arg(record.clientPort));
    timing(tr("Configuration version"), QString::number(record.configVersion));
    timing(tr("Response body"), tr("%n byte(s)", "", int(qMin<qint64>(record.responseBodySize, INT_MAX))));
}

QStringList FlowInspector::trailSteps() const
{
    QStringList result;
    for (int i = 0; i < m_steps->topLevelItemCount(); ++i)
        result << m_steps->topLevelItem(i)->text(1);
    return result;
}

QString FlowInspector::summaryText() const
{
    return m_summary->text();
}

QString FlowInspector::requestText() const
{
    return m_request->toPlainText();
}

QString FlowInspector::responseText() const
{
    return m_response->toPlainText();
}

QStringList FlowInspector::cookieRows() const
{
    QStringList result;
    for (int i = 0; i < m_cookies->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_cookies->topLevelItem(i);
        result << item->text(0) + u' ' + item->text(1) + u'=' + item->text(2) + u' ' + item->text(3);
    }
    return result;
}

QString FlowInspector::timingText() const
{
    QStringList lines;
    for (int i = 0; i < m_timing->topLevelItemCount(); ++i)
        lines << m_timing->topLevelItem(i)->text(0) + u": " + m_timing->topLevelItem(i)->text(1);
    return lines.join(u'\n');
}

} // namespace gw::ui
