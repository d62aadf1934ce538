#include "router.h"

#include "controller/profilerules.h"
#include "hostnames.h"
#include "matchprecedence.h"

namespace gw {

namespace {

bool decodedEquals(QByteArrayView raw, QByteArrayView expected)
{
    if (!raw.contains('%') && !raw.contains('+'))
        return raw == expected;
    // Form encoding, as Go's url.ParseQuery reads it: '+' is a space, %XX a byte.
    QByteArray text = raw.toByteArray();
    text.replace('+', ' ');
    return QByteArray::fromPercentEncoding(text) == expected;
}

QString decoded(QByteArrayView raw)
{
    QByteArray text = raw.toByteArray();
    text.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(text));
}

const HttpHeaders::Field *firstField(const HttpHeaders *headers, QByteArrayView name)
{
    if (!headers)
        return nullptr;
    for (const HttpHeaders::Field &field : headers->fields()) {
        if (field.name.size() == name.size() && QByteArrayView(field.name).compare(name, Qt::CaseInsensitive) == 0)
            return &field;
    }
    return nullptr;
}

bool valueMatches(const CompiledMatch::ValueMatch &expected, QByteArrayView actual)
{
    if (!expected.isRegex)
        return actual == expected.value;
    return expected.regex.isValid() && expected.regex.match(QString::fromUtf8(actual)).hasMatch();
}

RouteSelection selectionOf(const ListenSocketConfig &socket, const RouteCandidate &candidate, const QString &hostname)
{
    RouteSelection selection;
    selection.listener = &socket.listeners[candidate.listenerIndex];
    selection.route = &selection.listener->routes[candidate.routeIndex];
    selection.rule = selection.route->rules[candidate.ruleIndex].get();
    selection.matchIndex = candidate.matchIndex;
    selection.candidate = candidate;
    selection.matchedHostname = hostname;
    return selection;
}

const RouteRuleConfig &ruleOf(const ListenSocketConfig &socket, const RouteCandidate &c)
{
    return *socket.listeners[c.listenerIndex].routes[c.routeIndex].rules[c.ruleIndex];
}

MatchPrecedence::Entry entryOf(const ListenSocketConfig &socket, const RouteCandidate &c)
{
    const AttachedRoute &route = socket.listeners[c.listenerIndex].routes[c.routeIndex];
    const RouteRuleConfig &rule = *route.rules[c.ruleIndex];
    return {&rule.matches[c.matchIndex], route.ageRank, route.key, c.ruleIndex, c.matchIndex};
}

QString describeCandidate(const ListenSocketConfig &socket, const RouteCandidate &c)
{
    const RouteRuleConfig &rule = ruleOf(socket, c);
    const QString match = rule.matches[c.matchIndex].describe();
    return rule.matches.size() > 1 ? QStringLiteral("%1 (match %2: %3)").arg(rule.displayName()).arg(c.matchIndex).arg(match)
                                   : QStringLiteral("%1 (%2)").arg(rule.displayName(), match);
}

QString profileGatewayName(Profile profile)
{
    return profile == Profile::Spec ? QStringLiteral("a spec-conformant gateway") : QStringLiteral("FSM v1.2");
}

QString hostText(QByteArrayView host)
{
    return QString::fromLatin1(host);
}

// Walks one ordered candidate list for the trail: the failures before the winner, the winner, and
// why every later candidate lost. `lines` gets at most `budget` candidate lines.
struct CandidateWalk
{
    CandidateWalk(const ListenSocketConfig &s, const RequestFacts &r, Profile p, QStringList &out)
        : socket(s), request(r), profile(p), lines(out)
    {
    }

    const ListenSocketConfig &socket;
    const RequestFacts &request;
    Profile profile;
    QStringList &lines;
    int budget = 40;
    int skipped = 0;
    bool winnerFound = false;
    RouteCandidate winner;
    QString winnerHostname;

    void add(const QString &line)
    {
        if (budget > 0) {
            lines << line;
            --budget;
        } else {
            ++skipped;
        }
    }

    void walk(const QList<RouteCandidate> &candidates, const QString &hostname)
    {
        for (const RouteCandidate &c : candidates) {
            QString whyNot;
            const bool ok = Router::matches(ruleOf(socket, c).matches[c.matchIndex], request, profile, &whyNot);
            if (!winnerFound) {
                if (ok) {
                    winnerFound = true;
                    winner = c;
                    winnerHostname = hostname;
                    add(QStringLiteral("matched: %1").arg(describeCandidate(socket, c)));
                } else {
                    add(QStringLiteral("not %1: %2").arg(describeCandidate(socket, c), whyNot));
                }
                continue;
            }
            if (!ok) {
                add(QStringLiteral("not %1: %2").arg(describeCandidate(socket, c), whyNot));
                continue;
            }
            QString why;
            if (hostname != winnerHostname) {
                why = QStringLiteral("route hostname %1 is more specific than %2")
                          .arg(winnerHostname.isEmpty() ? QStringLiteral("(any)") : winnerHostname,
                               hostname.isEmpty() ? QStringLiteral("(any)") : hostname);
            } else {
                MatchPrecedence::compare(ProfileRules::matchOrder(profile), entryOf(socket, winner), entryOf(socket, c), &why);
            }
            add(QStringLiteral("also matches, ranks lower: %1: %2").arg(describeCandidate(socket, c), why));
        }
    }
};

} // namespace

bool Router::findQueryParam(QByteArrayView query, QByteArrayView name, QByteArrayView *value)
{
    qsizetype start = 0;
    while (start <= query.size() && !query.isEmpty()) {
        qsizetype end = query.indexOf('&', start);
        if (end < 0)
            end = query.size();
        const QByteArrayView pair = query.sliced(start, end - start);
        const qsizetype eq = pair.indexOf('=');
        const QByteArrayView key = eq < 0 ? pair : pair.first(eq);
        if (!pair.isEmpty() && decodedEquals(key, name)) {
            *value = eq < 0 ? QByteArrayView("") : pair.sliced(eq + 1);
            return true;
        }
        start = end + 1;
    }
    return false;
}

const ListenerConfig *Router::selectListener(const ListenSocketConfig &socket, QByteArrayView host)
{
    const ListenerConfig *best = nullptr;
    qint64 bestScore = -2;
    for (const ListenerConfig &listener : socket.listeners) {
        if (!Hostnames::matches(QByteArrayView(listener.hostnamePattern), host))
            continue;
        if (listener.hostnameRank > bestScore) {
            best = &listener;
            bestScore = listener.hostnameRank;
        }
    }
    return best;
}

const FsmHostEntry *Router::selectFsmHost(const ListenSocketConfig &socket, QByteArrayView hostHeader, QByteArrayView host)
{
    const auto lookup = [&socket](QByteArrayView name) -> const FsmHostEntry * {
        for (const FsmHostEntry &entry : socket.fsmHosts) {
            if (!entry.wildcard && entry.pattern.size() == name.size() && QByteArrayView(entry.pattern).compare(name, Qt::CaseInsensitive) == 0)
                return &entry;
        }
        for (const FsmHostEntry &entry : socket.fsmHosts) {
            if (entry.wildcard && Hostnames::matches(QByteArrayView(entry.pattern), name))
                return &entry;
        }
        return nullptr;
    };
    // route.js: the full Host (port included) first, then, with StripAnyHostPort, without the port.
    if (const FsmHostEntry *entry = lookup(hostHeader))
        return entry;
    return host.size() != hostHeader.size() ? lookup(host) : nullptr;
}

RouteSelection Router::select(const ListenSocketConfig &socket, const RequestFacts &request)
{
    return select(socket, request, socket.profile);
}

RouteSelection Router::select(const ListenSocketConfig &socket, const RequestFacts &request, Profile profile)
{
    if (ProfileRules::hostSelection(profile) == ProfileRules::HostSelectionKind::PortHostTable) {
        const FsmHostEntry *entry = selectFsmHost(socket, request.hostHeader, request.host);
        if (!entry)
            return {};
        for (const RouteCandidate &candidate : entry->candidates) {
            if (matches(ruleOf(socket, candidate).matches[candidate.matchIndex], request, profile))
                return selectionOf(socket, candidate, entry->hostname);
        }
        RouteSelection none;
        none.listener = &socket.listeners[entry->listenerIndex];
        return none;
    }
    RouteSelection selection;
    selection.listener = selectListener(socket, request.host);
    if (!selection.listener)
        return selection;
    // Groups run from the most specific route hostname down, so the first match wins (§2.3 step 0).
    for (const HostGroup &group : selection.listener->hostGroups) {
        if (!Hostnames::matches(QByteArrayView(group.pattern), request.host))
            continue;
        for (const RouteCandidate &candidate : group.candidates) {
            if (matches(ruleOf(socket, candidate).matches[candidate.matchIndex], request, profile))
                return selectionOf(socket, candidate, group.hostname);
        }
    }
    return selection;
}

bool Router::pathMatches(const CompiledMatch &match, QByteArrayView requestPath, Profile profile)
{
    switch (match.pathKind) {
    case CompiledMatch::PathKind::Exact:
        return requestPath == match.pathValue;
    case CompiledMatch::PathKind::Regex:
        return match.pathRegex.isValid() && match.pathRegex.match(QString::fromUtf8(requestPath)).hasMatch();
    case CompiledMatch::PathKind::Prefix:
        break;
    }
    if (ProfileRules::prefixIgnoresTrailingSlash(profile)) {
        // Element-wise: the request path continues with '/' or ends where the prefix ends.
        const QByteArrayView prefix(match.prefixWithoutSlash);
        if (prefix.isEmpty())
            return true;
        if (!requestPath.startsWith(prefix))
            return false;
        return requestPath.size() == prefix.size() || requestPath[prefix.size()] == '/';
    }
    const QByteArrayView prefix(match.pathValue);
    if (!requestPath.startsWith(prefix))
        return false;
    return prefix.endsWith('/') || requestPath.size() == prefix.size() || requestPath[prefix.size()] == '/';
}

bool Router::matches(const CompiledMatch &compiled, const RequestFacts &request, Profile profile, QString *whyNot)
{
    const auto fail = [whyNot](const auto &reason) {
        if (whyNot)
            *whyNot = reason();
        return false;
    };
    const HTTPRouteMatch &match = compiled.match;
    if (!pathMatches(compiled, request.path, profile)) {
        return fail([&] {
            return QStringLiteral("path %1 does not match %2 %3").arg(QString::fromUtf8(request.path), match.path.type, match.path.value);
        });
    }
    if (!compiled.method.isEmpty() && request.method != compiled.method)
        return fail([&] { return QStringLiteral("method %1 is not %2").arg(QString::fromLatin1(request.method), match.method); });
    for (const CompiledMatch::ValueMatch &header : compiled.headers) {
        const HttpHeaders::Field *field = firstField(request.headers, header.name);
        if (!field)
            return fail([&] { return QStringLiteral("header %1 is absent").arg(QString::fromUtf8(header.name)); });
        if (!valueMatches(header, field->value)) {
            return fail([&] {
                return QStringLiteral("header %1: %2 %3 %4")
                    .arg(QString::fromUtf8(header.name), QString::fromUtf8(field->value),
                         header.isRegex ? QStringLiteral("does not match") : QStringLiteral("is not"), QString::fromUtf8(header.value));
            });
        }
    }
    for (const CompiledMatch::ValueMatch &param : compiled.queryParams) {
        QByteArrayView raw;
        if (!findQueryParam(request.query, param.name, &raw))
            return fail([&] { return QStringLiteral("query parameter %1 is absent").arg(QString::fromUtf8(param.name)); });
        const bool ok = param.isRegex ? param.regex.isValid() && param.regex.match(decoded(raw)).hasMatch() : decodedEquals(raw, param.value);
        if (!ok) {
            return fail([&] {
                return QStringLiteral("query parameter %1=%2 %3 %4")
                    .arg(QString::fromUtf8(param.name), decoded(raw), param.isRegex ? QStringLiteral("does not match") : QStringLiteral("is not"),
                         QString::fromUtf8(param.value));
            });
        }
    }
    return true;
}

QStringList Router::explain(const ListenSocketConfig &socket, const RequestFacts &request)
{
    QStringList lines;
    const Profile profile = socket.profile;
    CandidateWalk walk(socket, request, profile, lines);
    if (ProfileRules::hostSelection(profile) == ProfileRules::HostSelectionKind::PortHostTable) {
        const FsmHostEntry *entry = selectFsmHost(socket, request.hostHeader, request.host);
        if (!entry) {
            lines << QStringLiteral("no entry of port %1's host table accepts Host %2 (FSM looks up the exact Host with its port, "
                                    "then the first wildcard in config order, then both again without the port)")
                         .arg(socket.listenerPort)
                         .arg(hostText(request.hostHeader));
        } else {
            lines << QStringLiteral("host table entry %1 (%2) takes Host %3: FSM keeps one table per port across listeners, "
                                    "exact Host with port first, then the first wildcard in config order, then without the port")
                         .arg(entry->hostname, entry->wildcard ? QStringLiteral("wildcard") : QStringLiteral("exact"), hostText(request.hostHeader));
            walk.walk(entry->candidates, entry->hostname);
        }
    } else {
        const ListenerConfig *listener = selectListener(socket, request.host);
        if (!listener) {
            QStringList names;
            for (const ListenerConfig &candidate : socket.listeners)
                names << QStringLiteral("%1 (%2)").arg(candidate.name, candidate.hostname);
            lines << QStringLiteral("no listener on port %1 accepts host %2; listeners: %3")
                         .arg(socket.listenerPort)
                         .arg(hostText(request.host), names.join(QStringLiteral(", ")));
        } else {
            lines << QStringLiteral("listener %1 (%2) takes host %3")
                         .arg(listener->name, listener->hostname.isEmpty() ? QStringLiteral("any host") : listener->hostname, hostText(request.host));
            for (const ListenerConfig &other : socket.listeners) {
                if (&other != listener && Hostnames::matches(QByteArrayView(other.hostnamePattern), request.host)) {
                    lines << QStringLiteral("listener %1 (%2) also accepts the host, but %3 is more specific: its routes are not "
                                            "considered (listener isolation)")
                                 .arg(other.name, other.hostname.isEmpty() ? QStringLiteral("any host") : other.hostname, listener->name);
                }
            }
            for (const HostGroup &group : listener->hostGroups) {
                if (!Hostnames::matches(QByteArrayView(group.pattern), request.host)) {
                    lines << QStringLiteral("routes for hostname %1 do not serve host %2").arg(group.hostname, hostText(request.host));
                    continue;
                }
                walk.walk(group.candidates, group.hostname);
            }
        }
    }
    if (walk.skipped > 0)
        lines << QStringLiteral("… and %1 more rules").arg(walk.skipped);
    if (!walk.winnerFound)
        lines << QStringLiteral("no rule matches: 404");

    // The other profile, over the same routes.
    const Profile other = profile == Profile::Spec ? Profile::Fsm : Profile::Spec;
    const RouteSelection mine = select(socket, request, profile);
    const RouteSelection theirs = select(socket, request, other);
    if (mine.found() == theirs.found() && (!mine.found() || mine.sameRuleAs(theirs))) {
        lines << QStringLiteral("%1 would decide the same").arg(profileGatewayName(other));
    } else if (!theirs.found()) {
        lines << QStringLiteral("%1 would answer 404 (%2)")
                     .arg(profileGatewayName(other),
                          theirs.listener ? QStringLiteral("no rule it would consider matches")
                                          : QStringLiteral("no listener or host entry of its own would take host %1").arg(hostText(request.host)));
    } else {
        QString because;
        if (mine.found()) {
            if (other == Profile::Spec && theirs.matchedHostname != mine.matchedHostname)
                because = QStringLiteral("its route hostname %1 ranks first").arg(theirs.matchedHostname.isEmpty() ? QStringLiteral("(any)") : theirs.matchedHostname);
            else if (mine.listener != theirs.listener)
                because = QStringLiteral("it would take the request on listener %1").arg(theirs.listener->name);
            else
                MatchPrecedence::compare(ProfileRules::matchOrder(other), entryOf(socket, theirs.candidate), entryOf(socket, mine.candidate), &because);
        } else {
            because = QStringLiteral("the rule it would consider matches");
        }
        lines << QStringLiteral("%1 would route this to %2%3")
                     .arg(profileGatewayName(other), describeCandidate(socket, theirs.candidate),
                          because.isEmpty() ? QString() : QStringLiteral(": ") + because);
    }
    return lines;
}

} // namespace gw
