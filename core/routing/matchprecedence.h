#pragma once

#include "controller/gatewayconfig.h"
#include "controller/profilerules.h"

#include <QString>

namespace gw {

// The order in which (route, rule, match) candidates are tried, for both profiles (the named switch
// is ProfileRules::matchOrder). Used to sort candidates when a configuration is built and, in the
// decision trail, to say which criterion put one candidate before another.
class MatchPrecedence
{
public:
    struct Entry
    {
        const CompiledMatch *match = nullptr;
        int ageRank = 0;                 // 0 = oldest route
        QString routeKey;                // namespace/name
        int ruleIndex = 0;
        int matchIndex = 0;
    };

    // Negative when `a` goes first, positive when `b` does, 0 when the order leaves them tied (FSM's
    // sort then keeps config order). `criterion` receives the step that decided, in words.
    static int compare(ProfileRules::MatchOrderKind order, const Entry &a, const Entry &b, QString *criterion = nullptr);
    static bool before(ProfileRules::MatchOrderKind order, const Entry &a, const Entry &b) { return compare(order, a, b) < 0; }
};

} // namespace gw
