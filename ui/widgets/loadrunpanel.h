#pragma once

#include "client/loadrunner.h"
#include "flow/flowstatistics.h"
#include "models/sessiontablemodel.h"

#include <QThreadPool>
#include <QTimer>
#include <QWidget>
#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace gw {
class Simulation;
}

namespace gw::ui {

class ClientDirectory;

// Load runs: N clients × M requests with at most C clients in flight, keep-alive or not, with or
// without cookie jars, sending the composer's request. The run is on the LoadRunner's own
// threads; this panel only reads its progress counters on a coarse timer, so the window stays
// responsive at the gateway's top rate. When the run ends its clients' ports are handed to the
// ClientDirectory (off the GUI thread) and their jars to the Sessions view.
class LoadRunPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoadRunPanel)

public:
    using RequestProvider = std::function<ClientRequest()>;

    LoadRunPanel(Simulation &simulation, ClientDirectory &directory, RequestProvider requestProvider, QWidget *parent = nullptr);

    void setPlan(int clients, int requestsPerClient, int concurrency, SimulatedClient::ConnectionPolicy policy, bool useCookieJars);
    bool start();
    void cancel();
    bool isRunning() const;
    LoadRunner *runner() const { return m_runner; }
    // The last run's clients' cookies (client names as in the flow table).
    QList<SessionTableModel::Holder> holders() const { return m_holders; }
    QString summaryText() const;
    QProgressBar *progressBar() const { return m_progress; }
    int runNumber() const { return m_runNumber; }

Q_SIGNALS:
    void runStarted();
    void runFinished();
    // The run's client ports are in the directory: flows can be named.
    void clientsRegistered();

private:
    void updateProgress();
    void onFinished();

    Simulation &m_simulation;
    ClientDirectory &m_directory;
    RequestProvider m_requestProvider;
    LoadRunner *m_runner;
    QSpinBox *m_clients;
    QSpinBox *m_requests;
    QSpinBox *m_concurrency;
    QComboBox *m_policy;
    QCheckBox *m_jars;
    QPushButton *m_start;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_counts;
    QLabel *m_summary;
    QTimer m_progressTimer;
    QString m_prefix;
    int m_runNumber = 0;
    FlowStatistics m_before;
    QList<SessionTableModel::Holder> m_holders;
    // Last member, so it is destroyed first: its destructor waits for a registration in progress.
    QThreadPool m_registrationPool;
};

} // namespace gw::ui
