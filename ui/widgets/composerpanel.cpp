#include "composerpanel.h"

#include "clientpool.h"
#include "lab/simulation.h"
#include "models/cookiejarmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace gw::ui {

namespace {

QPlainTextEdit *smallEditor(QWidget *parent, int lines)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * lines + 10);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    return edit;
}

QString clientLabel(const ClientPool::Client &client)
{
    QStringList traits;
    traits << (client.usesCookieJar ? QObject::tr("cookie jar") : QObject::tr("no cookies"));
    traits << (client.policy == SimulatedClient::ConnectionPolicy::KeepAlive ? QObject::tr("keep-alive") : QObject::tr("new connection each request"));
    return client.name + QStringLiteral("  (") + traits.join(QStringLiteral(", ")) + u')';
}

} // namespace

ComposerPanel::ComposerPanel(Simulation &simulation, ClientPool &pool, QWidget *parent)
    : QWidget(parent)
    , m_simulation(simulation)
    , m_pool(pool)
    , m_clients(new QListWidget(this))
    , m_policy(new QComboBox(this))
    , m_usesJar(new QCheckBox(tr("Keeps cookies"), this))
    , m_jarView(new QTableView(this))
    , m_jarModel(new CookieJarModel([&simulation] { return simulation.clock().nowMs(); }, this))
    , m_method(new QComboBox(this))
    , m_listener(new QComboBox(this))
    , m_path(new QLineEdit(QStringLiteral("/"), this))
    , m_host(new QLineEdit(this))
    , m_headers(smallEditor(this, 3))
    , m_body(smallEditor(this, 3))
    , m_send(new QPushButton(tr("Send"), this))
    , m_status(new QLabel(this))
    , m_response(new QPlainTextEdit(this))
{
    // Who sends.
    auto *clientsBox = new QGroupBox(tr("Client"), this);
    auto *clientsLayout = new QVBoxLayout(clientsBox);
    m_clients->setMaximumHeight(m_clients->fontMetrics().lineSpacing() * 5 + 12);
    clientsLayout->addWidget(m_clients);
    auto *clientButtons = new QHBoxLayout;
    auto *addButton = new QPushButton(tr("Add…"), clientsBox);
    auto *removeButton = new QPushButton(tr("Remove"), clientsBox);
    auto *disconnectButton = new QPushButton(tr("Close connection"), clientsBox);
    disconnectButton->setToolTip(tr("Close the client's kept-alive connection: its next request opens a new one"));
    clientButtons->addWidget(addButton);
    clientButtons->addWidget(removeButton);
    clientButtons->addWidget(disconnectButton);
    clientButtons->addStretch();
    clientsLayout->addLayout(clientButtons);
    auto *policyRow = new QHBoxLayout;
    m_policy->addItem(tr("Keep-alive connection"), int(SimulatedClient::ConnectionPolicy::KeepAlive));
    m_policy->addItem(tr("New connection per request"), int(SimulatedClient::ConnectionPolicy::NewConnectionPerRequest));
    m_policy->setToolTip(tr("FSM balances HTTP/1 per connection: a kept-alive client stays on one pod even without a cookie"));
    policyRow->addWidget(m_policy, 1);
    policyRow->addWidget(m_usesJar);
    clientsLayout->addLayout(policyRow);
    clientsLayout->addWidget(new QLabel(tr("Cookie jar (double-click a value to edit it):"), clientsBox));
    m_jarView->setModel(m_jarModel);
    m_jarView->verticalHeader()->hide();
    m_jarView->horizontalHeader()->setStretchLastSection(true);
    m_jarView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_jarView->setMaximumHeight(m_jarView->fontMetrics().lineSpacing() * 5 + 30);
    m_jarView->setColumnWidth(CookieJarModel::NameColumn, 70);
    m_jarView->setColumnWidth(CookieJarModel::ValueColumn, 140);
    clientsLayout->addWidget(m_jarView);
    auto *jarButtons = new QHBoxLayout;
    auto *addCookie = new QPushButton(tr("Add cookie…"), clientsBox);
    auto *removeCookie = new QPushButton(tr("Remove"), clientsBox);
    auto *clearJar = new QPushButton(tr("Clear jar"), clientsBox);
    jarButtons->addWidget(addCookie);
    jarButtons->addWidget(removeCookie);
    jarButtons->addWidget(clearJar);
    jarButtons->addStretch();
    clientsLayout->addLayout(jarButtons);

    // What it sends.
    auto *requestBox = new QGroupBox(tr("Request"), this);
    auto *form = new QFormLayout(requestBox);
    auto *lineRow = new QHBoxLayout;
    m_method->setEditable(true);
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"), QStringLiteral("DELETE"), QStringLiteral("PATCH"),
                        QStringLiteral("HEAD"), QStringLiteral("OPTIONS")});
    lineRow->addWidget(m_method);
    lineRow->addWidget(m_path, 1);
    form->addRow(tr("Listener"), m_listener);
    form->addRow(tr("Request"), lineRow);
    m_host->setPlaceholderText(tr("Host header (default: the listener's address)"));
    form->addRow(tr("Host"), m_host);
    m_headers->setPlaceholderText(tr("Name: value, one per line"));
    form->addRow(tr("Headers"), m_headers);
    form->addRow(tr("Body"), m_body);
    m_send->setDefault(true);
    m_send->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    m_send->setToolTip(tr("Send from the selected client (Ctrl+Shift+Return)"));
    form->addRow(QString(), m_send);

    // What came back.
    auto *responseBox = new QGroupBox(tr("Response"), this);
    auto *responseLayout = new QVBoxLayout(responseBox);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    responseLayout->addWidget(m_status);
    m_response->setReadOnly(true);
    m_response->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    responseLayout->addWidget(m_response);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(clientsBox);
    splitter->addWidget(requestBox);
    splitter->addWidget(responseBox);
    splitter->setStretchFactor(2, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(addButton, &QPushButton::clicked, this, &ComposerPanel::addClientDialog);
    connect(removeButton, &QPushButton::clicked, this, [this] { m_pool.removeClient(currentClient()); });
    connect(disconnectButton, &QPushButton::clicked, this, [this] { m_pool.disconnectClient(currentClient()); });
    connect(m_policy, &QComboBox::activated, this, [this] {
        m_pool.setConnectionPolicy(currentClient(), SimulatedClient::ConnectionPolicy(m_policy->currentData().toInt()));
    });
    connect(m_usesJar, &QCheckBox::clicked, this, [this](bool checked) { m_pool.setUsesCookieJar(currentClient(), checked); });
    connect(m_clients, &QListWidget::currentRowChanged, this, &ComposerPanel::showClient);
    connect(addCookie, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString text = QInputDialog::getText(this, tr("Add cookie"), tr("name=value"), QLineEdit::Normal, QStringLiteral("_srv_id="), &ok);
        const qsizetype eq = text.indexOf(u'=');
        if (!ok || eq <= 0)
            return;
        const Simulation::ListenerAddress listener = m_simulation.listeners().value(qMax(0, m_listener->currentIndex()));
        m_jarModel->addCookie(text.left(eq).trimmed().toLatin1(), text.mid(eq + 1).trimmed().toLatin1(), QString::fromLatin1(listener.address));
    });
    connect(removeCookie, &QPushButton::clicked, this, [this] { m_jarModel->removeCookie(m_jarView->currentIndex().row()); });
    connect(clearJar, &QPushButton::clicked, m_jarModel, &CookieJarModel::clearJar);
    connect(m_send, &QPushButton::clicked, this, &ComposerPanel::send);
    connect(m_path, &QLineEdit::returnPressed, this, &ComposerPanel::send);
    connect(&m_pool, &ClientPool::clientsChanged, this, &ComposerPanel::refreshClients);
    connect(&m_pool, &ClientPool::resultReady, this, &ComposerPanel::showResult);
    connect(&m_simulation, &Simulation::configurationChanged, this, &ComposerPanel::refreshListeners);
    m_jarTimer.setTimerType(Qt::CoarseTimer);
    m_jarTimer.setInterval(1000);
    connect(&m_jarTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            m_jarModel->refresh();
    });
    m_jarTimer.start();

    refreshListeners();
    refreshClients();
}

void ComposerPanel::addClientDialog()
{
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New client"), tr("Name"), QLineEdit::Normal,
                                               tr("client-%1").arg(m_pool.names().size() + 1), &ok).trimmed();
    if (!ok || name.isEmpty())
        return;
    if (!m_pool.addClient({name, SimulatedClient::ConnectionPolicy::KeepAlive, true})) {
        m_status->setText(tr("There is already a client named %1.").arg(name));
        return;
    }
    setCurrentClient(name);
}

void ComposerPanel::refreshListeners()
{
    const QString previous = m_listener->currentData().toString();
    m_listener->clear();
    for (const Simulation::ListenerAddress &listener : m_simulation.listeners()) {
        const QString key = listener.gatewayKey + u'/' + listener.listenerName;
        m_listener->addItem(key + QStringLiteral("  ") + listener.url, key);
    }
    const int index = m_listener->findData(previous);
    m_listener->setCurrentIndex(index >= 0 ? index : 0);
    m_send->setEnabled(m_listener->count() > 0);
}

void ComposerPanel::refreshClients()
{
    const QString current = currentClient();
    const QSignalBlocker blocker(m_clients);
    m_clients->clear();
    for (const QString &name : m_pool.names()) {
        auto *item = new QListWidgetItem(clientLabel(m_pool.client(name)), m_clients);
        item->setData(Qt::UserRole, name);
    }
    setCurrentClient(current.isEmpty() || !m_pool.contains(current) ? m_pool.names().value(0) : current);
}

void ComposerPanel::setCurrentClient(const QString &name)
{
    for (int row = 0; row < m_clients->count(); ++row) {
        if (m_clients->item(row)->data(Qt::UserRole).toString() == name) {
            m_clients->setCurrentRow(row);
            break;
        }
    }
    showClient();
}

QString ComposerPanel::currentClient() const
{
    const QListWidgetItem *item = m_clients->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void ComposerPanel::showClient()
{
    const QString name = currentClient();
    const ClientPool::Client client = m_pool.client(name);
    m_policy->setCurrentIndex(m_policy->findData(int(client.policy)));
    m_usesJar->setChecked(client.usesCookieJar);
    m_policy->setEnabled(!name.isEmpty());
    m_usesJar->setEnabled(!name.isEmpty());
    m_jarModel->setJar(m_pool.cookieJar(name));
}

void ComposerPanel::setMethod(const QString &method)
{
    m_method->setCurrentText(method);
}

void ComposerPanel::setPath(const QString &path)
{
    m_path->setText(path);
}

void ComposerPanel::setHeadersText(const QString &text)
{
    m_headers->setPlainText(text);
}

void ComposerPanel::setBody(const QString &body)
{
    m_body->setPlainText(body);
}

void ComposerPanel::setHostHeader(const QString &host)
{
    m_host->setText(host);
}

bool ComposerPanel::selectListener(const QString &gatewayKey, const QString &listenerName)
{
    const int index = m_listener->findData(QString(gatewayKey + u'/' + listenerName));
    if (index < 0)
        return false;
    m_listener->setCurrentIndex(index);
    return true;
}

HttpHeaders ComposerPanel::parseHeaders(const QString &text, QString *error)
{
    HttpHeaders headers;
    const QStringList lines = text.split(u'\n');
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0) {
            if (error && error->isEmpty())
                *error = tr("header line %1 has no \"Name: value\": %2").arg(i + 1).arg(line);
            continue;
        }
        headers.append(line.left(colon).trimmed().toLatin1(), line.mid(colon + 1).trimmed().toLatin1());
    }
    return headers;
}

ClientRequest ComposerPanel::currentRequest() const
{
    ClientRequest request;
    const QString key = m_listener->currentData().toString();
    for (const Simulation::ListenerAddress &listener : m_simulation.listeners()) {
        if (listener.gatewayKey + u'/' + listener.listenerName == key) {
            request.connectHost = listener.address;
            request.connectPort = listener.port;
        }
    }
    if (request.connectPort == 0)
        request.connectHost.clear();
    request.method = m_method->currentText().trimmed().toUpper().toLatin1();
    QString path = m_path->text().trimmed();
    if (!path.startsWith(u'/'))
        path.prepend(u'/');
    request.target = path.toUtf8();
    request.hostHeader = m_host->text().trimmed().toLatin1();
    request.headers = parseHeaders(m_headers->toPlainText(), nullptr);
    request.body = m_body->toPlainText().toUtf8();
    return request;
}

quint64 ComposerPanel::send()
{
    const QString client = currentClient();
    QString headerError;
    parseHeaders(m_headers->toPlainText(), &headerError);
    const ClientRequest request = currentRequest();
    if (client.isEmpty()) {
        m_status->setText(tr("Add a client first."));
        return 0;
    }
    if (request.connectHost.isEmpty()) {
        m_status->setText(tr("No listener is served: load manifests with a Gateway first."));
        return 0;
    }
    if (!headerError.isEmpty()) {
        m_status->setText(tr("<span style='color:#c62828'>Not sent: %1</span>").arg(headerError.toHtmlEscaped()));
        return 0;
    }
    const quint64 ticket = m_pool.send(client, request);
    if (ticket) {
        m_myTickets.append(ticket);
        m_status->setText(tr("Sending from %1…").arg(client.toHtmlEscaped()));
        Q_EMIT sent(ticket, client);
    }
    return ticket;
}

void ComposerPanel::showResult(quint64 ticket, const ClientResult &result)
{
    if (!m_myTickets.removeOne(ticket))
        return;
    if (!result.ok) {
        m_status->setText(tr("<span style='color:#c62828'><b>%1</b>: no response: %2</span>")
                              .arg(result.clientName.toHtmlEscaped(), result.error.toHtmlEscaped()));
        m_response->clear();
    } else {
        const QString connection = result.newConnection ? tr("new connection") : tr("request %1 on a kept-alive connection").arg(result.requestOnConnection);
        m_status->setText(tr("<b>%1</b> got <b>%2 %3</b> in %4 ms (%5, local port %6)")
                              .arg(result.clientName.toHtmlEscaped())
                              .arg(result.response.status)
                              .arg(QString::fromLatin1(result.response.reason.isEmpty() ? HttpResponse::standardReason(result.response.status)
                                                                                          : result.response.reason)
                                       .toHtmlEscaped())
                              .arg(double(result.durationUs) / 1000.0, 0, 'f', 2)
                              .arg(connection)
                              .arg(result.localPort));
        QString text;
        for (const HttpHeaders::Field &field : result.response.headers.fields())
            text += QString::fromLatin1(field.name + ": " + field.value) + u'\n';
        text += u'\n' + QString::fromUtf8(result.response.body);
        m_response->setPlainText(text);
    }
    m_jarModel->refresh();
}

QString ComposerPanel::responseText() const
{
    return m_response->toPlainText();
}

QString ComposerPanel::statusText() const
{
    return m_status->text();
}

} // namespace gw::ui
