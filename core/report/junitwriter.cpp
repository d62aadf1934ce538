#include "junitwriter.h"

#include "reportfile.h"

#include <QDateTime>
#include <QSet>
#include <QXmlStreamWriter>

namespace gw {

namespace {

// One <testcase> before it is written, so the suite's counts can be taken from the cases.
struct Case
{
    QString name;
    qint64 durationUs = 0;
    QString file;
    int line = 0;
    enum class Result { Passed, Failure, Error, Skipped } result = Result::Passed;
    QString type;
    QString message;
    QString details;
    QString output;
};

struct Suite
{
    QString name;
    QString file;
    qint64 startedAtMs = 0;
    qint64 durationUs = 0;
    QList<QPair<QString, QString>> properties;
    QList<Case> cases;
    qsizetype count(Case::Result result) const
    {
        return std::count_if(cases.cbegin(), cases.cend(), [result](const Case &c) { return c.result == result; });
    }
};

QString timestamp(qint64 ms)
{
    // The Ant schema's xs:dateTime without a zone suffix is read as local time by some readers;
    // the 'Z' makes it unambiguous UTC.
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

QString exchangeLine(const ExchangeReport &e)
{
    QString line = QString::fromLatin1(e.method) + u' ' + e.url + u" → " + (e.ok ? QString::number(e.status) : u"no response: " + e.error);
    if (!e.pod.isEmpty())
        line += u" pod " + e.pod;
    if (!e.stickyDecision.isEmpty() && e.stickyDecision != u"none")
        line += u" (cookie " + e.stickyDecision + u')';
    return line + u" in " + JUnitWriter::seconds(e.durationUs) + u"s";
}

QList<Case> stepCases(const QList<StepReport> &steps, const QString &prefix)
{
    QList<Case> cases;
    int number = 0;
    for (const StepReport &step : steps) {
        Case c;
        c.name = prefix + u'#' + QString::number(++number) + u' ' + step.name + (step.description.isEmpty() ? QString() : u": " + step.description);
        c.durationUs = step.durationUs;
        c.file = step.file;
        c.line = step.line;
        QStringList details;
        for (const AssertionReport &a : step.assertions) {
            const QString outcome = a.outcome == AssertionReport::Outcome::Passed ? QStringLiteral("passed")
                                    : a.outcome == AssertionReport::Outcome::Failed ? QStringLiteral("FAILED")
                                                                                     : QStringLiteral("not checkable");
            QString line = outcome + u": " + a.kind + u": expected " + a.expected + u", got " + a.actual;
            if (step.exchanges.size() > 1 && a.exchange >= 0)
                line += u" (request " + QString::number(a.exchange + 1) + u')';
            if (!a.note.isEmpty())
                line += u" — " + a.note;
            details.append(line);
        }
        for (const DifferenceReport &d : step.differences)
            details.append(u"differs: " + d.what + u": simulation " + d.simulation + u", real gateway " + d.target);
        QStringList exchanges;
        for (const ExchangeReport &e : step.exchanges)
            exchanges.append(exchangeLine(e));
        c.details = details.join(u'\n');
        c.output = exchanges.join(u'\n');
        const qsizetype notCheckable = step.count(AssertionReport::Outcome::NotCheckable);
        if (notCheckable > 0)
            c.output += (c.output.isEmpty() ? QString() : QStringLiteral("\n")) + QString::number(notCheckable) + u" assertion(s) not checkable against this gateway";
        switch (step.status) {
        case StepReport::Status::Passed:
            if (!step.differences.isEmpty()) {
                c.result = Case::Result::Failure;
                c.type = QStringLiteral("Difference");
                c.message = u"the real gateway differs: " + step.differences.first().what + u": simulation " + step.differences.first().simulation
                            + u", real gateway " + step.differences.first().target;
            }
            break;
        case StepReport::Status::Failed:
            c.result = Case::Result::Failure;
            c.type = QStringLiteral("AssertionFailure");
            c.message = step.message;
            break;
        case StepReport::Status::Error:
            c.result = Case::Result::Error;
            c.type = step.kind == u"request" ? QStringLiteral("RequestError") : QStringLiteral("ActionError");
            c.message = step.message;
            break;
        case StepReport::Status::Skipped:
            c.result = Case::Result::Skipped;
            c.message = step.message;
            break;
        }
        cases.append(c);
    }
    return cases;
}

QList<Case> thresholdCases(const QList<ThresholdReport> &thresholds, const QString &prefix)
{
    QList<Case> cases;
    for (const ThresholdReport &t : thresholds) {
        Case c;
        c.name = prefix + t.metric + u' ' + t.expression;
        c.output = u"observed " + t.observed + (t.note.isEmpty() ? QString() : u" — " + t.note);
        if (!t.checkable) {
            c.result = Case::Result::Skipped;
            c.message = u"not checkable: " + t.note;
        } else if (!t.passed) {
            c.result = Case::Result::Failure;
            c.type = QStringLiteral("ThresholdFailure");
            c.message = u"observed " + t.observed;
        }
        cases.append(c);
    }
    return cases;
}

void writeSuite(QXmlStreamWriter &xml, const Suite &suite)
{
    xml.writeStartElement(QStringLiteral("testsuite"));
    xml.writeAttribute(QStringLiteral("name"), suite.name);
    xml.writeAttribute(QStringLiteral("tests"), QString::number(suite.cases.size()));
    xml.writeAttribute(QStringLiteral("failures"), QString::number(suite.count(Case::Result::Failure)));
    xml.writeAttribute(QStringLiteral("errors"), QString::number(suite.count(Case::Result::Error)));
    xml.writeAttribute(QStringLiteral("skipped"), QString::number(suite.count(Case::Result::Skipped)));
    xml.writeAttribute(QStringLiteral("time"), JUnitWriter::seconds(suite.durationUs));
    xml.writeAttribute(QStringLiteral("timestamp"), timestamp(suite.startedAtMs));
    if (!suite.file.isEmpty())
        xml.writeAttribute(QStringLiteral("file"), suite.file);
    if (!suite.properties.isEmpty()) {
        xml.writeStartElement(QStringLiteral("properties"));
        for (const auto &[name, value] : suite.properties) {
            xml.writeStartElement(QStringLiteral("property"));
            xml.writeAttribute(QStringLiteral("name"), name);
            xml.writeAttribute(QStringLiteral("value"), value);
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }
    for (const Case &c : suite.cases) {
        xml.writeStartElement(QStringLiteral("testcase"));
        xml.writeAttribute(QStringLiteral("classname"), suite.name);
        xml.writeAttribute(QStringLiteral("name"), c.name);
        xml.writeAttribute(QStringLiteral("time"), JUnitWriter::seconds(c.durationUs));
        if (!c.file.isEmpty()) {
            xml.writeAttribute(QStringLiteral("file"), c.file);
            xml.writeAttribute(QStringLiteral("line"), QString::number(c.line));
        }
        switch (c.result) {
        case Case::Result::Passed:
            break;
        case Case::Result::Failure:
        case Case::Result::Error:
            xml.writeStartElement(c.result == Case::Result::Failure ? QStringLiteral("failure") : QStringLiteral("error"));
            xml.writeAttribute(QStringLiteral("message"), c.message);
            xml.writeAttribute(QStringLiteral("type"), c.type);
            xml.writeCharacters(c.details.isEmpty() ? c.message : c.details);
            xml.writeEndElement();
            break;
        case Case::Result::Skipped:
            xml.writeStartElement(QStringLiteral("skipped"));
            xml.writeAttribute(QStringLiteral("message"), c.message);
            xml.writeEndElement();
            break;
        }
        if (!c.output.isEmpty())
            xml.writeTextElement(QStringLiteral("system-out"), c.output);
        xml.writeEndElement();
    }
    xml.writeEndElement();
}

} // namespace

QString JUnitWriter::seconds(qint64 microseconds)
{
    // QString::number is locale-independent: always a '.'.
    return QString::number(double(microseconds) / 1e6, 'f', 3);
}

QByteArray JUnitWriter::render(const RunReport &report)
{
    QList<Suite> suites;
    QSet<QString> names;
    for (const ScenarioReport &scenario : report.scenarios) {
        // Suite names double as classnames; two scenarios of one name are told apart by file.
        QString name = scenario.name.isEmpty() ? scenario.file : scenario.name;
        if (names.contains(name))
            name += u" (" + scenario.file + u')';
        for (int n = 2; names.contains(name); ++n)
            name = scenario.name + u" (" + QString::number(n) + u')';
        names.insert(name);

        Suite suite;
        suite.name = name;
        suite.file = scenario.file;
        suite.startedAtMs = scenario.startedAtMs;
        suite.durationUs = std::max<qint64>(0, scenario.finishedAtMs - scenario.startedAtMs) * 1000;
        suite.properties = {{QStringLiteral("file"), scenario.file},
                            {QStringLiteral("mode"), ScenarioReport::modeName(scenario.mode)},
                            {QStringLiteral("namespace"), scenario.namespaceName},
                            {QStringLiteral("seed"), QString::number(scenario.seed)},
                            {QStringLiteral("manifests"), scenario.manifests.join(u", ")},
                            {QStringLiteral("version"), report.version}};
        if (!scenario.target.isEmpty())
            suite.properties.append({QStringLiteral("target"), scenario.target});
        if (scenario.inputInvalid()) {
            Case c;
            c.name = QStringLiteral("#0 load the scenario");
            c.result = Case::Result::Error;
            c.type = QStringLiteral("InvalidInput");
            QStringList lines;
            for (const Diagnostic &d : scenario.diagnostics)
                lines.append(d.toString());
            c.message = lines.value(0);
            c.details = lines.join(u'\n');
            suite.cases.append(c);
        } else if (!scenario.runtimeError.isEmpty() && scenario.steps.isEmpty()) {
            Case c;
            c.name = QStringLiteral("#0 start the lab");
            c.result = Case::Result::Error;
            c.type = QStringLiteral("RuntimeError");
            c.message = scenario.runtimeError;
            suite.cases.append(c);
        }
        const bool compare = scenario.mode == ScenarioReport::Mode::Compare;
        suite.cases.append(stepCases(scenario.steps, compare ? QStringLiteral("simulation ") : QString()));
        suite.cases.append(stepCases(scenario.targetSteps, QStringLiteral("real gateway ")));
        suites.append(suite);

        if (!scenario.thresholds.isEmpty() || !scenario.targetThresholds.isEmpty()) {
            Suite thresholds;
            thresholds.name = name + u".thresholds";
            thresholds.file = scenario.file;
            thresholds.startedAtMs = scenario.startedAtMs;
            thresholds.durationUs = std::max<qint64>(0, scenario.load.durationMs) * 1000;
            thresholds.cases = thresholdCases(scenario.thresholds, compare ? QStringLiteral("simulation ") : QString());
            thresholds.cases.append(thresholdCases(scenario.targetThresholds, QStringLiteral("real gateway ")));
            suites.append(thresholds);
        }
    }

    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("testsuites"));
    qsizetype tests = 0, failures = 0, errors = 0, skipped = 0;
    for (const Suite &suite : suites) {
        tests += suite.cases.size();
        failures += suite.count(Case::Result::Failure);
        errors += suite.count(Case::Result::Error);
        skipped += suite.count(Case::Result::Skipped);
    }
    xml.writeAttribute(QStringLiteral("name"), report.name);
    xml.writeAttribute(QStringLiteral("tests"), QString::number(tests));
    xml.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    xml.writeAttribute(QStringLiteral("errors"), QString::number(errors));
    xml.writeAttribute(QStringLiteral("skipped"), QString::number(skipped));
    xml.writeAttribute(QStringLiteral("time"), seconds(std::max<qint64>(0, report.finishedAtMs - report.startedAtMs) * 1000));
    xml.writeAttribute(QStringLiteral("timestamp"), timestamp(report.startedAtMs));
    for (const Suite &suite : suites)
        writeSuite(xml, suite);
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

bool JUnitWriter::write(const RunReport &report, const QString &path, QString *error)
{
    return ReportFile::save(path, render(report), error);
}

} // namespace gw
