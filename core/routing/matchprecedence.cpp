#include "matchprecedence.h"

namespace gw {

namespace {

int kindRank(CompiledMatch::PathKind kind)
{
    switch (kind) {
    case CompiledMatch::PathKind::Exact: return 0;
    case CompiledMatch::PathKind::Prefix: return 1;
    case CompiledMatch::PathKind::Regex: return 2;
    }
    return 3;
}

QString kindName(CompiledMatch::PathKind kind)
{
    switch (kind) {
    case CompiledMatch::PathKind::Exact: return QStringLiteral("an Exact path");
    case CompiledMatch::PathKind::Prefix: return QStringLiteral("a PathPrefix");
    case CompiledMatch::PathKind::Regex: return QStringLiteral("a RegularExpression path");
    }
    return {};
}

// Records why and returns the verdict: negative when `aFirst`.
int decided(bool aFirst, QString *criterion, const QString &why)
{
    if (criterion)
        *criterion = why;
    return aFirst ? -1 : 1;
}

int compareSpec(const MatchPrecedence::Entry &a, const MatchPrecedence::Entry &b, QString *criterion)
{
    const CompiledMatch &ma = *a.match, &mb = *b.match;
    if (kindRank(ma.pathKind) != kindRank(mb.pathKind)) {
        const bool aFirst = kindRank(ma.pathKind) < kindRank(mb.pathKind);
        const CompiledMatch &winner = aFirst ? ma : mb, &loser = aFirst ? mb : ma;
        // Exact before PathPrefix is the spec's step 1; RegularExpression last is the lab's choice
        // (its precedence is implementation-specific).
        return decided(aFirst, criterion, QStringLiteral("%1 match beats %2 match").arg(kindName(winner.pathKind), kindName(loser.pathKind)));
    }
    if (ma.pathValue.size() != mb.pathValue.size()) {
        const bool aFirst = ma.pathValue.size() > mb.pathValue.size();
        return decided(aFirst, criterion,
                       QStringLiteral("the longer path wins (%1 characters against %2)")
                           .arg(qMax(ma.pathValue.size(), mb.pathValue.size()))
                           .arg(qMin(ma.pathValue.size(), mb.pathValue.size())));
    }
    if (ma.method.isEmpty() != mb.method.isEmpty())
        return decided(!ma.method.isEmpty(), criterion, QStringLiteral("a match on the method beats one without"));
    if (ma.headers.size() != mb.headers.size()) {
        return decided(ma.headers.size() > mb.headers.size(), criterion,
                       QStringLiteral("more header matches win (%1 against %2)")
                           .arg(qMax(ma.headers.size(), mb.headers.size()))
                           .arg(qMin(ma.headers.size(), mb.headers.size())));
    }
    if (ma.queryParams.size() != mb.queryParams.size()) {
        return decided(ma.queryParams.size() > mb.queryParams.size(), criterion,
                       QStringLiteral("more query parameter matches win (%1 against %2)")
                           .arg(qMax(ma.queryParams.size(), mb.queryParams.size()))
                           .arg(qMin(ma.queryParams.size(), mb.queryParams.size())));
    }
    if (a.ageRank != b.ageRank)
        return decided(a.ageRank < b.ageRank, criterion, QStringLiteral("the older route wins"));
    if (a.routeKey != b.routeKey)
        return decided(a.routeKey < b.routeKey, criterion, QStringLiteral("the route first in namespace/name order wins"));
    if (a.ruleIndex != b.ruleIndex)
        return decided(a.ruleIndex < b.ruleIndex, criterion, QStringLiteral("the earlier rule of the route wins"));
    if (a.matchIndex != b.matchIndex)
        return decided(a.matchIndex < b.matchIndex, criterion, QStringLiteral("the earlier match of the rule wins"));
    if (criterion)
        criterion->clear();
    return 0;
}

int compareFsm(const MatchPrecedence::Entry &a, const MatchPrecedence::Entry &b, QString *criterion)
{
    const CompiledMatch &ma = *a.match, &mb = *b.match;
    if (kindRank(ma.pathKind) != kindRank(mb.pathKind)) {
        const bool aFirst = kindRank(ma.pathKind) < kindRank(mb.pathKind);
        const CompiledMatch &winner = aFirst ? ma : mb, &loser = aFirst ? mb : ma;
        return decided(aFirst, criterion, QStringLiteral("FSM sorts %1 before %2").arg(kindName(winner.pathKind), kindName(loser.pathKind)));
    }
    // ByHTTPTrafficMatch compares "/" as "/*".
    const QByteArrayView pa = ma.pathValue == "/" ? QByteArrayView("/*") : QByteArrayView(ma.pathValue);
    const QByteArrayView pb = mb.pathValue == "/" ? QByteArrayView("/*") : QByteArrayView(mb.pathValue);
    if (pa.size() != pb.size())
        return decided(pa.size() > pb.size(), criterion, QStringLiteral("FSM sorts the longer path string first"));
    if (pa != pb)
        return decided(pa.compare(pb) > 0, criterion, QStringLiteral("FSM sorts paths of equal length in reverse lexical order"));
    if (ma.method.isEmpty() != mb.method.isEmpty())
        return decided(!ma.method.isEmpty(), criterion, QStringLiteral("FSM sorts the match with a method first"));
    if (ma.headers.size() != mb.headers.size())
        return decided(ma.headers.size() > mb.headers.size(), criterion, QStringLiteral("FSM sorts more header matches first"));
    if (ma.queryParams.size() != mb.queryParams.size())
        return decided(ma.queryParams.size() > mb.queryParams.size(), criterion, QStringLiteral("FSM sorts more query parameter matches first"));
    if (criterion)
        *criterion = QStringLiteral("FSM has no tie-break by route age or name: config order decides");
    return 0;
}

} // namespace

int MatchPrecedence::compare(ProfileRules::MatchOrderKind order, const Entry &a, const Entry &b, QString *criterion)
{
    return order == ProfileRules::MatchOrderKind::GatewayApiPrecedence ? compareSpec(a, b, criterion) : compareFsm(a, b, criterion);
}

} // namespace gw
