#include "gatewayconfig.h"

namespace gw {

QString ListenSocketConfig::url() const
{
    return QStringLiteral("http://%1:%2/").arg(QString::fromLatin1(address)).arg(bindPort);
}

CompiledMatch CompiledMatch::compile(const HTTPRouteMatch &match)
{
    CompiledMatch compiled;
    compiled.match = match;
    const QString &type = match.path.type;
    compiled.pathKind = type == u"Exact" ? PathKind::Exact : type == u"RegularExpression" ? PathKind::Regex : PathKind::Prefix;
    compiled.pathValue = match.path.value.toUtf8();
    if (compiled.pathKind == PathKind::Prefix) {
        compiled.prefixWithoutSlash = compiled.pathValue;
        while (compiled.prefixWithoutSlash.endsWith('/'))
            compiled.prefixWithoutSlash.chop(1);
    }
    // Regular expressions are implementation-specific; the lab matches them against the whole path
    // or value (as Envoy's RE2 matches do), in Qt's PCRE2 dialect.
    if (compiled.pathKind == PathKind::Regex)
        compiled.pathRegex = QRegularExpression(QRegularExpression::anchoredPattern(match.path.value));
    compiled.method = match.method.toLatin1();
    const auto compileValues = [](const QList<HTTPHeaderMatch> &in, QList<ValueMatch> &out) {
        for (const HTTPHeaderMatch &entry : in) {
            ValueMatch value{entry.name.toUtf8(), entry.value.toUtf8(), {}, entry.type == u"RegularExpression"};
            if (value.isRegex)
                value.regex = QRegularExpression(QRegularExpression::anchoredPattern(entry.value));
            out.append(value);
        }
    };
    compileValues(match.headers, compiled.headers);
    compileValues(match.queryParams, compiled.queryParams);
    return compiled;
}

QString CompiledMatch::describe() const
{
    QStringList parts{match.path.type + u' ' + match.path.value};
    if (!match.method.isEmpty())
        parts << QStringLiteral("method %1").arg(match.method);
    for (const HTTPHeaderMatch &header : match.headers)
        parts << QStringLiteral("header %1%2%3").arg(header.name, header.type == u"Exact" ? QStringLiteral("=") : QStringLiteral("~"), header.value);
    for (const HTTPQueryParamMatch &param : match.queryParams)
        parts << QStringLiteral("query %1%2%3").arg(param.name, param.type == u"Exact" ? QStringLiteral("=") : QStringLiteral("~"), param.value);
    return parts.join(QStringLiteral(", "));
}

QString RouteRuleConfig::displayName() const
{
    const QString rule = ruleName.isEmpty() ? QStringLiteral("rule %1").arg(ruleIndex) : QStringLiteral("rule %1 (%2)").arg(ruleIndex).arg(ruleName);
    return QStringLiteral("%1 of HTTPRoute %2").arg(rule, routeKey);
}

const ListenSocketConfig *GatewayConfig::findSocket(QByteArrayView address, quint16 port) const
{
    for (const ListenSocketConfig &socket : sockets) {
        if (socket.bindPort == port && socket.address == address)
            return &socket;
    }
    return nullptr;
}

} // namespace gw
