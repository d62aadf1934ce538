#include "router.h"

#include "hostnames.h"

namespace gw {

const ListenerConfig *Router::selectListener(const ListenSocketConfig &socket, const QString &host)
{
    const ListenerConfig *best = nullptr;
    qint64 bestScore = -2;
    for (const ListenerConfig &listener : socket.listeners) {
        if (!Hostnames::matches(listener.hostname, host))
            continue;
        // Exact names outrank every wildcard, and any hostname outranks the catch-all.
        const qint64 score = listener.hostname.isEmpty() ? -1
                             : Hostnames::isWildcard(listener.hostname) ? Hostnames::specificity(listener.hostname)
                                                                       : (qint64(1) << 40) + listener.hostname.size();
        if (score > bestScore) {
            best = &listener;
            bestScore = score;
        }
    }
    return best;
}

RouteSelection Router::select(const ListenSocketConfig &socket, const RequestFacts &request)
{
    RouteSelection selection;
    selection.listener = selectListener(socket, request.host);
    if (!selection.listener)
        return selection;
    const ListenerConfig &listener = *selection.listener;
    qint64 bestHostScore = -2;
    for (const RouteCandidate &candidate : listener.candidates) {
        const AttachedRoute &route = listener.routes[candidate.routeIndex];
        // The route's most specific hostname that accepts the Host decides its rank (§1.3).
        qint64 hostScore = -2;
        QString matchedHostname;
        if (route.hostnames.isEmpty()) {
            hostScore = -1;
        } else {
            for (const QString &hostname : route.hostnames) {
                if (Hostnames::matches(hostname, request.host) && Hostnames::specificity(hostname) > hostScore) {
                    hostScore = Hostnames::specificity(hostname);
                    matchedHostname = hostname;
                }
            }
        }
        if (hostScore <= bestHostScore)
            continue;    // an earlier candidate with at least this host rank already won
        const RouteRuleConfig &rule = *route.rules[candidate.ruleIndex];
        if (!matches(rule.matches[candidate.matchIndex], request))
            continue;
        bestHostScore = hostScore;
        selection.route = &route;
        selection.rule = &rule;
        selection.matchIndex = candidate.matchIndex;
        selection.matchedHostname = matchedHostname;
    }
    return selection;
}

bool Router::pathMatches(const CompiledMatch &match, QByteArrayView requestPath)
{
    switch (match.pathKind) {
    case CompiledMatch::PathKind::Exact:
        return requestPath == match.pathValue;
    case CompiledMatch::PathKind::Regex:
        return match.pathRegex.isValid() && match.pathRegex.match(QString::fromUtf8(requestPath)).hasMatch();
    case CompiledMatch::PathKind::Prefix:
        break;
    }
    // Element-wise prefix: the request path must continue with '/' or end where the prefix ends.
    const QByteArrayView prefix(match.pathValue);
    if (prefix == "/")
        return true;
    if (!requestPath.startsWith(prefix))
        return false;
    return requestPath.size() == prefix.size() || requestPath[prefix.size()] == '/';
}

QByteArray Router::queryParam(QByteArrayView query, QByteArrayView name)
{
    qsizetype start = 0;
    while (start <= query.size()) {
        qsizetype end = query.indexOf('&', start);
        if (end < 0)
            end = query.size();
        const QByteArrayView pair = query.sliced(start, end - start);
        const qsizetype eq = pair.indexOf('=');
        const QByteArrayView key = eq < 0 ? pair : pair.first(eq);
        if (QByteArray::fromPercentEncoding(key.toByteArray()) == name) {
            const QByteArray value = eq < 0 ? QByteArray("") : QByteArray::fromPercentEncoding(pair.sliced(eq + 1).toByteArray());
            return value.isNull() ? QByteArray("") : value;
        }
        start = end + 1;
    }
    return {};
}

bool Router::matches(const CompiledMatch &compiled, const RequestFacts &request, QString *whyNot)
{
    const auto fail = [whyNot](const QString &reason) {
        if (whyNot)
            *whyNot = reason;
        return false;
    };
    const HTTPRouteMatch &match = compiled.match;
    if (!pathMatches(compiled, request.path))
        return fail(QStringLiteral("path %1 %2 does not match %3").arg(match.path.type, match.path.value, QString::fromUtf8(request.path)));
    if (!compiled.method.isEmpty() && request.method != compiled.method)
        return fail(QStringLiteral("method %1 is not %2").arg(QString::fromLatin1(request.method), match.method));
    for (const CompiledMatch::ValueMatch &header : compiled.headers) {
        if (!request.headers || !request.headers->contains(header.name))
            return fail(QStringLiteral("header %1 is absent").arg(QString::fromUtf8(header.name)));
        const QByteArray value = request.headers->value(header.name);
        const bool ok = header.regex.pattern().isEmpty() ? value == header.value
                                                         : header.regex.isValid() && header.regex.match(QString::fromUtf8(value)).hasMatch();
        if (!ok) {
            return fail(QStringLiteral("header %1: %2 does not match %3")
                            .arg(QString::fromUtf8(header.name), QString::fromUtf8(value), QString::fromUtf8(header.value)));
        }
    }
    for (const CompiledMatch::ValueMatch &param : compiled.queryParams) {
        const QByteArray value = queryParam(request.query, param.name);
        if (value.isNull())
            return fail(QStringLiteral("query parameter %1 is absent").arg(QString::fromUtf8(param.name)));
        const bool ok = param.regex.pattern().isEmpty() ? value == param.value
                                                        : param.regex.isValid() && param.regex.match(QString::fromUtf8(value)).hasMatch();
        if (!ok) {
            return fail(QStringLiteral("query parameter %1=%2 does not match %3")
                            .arg(QString::fromUtf8(param.name), QString::fromUtf8(value), QString::fromUtf8(param.value)));
        }
    }
    return true;
}

} // namespace gw
