#pragma once

#include "client/clientresult.h"
#include "client/simulatedclient.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QThread>

namespace gw {
class LabClock;
}

namespace gw::ui {

class ClientDirectory;

// The composer's named simulated clients, each with its own cookie jar and connection policy.
// They live on one worker thread with its own event loop, so a request never blocks the GUI; each
// answer comes back as one queued signal (a hand-fired request is one user action). Every port a
// client uses is noted in the ClientDirectory before the answer is posted, so the Traffic view
// can name the client of a flow.
class ClientPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientPool)

public:
    struct Client
    {
        QString name;
        SimulatedClient::ConnectionPolicy policy = SimulatedClient::ConnectionPolicy::KeepAlive;
        bool usesCookieJar = true;
    };

    ClientPool(const LabClock &clock, ClientDirectory &directory, QObject *parent = nullptr);
    ~ClientPool() override;   // deletes the clients on their thread, then stops it

    // False when the name is empty or taken.
    bool addClient(const Client &client);
    bool removeClient(const QString &name);
    bool contains(const QString &name) const { return m_clients.contains(name); }
    QStringList names() const { return m_order; }
    Client client(const QString &name) const;
    bool setConnectionPolicy(const QString &name, SimulatedClient::ConnectionPolicy policy);
    bool setUsesCookieJar(const QString &name, bool uses);
    // The client's jar (thread-safe): shown, edited and cleared from the GUI while the client runs.
    CookieJar *cookieJar(const QString &name) const;
    // Closes the client's kept-alive connection: the next request opens a new one.
    void disconnectClient(const QString &name);

    // Queues a request on the client; returns a ticket (0 for an unknown client) that
    // resultReady carries back.
    quint64 send(const QString &name, const ClientRequest &request);
    int inFlight() const { return m_inFlight; }

Q_SIGNALS:
    void resultReady(quint64 ticket, const gw::ClientResult &result);
    void clientsChanged();

private:
    const LabClock &m_clock;
    ClientDirectory &m_directory;
    QThread m_thread;
    QObject *m_context;                            // lives on m_thread: where the clients are deleted
    QHash<QString, SimulatedClient *> m_clients;   // live on m_thread
    QHash<QString, Client> m_settings;
    QStringList m_order;
    quint64 m_nextTicket = 0;
    int m_inFlight = 0;
};

} // namespace gw::ui
