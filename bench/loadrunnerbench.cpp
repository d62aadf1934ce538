// Drives LoadRunner against a URL for about as long as asked and prints what it achieved, so that
// bench/loadrunner-vs-wrk.sh can put it beside wrk on the same backend. Keep-alive clients with
// cookie jars, exactly as a scenario's load phase runs them.

#include "client/loadrunner.h"
#include "common/labclock.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QTextStream>
#include <QUrl>

namespace {

struct Outcome
{
    qint64 requests = 0;
    qint64 failed = 0;
    qint64 elapsedMs = 0;
    double perSecond() const { return elapsedMs > 0 ? double(requests) * 1000.0 / double(elapsedMs) : 0; }
};

Outcome drive(const QUrl &url, int connections, qint64 requests, int threads)
{
    gw::LabClock clock;
    gw::LoadRunner runner(clock);
    gw::LoadRunner::Plan plan;
    plan.request.connectHost = url.host().toLatin1();
    plan.request.connectPort = quint16(url.port(80));
    plan.request.target = url.path().isEmpty() ? QByteArrayLiteral("/") : url.path().toLatin1();
    plan.clients = connections;
    plan.requestsPerClient = int(std::max<qint64>(1, requests / connections));
    plan.concurrency = connections;
    plan.threads = threads;
    plan.keepCookieJars = false;
    QEventLoop loop;
    QObject::connect(&runner, &gw::LoadRunner::finished, &loop, &QEventLoop::quit);
    if (!runner.start(plan))
        return {};
    loop.exec();
    const gw::LoadRunner::Progress progress = runner.progress();
    return Outcome{progress.completed, progress.failed, progress.elapsedMs};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Measure the load runner's request rate against a URL."));
    parser.addHelpOption();
    const QCommandLineOption connections({QStringLiteral("c"), QStringLiteral("connections")}, QStringLiteral("Clients in flight."), QStringLiteral("N"), QStringLiteral("64"));
    const QCommandLineOption duration({QStringLiteral("d"), QStringLiteral("duration")}, QStringLiteral("Seconds to aim for."), QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption threads({QStringLiteral("t"), QStringLiteral("threads")}, QStringLiteral("Client threads."), QStringLiteral("N"), QStringLiteral("2"));
    parser.addOptions({connections, duration, threads});
    parser.addPositionalArgument(QStringLiteral("URL"), QStringLiteral("http://host:port/path"));
    parser.process(app);
    const QUrl url(parser.positionalArguments().value(0));
    if (!url.isValid() || url.scheme() != u"http") {
        QTextStream(stderr) << "loadrunner-bench: expected an http:// URL\n";
        return 1;
    }
    const int clients = parser.value(connections).toInt();
    const int threadCount = parser.value(threads).toInt();
    const double seconds = parser.value(duration).toDouble();
    // A one-second calibration run sizes the measured run to about the asked duration.
    const Outcome calibration = drive(url, clients, qint64(clients) * 200, threadCount);
    const qint64 target = std::max<qint64>(clients, qint64(calibration.perSecond() * seconds));
    const Outcome measured = drive(url, clients, target, threadCount);
    QTextStream(stdout) << "requests " << measured.requests << " failed " << measured.failed << " seconds "
                        << QString::number(double(measured.elapsedMs) / 1000.0, 'f', 2) << " req/s "
                        << QString::number(measured.perSecond(), 'f', 0) << '\n';
    return measured.failed == 0 && measured.requests > 0 ? 0 : 3;
}
