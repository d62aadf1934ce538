// gatewaylab-screenshots: drives the real main window through the FSM session-stickiness tutorial
// (three clients with cookie jars and curl without), a YAML error, a stopped pod and a load run,
// and saves a PNG of each tab into the folder given (default docs/screenshots).
//
//   gatewaylab-screenshots [OUTPUT_DIR]

#include "common/labthreads.h"
#include "clientpool.h"
#include "lab/simulation.h"
#include "waituntil.h"
#include "mainwindow.h"
#include "models/flowtablemodel.h"
#include "widgets/composerpanel.h"
#include "widgets/loadrunpanel.h"
#include "widgets/manifestspage.h"
#include "widgets/sessionspage.h"
#include "widgets/topologyview.h"
#include "widgets/trafficpage.h"
#include "widgets/yamleditor.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextCursor>
#include <QTimer>

#include <cstdio>

namespace {

using gw::tools::waitUntil;

void settle(int ms)
{
    waitUntil([] { return false; }, ms);
}

bool save(QWidget &window, const QString &folder, const QString &name)
{
    settle(400);
    const QString path = folder + u'/' + name;
    if (!window.grab().save(path)) {
        std::fprintf(stderr, "could not write %s\n", qPrintable(path));
        return false;
    }
    std::printf("%s\n", qPrintable(path));
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const QString folder = QDir(argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(GATEWAYLAB_SOURCE_DIR "/docs/screenshots")).absolutePath();
    QDir().mkpath(folder);
    QTemporaryDir settingsDir;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());

    gw::LabThreads::yieldToCallingThread();
    gw::Simulation::Options options;
    options.defaultNamespace = QStringLiteral("server");
    gw::Simulation simulation(options);
    gw::ui::MainWindow window(simulation);
    window.resize(1400, 860);
    window.show();
    window.openPaths({QStringLiteral(GATEWAYLAB_SOURCE_DIR "/samples/session-sticky")});
    if (!simulation.isServing() || simulation.listeners().isEmpty()) {
        std::fprintf(stderr, "nothing served (is port 8000 on 127.0.0.2 taken?)\n");
        return 1;
    }
    bool ok = true;

    // The tutorial from inside the app: three browsers and curl.
    gw::ui::ComposerPanel *composer = window.composer();
    int answers = 0;
    QObject::connect(window.clientPool(), &gw::ui::ClientPool::resultReady, &app, [&answers] { ++answers; });
    const auto send = [&](const QString &client) {
        composer->setCurrentClient(client);
        const int before = answers;
        composer->send();
        waitUntil([&] { return answers > before; }, 5000);
    };
    for (const QString &client : {QStringLiteral("alice"), QStringLiteral("bob"), QStringLiteral("carol")}) {
        for (int i = 0; i < 3; ++i)
            send(client);
    }
    for (int i = 0; i < 3; ++i)
        send(QStringLiteral("curl"));
    window.refreshLiveViews();
    // An honoured request selected, Why this pod showing.
    gw::ui::TrafficPage *traffic = window.trafficPage();
    traffic->selectFlow(traffic->model()->recordAt(1)->id);
    window.showTab(gw::ui::MainWindow::TrafficTab);
    ok = save(window, folder, QStringLiteral("traffic.png")) && ok;

    window.showTab(gw::ui::MainWindow::SessionsTab);
    window.refreshLiveViews();
    ok = save(window, folder, QStringLiteral("sessions.png")) && ok;

    // A pod slowed, so the topology shows states and live counts.
    simulation.slowPod(QStringLiteral("server/pipy-2"), 100);
    window.showTab(gw::ui::MainWindow::TopologyTab);
    window.refreshLiveViews();
    window.topologyView()->zoomToFit();
    ok = save(window, folder, QStringLiteral("topology.png")) && ok;
    simulation.slowPod(QStringLiteral("server/pipy-2"), 0);

    // A YAML error, refused and shown at its line while the last good configuration serves.
    gw::ui::ManifestsPage *manifests = window.manifestsPage();
    window.showTab(gw::ui::MainWindow::ManifestsTab);
    for (const QString &file : manifests->files()) {
        if (!file.endsWith(u"02-gateway-route.yaml"))
            continue;
        gw::ui::YamlEditor *editor = manifests->editorFor(file);
        QString text = editor->toPlainText();
        // The listener's port only (the route's parentRef names the same port further down).
        text.replace(text.indexOf(QStringLiteral("    port: 8000\n")), 15, QStringLiteral("    port: eighty\n"));
        QTextCursor cursor(editor->document());
        cursor.select(QTextCursor::Document);
        cursor.insertText(text);
        manifests->apply();
        ok = save(window, folder, QStringLiteral("manifests-error.png")) && ok;
        manifests->revert(file);
    }

    // A load run: 40 clients with cookie jars × 50 requests; then the session map.
    gw::ui::LoadRunPanel *load = window.loadRunPanel();
    for (QDockWidget *dock : window.findChildren<QDockWidget *>()) {
        if (dock->widget() == load)
            dock->raise();
    }
    load->setPlan(40, 50, 8, gw::SimulatedClient::ConnectionPolicy::KeepAlive, true);
    load->start();
    waitUntil([&] { return !load->isRunning(); }, 120'000);
    settle(600);
    window.refreshLiveViews();
    window.showTab(gw::ui::MainWindow::SessionsTab);
    ok = save(window, folder, QStringLiteral("load-run-sessions.png")) && ok;
    return ok ? 0 : 1;
}
