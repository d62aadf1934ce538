#pragma once

#include "client/clientrequest.h"
#include "client/clientresult.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace gw {
class Simulation;
}

namespace gw::ui {

class ClientPool;
class CookieJarModel;

// The request composer: which client sends (named simulated clients, each with its own cookie
// jar, shown and editable, and its own connection policy: keep-alive, or a new connection per
// request to show FSM's per-connection balancing), and what: method, gateway listener, path,
// headers and body. The answer is shown here; the main window selects its flow in Traffic.
class ComposerPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ComposerPanel)

public:
    ComposerPanel(Simulation &simulation, ClientPool &pool, QWidget *parent = nullptr);

    void setMethod(const QString &method);
    void setPath(const QString &path);
    void setHeadersText(const QString &text);
    void setBody(const QString &body);
    void setHostHeader(const QString &host);
    bool selectListener(const QString &gatewayKey, const QString &listenerName);
    void setCurrentClient(const QString &name);
    QString currentClient() const;
    // The request the fields describe, to the selected listener; empty connectHost when none is served.
    ClientRequest currentRequest() const;
    // "Name: value" lines; malformed lines are reported in `*error`.
    static HttpHeaders parseHeaders(const QString &text, QString *error);

    // Sends the composed request from the current client; returns the pool's ticket (0: not sent).
    quint64 send();
    QString responseText() const;
    QString statusText() const;
    CookieJarModel *jarModel() const { return m_jarModel; }
    QListWidget *clientList() const { return m_clients; }

Q_SIGNALS:
    void sent(quint64 ticket, const QString &client);

private:
    void refreshListeners();
    void refreshClients();
    void showClient();
    void showResult(quint64 ticket, const gw::ClientResult &result);
    void addClientDialog();

    Simulation &m_simulation;
    ClientPool &m_pool;
    QListWidget *m_clients;
    QComboBox *m_policy;
    QCheckBox *m_usesJar;
    QTableView *m_jarView;
    CookieJarModel *m_jarModel;
    QComboBox *m_method;
    QComboBox *m_listener;
    QLineEdit *m_path;
    QLineEdit *m_host;
    QPlainTextEdit *m_headers;
    QPlainTextEdit *m_body;
    QPushButton *m_send;
    QLabel *m_status;
    QPlainTextEdit *m_response;
    QTimer m_jarTimer;
    QList<quint64> m_myTickets;
};

} // namespace gw::ui
