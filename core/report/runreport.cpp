#include "runreport.h"

#include <algorithm>

namespace gw {

qsizetype StepReport::count(AssertionReport::Outcome outcome) const
{
    return std::count_if(assertions.cbegin(), assertions.cend(), [outcome](const AssertionReport &a) { return a.outcome == outcome; });
}

QString StepReport::statusName(Status status)
{
    switch (status) {
    case Status::Passed: return QStringLiteral("passed");
    case Status::Failed: return QStringLiteral("failed");
    case Status::Error: return QStringLiteral("error");
    case Status::Skipped: return QStringLiteral("skipped");
    }
    return {};
}

bool ScenarioReport::stepsFailed() const
{
    const auto bad = [](const StepReport &step) { return step.status == StepReport::Status::Failed || step.status == StepReport::Status::Error; };
    const auto differs = [](const StepReport &step) { return !step.differences.isEmpty(); };
    return std::any_of(steps.cbegin(), steps.cend(), bad) || std::any_of(targetSteps.cbegin(), targetSteps.cend(), bad)
           || std::any_of(steps.cbegin(), steps.cend(), differs);
}

bool ScenarioReport::thresholdsFailed() const
{
    const auto failed = [](const ThresholdReport &t) { return t.checkable && !t.passed; };
    return std::any_of(thresholds.cbegin(), thresholds.cend(), failed) || std::any_of(targetThresholds.cbegin(), targetThresholds.cend(), failed);
}

qsizetype ScenarioReport::notCheckableCount() const
{
    qsizetype count = 0;
    for (const QList<StepReport> *list : {&steps, &targetSteps}) {
        for (const StepReport &step : *list)
            count += step.count(AssertionReport::Outcome::NotCheckable);
    }
    for (const QList<ThresholdReport> *list : {&thresholds, &targetThresholds})
        count += std::count_if(list->cbegin(), list->cend(), [](const ThresholdReport &t) { return !t.checkable; });
    return count;
}

QString ScenarioReport::modeName(Mode mode)
{
    switch (mode) {
    case Mode::Simulation: return QStringLiteral("simulation");
    case Mode::Target: return QStringLiteral("target");
    case Mode::Compare: return QStringLiteral("compare");
    }
    return {};
}

int RunReport::exitCode() const
{
    const auto any = [this](auto predicate) { return std::any_of(scenarios.cbegin(), scenarios.cend(), predicate); };
    if (any([](const ScenarioReport &s) { return s.inputInvalid(); }))
        return 2;
    if (any([](const ScenarioReport &s) { return !s.runtimeError.isEmpty(); }))
        return 3;
    if (any([](const ScenarioReport &s) { return s.stepsFailed(); }))
        return 4;
    if (any([](const ScenarioReport &s) { return s.thresholdsFailed(); }))
        return 99;
    return 0;
}

void ExchangeReport::takeGatewayDecisions(const FlowRecord &record)
{
    pod = record.podKey;
    podSource = QStringLiteral("flow log");
    gatewayKey = record.gatewayKey;
    listener = record.listenerName;
    if (!record.routeKey.isEmpty())
        route = record.routeKey + u"#rule" + QString::number(record.ruleIndex);
    service = record.serviceKey;
    endpoint = record.endpointKey;
    stickyDecision = stickyKeyword(record.stickyDecision);
    cookieName = record.cookieName;
    cookieReceived = record.cookieReceived;
    cookieIssued = record.cookieIssued;
    decisionTrail = record.decisionTrail();
}

QString ExchangeReport::stickyKeyword(FlowRecord::StickyDecision decision)
{
    switch (decision) {
    case FlowRecord::StickyDecision::None: return QStringLiteral("none");
    case FlowRecord::StickyDecision::Issued: return QStringLiteral("issued");
    case FlowRecord::StickyDecision::Honoured: return QStringLiteral("honoured");
    case FlowRecord::StickyDecision::Repinned: return QStringLiteral("repinned");
    }
    return {};
}

} // namespace gw
