#include "assertionevaluator.h"

#include <functional>

namespace gw {

namespace {

using Outcome = AssertionReport::Outcome;

AssertionReport make(const QString &kind, const QString &expected, const QString &actual, bool passed, int exchange)
{
    return AssertionReport{kind, expected, actual, passed ? Outcome::Passed : Outcome::Failed, exchange, QString()};
}

QString quoted(const QString &text)
{
    return u'"' + text + u'"';
}

QString statusList(const QList<int> &statuses)
{
    QStringList parts;
    for (int status : statuses)
        parts.append(QString::number(status));
    return statuses.size() == 1 ? parts.first() : u"one of " + parts.join(u", ");
}

// The attributes of one Set-Cookie value, lower-cased names.
QByteArray cookieAttribute(const QByteArray &setCookie, QByteArrayView attribute)
{
    const QList<QByteArray> parts = setCookie.split(';');
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray part = parts[i].trimmed();
        const qsizetype eq = part.indexOf('=');
        const QByteArray name = (eq < 0 ? part : part.left(eq)).trimmed().toLower();
        if (name == attribute)
            return eq < 0 ? QByteArray("") : part.mid(eq + 1).trimmed();
    }
    return {};
}

QString podName(const QString &pod)
{
    return pod.section(u'/', -1);
}

QString formatMs(double ms)
{
    return QString::number(ms, 'f', 2) + u"ms";
}

} // namespace

QString AssertionEvaluator::excerpt(const QByteArray &bytes, int limit)
{
    QString text = QString::fromUtf8(bytes.left(limit * 4));
    if (text.size() > limit)
        text = text.left(limit) + u"…";
    return text;
}

bool AssertionEvaluator::podMatches(const QString &actualPod, const PodExpectation &expected)
{
    const QString actual = expected.name.contains(u'/') ? actualPod : podName(actualPod);
    return expected.prefix ? actual.startsWith(expected.name) : actual == expected.name;
}

QList<AssertionReport> AssertionEvaluator::evaluate(const ScenarioExpectation &expect, const ExchangeReport &exchange, int index, const Context &context)
{
    QList<AssertionReport> results;
    if (!exchange.ok) {
        results.append(make(QStringLiteral("response"), QStringLiteral("a complete response"), exchange.error, false, index));
        return results;
    }
    if (!expect.statuses.isEmpty())
        results.append(make(QStringLiteral("status"), statusList(expect.statuses), QString::number(exchange.status), expect.statuses.contains(exchange.status), index));

    const QString body = QString::fromUtf8(exchange.responseBody);
    for (const TextExpectation &text : expect.body) {
        switch (text.kind) {
        case TextExpectation::Kind::Equals:
            results.append(make(QStringLiteral("body"), u"equals " + quoted(text.text), quoted(excerpt(exchange.responseBody)), body == text.text, index));
            break;
        case TextExpectation::Kind::Contains:
            results.append(make(QStringLiteral("body"), u"contains " + quoted(text.text), quoted(excerpt(exchange.responseBody)), body.contains(text.text), index));
            break;
        case TextExpectation::Kind::Regex:
            results.append(make(QStringLiteral("body"), u"matches /" + text.text + u'/', quoted(excerpt(exchange.responseBody)), text.regex.match(body).hasMatch(), index));
            break;
        }
    }

    for (const HeaderExpectation &header : expect.headers) {
        const QString kind = u"headers." + QString::fromLatin1(header.name);
        const bool present = exchange.responseHeaders.contains(header.name);
        const QString value = QString::fromUtf8(exchange.responseHeaders.value(header.name));
        const QString actual = present ? quoted(value) : QStringLiteral("(absent)");
        if (header.absent)
            results.append(make(kind, QStringLiteral("absent"), actual, !present, index));
        else
            results.append(make(kind, u"matches /" + header.pattern + u'/', actual, present && header.regex.match(value).hasMatch(), index));
    }

    const QList<QByteArray> setCookies = exchange.responseHeaders.values("set-cookie");
    QStringList setCookieTexts;
    for (const QByteArray &value : setCookies)
        setCookieTexts.append(QString::fromUtf8(value));
    const QString setCookieActual = setCookies.isEmpty() ? QStringLiteral("no Set-Cookie") : setCookieTexts.join(u" | ");
    switch (expect.setCookie.mode) {
    case SetCookieExpectation::Mode::Unchecked:
        break;
    case SetCookieExpectation::Mode::None:
        results.append(make(QStringLiteral("setCookie"), QStringLiteral("no Set-Cookie"), setCookieActual, setCookies.isEmpty(), index));
        break;
    case SetCookieExpectation::Mode::Any:
        results.append(make(QStringLiteral("setCookie"), QStringLiteral("a Set-Cookie"), setCookieActual, !setCookies.isEmpty(), index));
        break;
    case SetCookieExpectation::Mode::Match: {
        const SetCookieExpectation &want = expect.setCookie;
        QString expected = QString::fromLatin1(want.name);
        if (!want.valuePattern.isEmpty())
            expected += u"=/" + want.valuePattern + u'/';
        if (want.maxAge)
            expected += u"; max-age=" + QString::number(*want.maxAge);
        QByteArray found;
        bool exists = false;
        for (const QByteArray &value : setCookies) {
            const qsizetype eq = value.indexOf('=');
            if (eq > 0 && value.left(eq).trimmed() == want.name) {
                found = value;
                exists = true;
            }
        }
        bool passed = exists;
        if (exists && !want.valuePattern.isEmpty()) {
            const qsizetype eq = found.indexOf('=');
            const qsizetype semicolon = found.indexOf(';');
            const QString value = QString::fromUtf8(found.mid(eq + 1, semicolon < 0 ? -1 : semicolon - eq - 1).trimmed());
            passed = passed && want.valueRegex.match(value).hasMatch();
        }
        if (exists && want.maxAge) {
            bool ok = false;
            const qint64 maxAge = cookieAttribute(found, "max-age").toLongLong(&ok);
            passed = passed && ok && maxAge == *want.maxAge;
        }
        results.append(make(QStringLiteral("setCookie"), expected, exists ? QString::fromUtf8(found) : setCookieActual, passed, index));
        break;
    }
    }

    // Without a pod, a simulation's answer came from the gateway itself (404, 502); a real
    // gateway's response simply did not say.
    const auto podAssertion = [&](const QString &kind, const QString &expected, const std::function<bool(const QString &)> &check,
                                  const QString &reference, const QString &referenceStep) {
        if (exchange.pod.isEmpty() || (!referenceStep.isEmpty() && reference.isEmpty())) {
            AssertionReport report{kind, expected, QString(), Outcome::Failed, index, QString()};
            if (!context.simulation) {
                report.outcome = Outcome::NotCheckable;
                report.note = exchange.pod.isEmpty()
                    ? QStringLiteral("the response does not say which pod answered (set podHeader, or use echo backends)")
                    : QString(u"the step \"" + referenceStep + u"\" has no pod evidence");
                report.actual = exchange.pod.isEmpty() ? QStringLiteral("(unknown)") : exchange.pod;
            } else {
                report.actual = exchange.pod.isEmpty() ? QStringLiteral("(no pod: the gateway answered itself)") : exchange.pod;
                if (!exchange.pod.isEmpty())
                    report.note = u"the step \"" + referenceStep + u"\" reached no pod";
            }
            results.append(report);
            return;
        }
        results.append(make(kind, expected, exchange.pod, check(exchange.pod), index));
    };
    if (expect.pod) {
        const PodExpectation want = *expect.pod;
        podAssertion(QStringLiteral("pod"), want.prefix ? want.name + u"*" : want.name, [&want](const QString &pod) { return podMatches(pod, want); },
                     QString(), QString());
    }
    if (!expect.samePodAs.isEmpty()) {
        const QString reference = context.podByStep.value(expect.samePodAs);
        podAssertion(QStringLiteral("samePodAs"), reference.isEmpty() ? QString(u"the pod of \"" + expect.samePodAs + u'"') : QString(reference + u" (as \"" + expect.samePodAs + u"\")"),
                     [&reference](const QString &pod) { return pod == reference; }, reference, expect.samePodAs);
    }
    if (!expect.differentPodFrom.isEmpty()) {
        const QString reference = context.podByStep.value(expect.differentPodFrom);
        podAssertion(QStringLiteral("differentPodFrom"), u"not " + (reference.isEmpty() ? QString(u"the pod of \"" + expect.differentPodFrom + u'"') : reference),
                     [&reference](const QString &pod) { return pod != reference; }, reference, expect.differentPodFrom);
    }
    if (expect.duration) {
        const double ms = double(exchange.durationUs) / 1000.0;
        results.append(make(QStringLiteral("duration"), expect.duration->text, formatMs(ms), expect.duration->holds(ms), index));
    }
    return results;
}

void AssertionEvaluator::conclude(StepReport &step)
{
    step.status = StepReport::Status::Passed;
    step.message.clear();
    const int total = int(step.exchanges.size());
    for (const AssertionReport &assertion : step.assertions) {
        if (assertion.outcome != Outcome::Failed)
            continue;
        const bool transport = assertion.kind == u"response";
        if (transport)
            step.status = StepReport::Status::Error;
        else if (step.status == StepReport::Status::Passed)
            step.status = StepReport::Status::Failed;
        if (step.message.isEmpty() || (transport && !step.message.startsWith(u"response"))) {
            QString where;
            if (total > 1 && assertion.exchange >= 0)
                where = u" (request " + QString::number(assertion.exchange + 1) + u" of " + QString::number(total) + u')';
            step.message = assertion.kind + u": expected " + assertion.expected + u", got " + assertion.actual + where;
            if (!assertion.note.isEmpty())
                step.message += u"; " + assertion.note;
        }
    }
}

} // namespace gw
