#include "testcommand.h"

#include "clioutput.h"
#include "report/harwriter.h"
#include "report/htmlreportwriter.h"
#include "report/jsonreportwriter.h"
#include "report/junitwriter.h"
#include "report/summarytext.h"
#include "scenario/scenarioloader.h"
#include "scenario/scenariorunner.h"
#include "signalwatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QFileInfo>
#include <QUrl>

#include <cstdio>
#include <unistd.h>

namespace {

QString checkUrl(const QString &option, const QString &value)
{
    const QUrl url(value, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != u"http" || url.host().isEmpty() || (!url.path().isEmpty() && url.path() != u"/"))
        return u"--" + option + u" expects http://host[:port], got \"" + value + u'"';
    return {};
}

// The progress line is redrawn in place on a terminal only; pipes and CI logs get step lines alone.
class Progress
{
public:
    Progress()
        : m_terminal(isatty(fileno(stderr)) != 0)
    {
    }
    void show(const QString &text)
    {
        if (!m_terminal)
            return;
        CliOutput::err(u"\r\x1b[K" + text);
        m_shown = true;
    }
    void clear()
    {
        if (m_terminal && m_shown)
            CliOutput::err(QStringLiteral("\r\x1b[K"));
        m_shown = false;
    }

private:
    bool m_terminal;
    bool m_shown = false;
};

} // namespace

int TestCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Run scenario files against the simulation (or a real gateway) and write reports."));
    parser.addHelpOption();
    const QCommandLineOption junit(QStringLiteral("junit"), QStringLiteral("Write a JUnit XML report to FILE."), QStringLiteral("FILE"));
    const QCommandLineOption html(QStringLiteral("html"), QStringLiteral("Write a self-contained HTML report to FILE."), QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write a JSON report to FILE."), QStringLiteral("FILE"));
    const QCommandLineOption har(QStringLiteral("har"), QStringLiteral("Write every request and response as HAR 1.2 to FILE."), QStringLiteral("FILE"));
    const QCommandLineOption target(QStringLiteral("target"),
                                    QStringLiteral("Run the steps against this real gateway instead of the simulation (e.g. http://$GATEWAY_IP:8000)."),
                                    QStringLiteral("URL"));
    const QCommandLineOption compare(QStringLiteral("compare"), QStringLiteral("Run the simulation and this real gateway, and report where they differ."),
                                     QStringLiteral("URL"));
    const QCommandLineOption portOffset(QStringLiteral("port-offset"), QStringLiteral("Add N to the simulation's listener ports (default: 0)."),
                                        QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions({junit, html, json, har, target, compare, portOffset});
    parser.addPositionalArgument(QStringLiteral("SCENARIO"), QStringLiteral("Scenario files (YAML)."), QStringLiteral("SCENARIO..."));
    if (!parser.parse(arguments))
        return CliOutput::usageError(parser, parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        CliOutput::out(parser.helpText());
        return 0;
    }
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        return CliOutput::usageError(parser, QStringLiteral("no SCENARIO given"));
    if (parser.isSet(target) && parser.isSet(compare))
        return CliOutput::usageError(parser, QStringLiteral("--target and --compare exclude each other"));
    gw::ScenarioRunner::Options options;
    if (parser.isSet(target)) {
        if (const QString error = checkUrl(QStringLiteral("target"), parser.value(target)); !error.isEmpty())
            return CliOutput::usageError(parser, error);
        options.targetUrl = parser.value(target);
    }
    if (parser.isSet(compare)) {
        if (const QString error = checkUrl(QStringLiteral("compare"), parser.value(compare)); !error.isEmpty())
            return CliOutput::usageError(parser, error);
        options.compareUrl = parser.value(compare);
    }
    bool ok = false;
    options.portOffset = parser.value(portOffset).toInt(&ok);
    if (!ok || options.portOffset < -65535 || options.portOffset > 65535)
        return CliOutput::usageError(parser, QStringLiteral("--port-offset expects an integer, got \"%1\"").arg(parser.value(portOffset)));
    for (const QCommandLineOption *option : {&junit, &html, &json, &har}) {
        if (parser.isSet(*option) && parser.value(*option).isEmpty())
            return CliOutput::usageError(parser, u"--" + option->names().first() + u" needs a file name");
    }

    gw::RunReport report;
    report.version = QStringLiteral(GATEWAYLAB_VERSION);
    report.startedAtMs = QDateTime::currentMSecsSinceEpoch();
    Progress progress;
    gw::ScenarioRunner runner;
    SignalWatcher watcher;
    bool interrupted = false;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &runner, [&runner, &interrupted](int) {
        interrupted = true;
        runner.cancel();
    });

    for (const QString &file : files) {
        if (interrupted)
            break;
        const gw::ScenarioLoader::Result loaded = gw::ScenarioLoader::loadFile(file);
        for (const gw::Diagnostic &diagnostic : loaded.diagnostics)
            CliOutput::err(diagnostic.toString() + u'\n');
        if (!loaded.ok()) {
            gw::ScenarioReport invalid;
            invalid.name = loaded.scenario.name.isEmpty() ? QFileInfo(file).fileName() : loaded.scenario.name;
            invalid.file = file;
            invalid.diagnostics = loaded.diagnostics;
            invalid.startedAtMs = invalid.finishedAtMs = QDateTime::currentMSecsSinceEpoch();
            report.scenarios.append(invalid);
            continue;
        }
        const gw::Scenario &scenario = loaded.scenario;
        CliOutput::out(scenario.name + u" (" + file + u")\n");
        QEventLoop loop;
        int stepsDone = 0;
        QString phaseName;
        const QMetaObject::Connection connections[] = {
            QObject::connect(&runner, &gw::ScenarioRunner::finished, &loop, &QEventLoop::quit),
            QObject::connect(&runner, &gw::ScenarioRunner::phaseStarted, &loop, [&](const QString &phase) {
                phaseName = phase;
                stepsDone = 0;
                if (options.compareUrl.isEmpty() && phase == u"simulation")
                    return;
                progress.clear();
                CliOutput::out(u" " + phase + u":\n");
            }),
            QObject::connect(&runner, &gw::ScenarioRunner::stepStarted, &loop, [&](int index, const QString &name) {
                progress.show(QStringLiteral("[%1/%2] %3").arg(index + 1).arg(scenario.steps.size()).arg(name));
            }),
            QObject::connect(&runner, &gw::ScenarioRunner::stepFinished, &loop, [&](int, const gw::StepReport &step) {
                ++stepsDone;
                progress.clear();
                CliOutput::out(gw::SummaryText::stepLine(step) + u'\n');
            }),
            QObject::connect(&runner, &gw::ScenarioRunner::loadProgress, &loop, [&](qint64 completed, qint64 total, qint64 failed) {
                progress.show(QStringLiteral("load %1/%2 (%3%) %4 without a response")
                                  .arg(completed)
                                  .arg(total)
                                  .arg(total > 0 ? completed * 100 / total : 0)
                                  .arg(failed));
            }),
        };
        if (!runner.start(scenario, options)) {
            CliOutput::err(QStringLiteral("gatewaylab: internal error: the scenario runner is busy\n"));
            return 3;
        }
        loop.exec();
        for (const QMetaObject::Connection &connection : connections)
            QObject::disconnect(connection);
        progress.clear();
        report.scenarios.append(runner.report());
    }
    report.finishedAtMs = QDateTime::currentMSecsSinceEpoch();
    CliOutput::out(gw::SummaryText::render(report));

    int exitCode = report.exitCode();
    const auto writeReport = [&](const QCommandLineOption &option, bool (*write)(const gw::RunReport &, const QString &, QString *)) {
        if (!parser.isSet(option))
            return;
        QString error;
        if (!write(report, parser.value(option), &error)) {
            CliOutput::err(u"gatewaylab: " + error + u'\n');
            if (exitCode == 0 || exitCode > 3)
                exitCode = 3;
        }
    };
    writeReport(junit, &gw::JUnitWriter::write);
    writeReport(html, &gw::HtmlReportWriter::write);
    writeReport(json, &gw::JsonReportWriter::write);
    writeReport(har, &gw::HarWriter::write);
    if (interrupted && exitCode == 0)
        exitCode = 3;
    return exitCode;
}
