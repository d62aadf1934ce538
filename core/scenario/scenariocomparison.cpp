#include "scenariocomparison.h"

#include "assertionevaluator.h"

namespace gw {

namespace {

QString cookieNames(const ExchangeReport &exchange)
{
    QStringList names;
    for (const QByteArray &value : exchange.responseHeaders.values("set-cookie"))
        names.append(QString::fromLatin1(value.left(value.indexOf('=')).trimmed()));
    return names.isEmpty() ? QStringLiteral("none") : names.join(u", ");
}

QString answer(const ExchangeReport &exchange)
{
    return exchange.ok ? QString::number(exchange.status) : exchange.error;
}

} // namespace

void ScenarioComparison::compare(QList<StepReport> &simulation, const QList<StepReport> &target)
{
    for (qsizetype i = 0; i < simulation.size() && i < target.size(); ++i) {
        StepReport &sim = simulation[i];
        const StepReport &real = target[i];
        QList<DifferenceReport> &differences = sim.differences;
        // An action the real gateway could not take is no difference in behaviour.
        if (real.status == StepReport::Status::Skipped)
            continue;
        if (sim.status != real.status)
            differences.append({QStringLiteral("verdict"), StepReport::statusName(sim.status), StepReport::statusName(real.status)});
        for (qsizetype j = 0; j < sim.exchanges.size() && j < real.exchanges.size(); ++j) {
            const ExchangeReport &a = sim.exchanges[j];
            const ExchangeReport &b = real.exchanges[j];
            const QString which = sim.exchanges.size() > 1 ? u" (request " + QString::number(j + 1) + u')' : QString();
            if (answer(a) != answer(b))
                differences.append({u"status" + which, answer(a), answer(b)});
            else if (a.ok && a.responseBody != b.responseBody)
                differences.append({u"body" + which, AssertionEvaluator::excerpt(a.responseBody, 60), AssertionEvaluator::excerpt(b.responseBody, 60)});
            if (a.ok && b.ok && cookieNames(a) != cookieNames(b))
                differences.append({u"Set-Cookie" + which, cookieNames(a), cookieNames(b)});
            // Names only: the real pod's namespace may not be known from its evidence.
            if (!a.pod.isEmpty() && !b.pod.isEmpty() && a.pod.section(u'/', -1) != b.pod.section(u'/', -1))
                differences.append({u"pod" + which, a.pod, b.pod});
        }
    }
}

} // namespace gw
