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
        while (compiled.pathValue.size() > 1 && compiled.pathValue.endsWith('/'))
            compiled.pathValue.chop(1);
    }
    if (compiled.pathKind == PathKind::Regex)
        compiled.pathRegex = QRegularExpression(QRegularExpression::anchoredPattern(match.path.value));
    compiled.method = match.method.toLatin1();
    const auto compileValues = [](const QList<HTTPHeaderMatch> &in, QList<ValueMatch> &out) {
        for (const HTTPHeaderMatch &entry : in) {
            ValueMatch value{entry.name.toUtf8(), entry.value.toUtf8(), {}};
            if (entry.type == u"RegularExpression")
                value.regex = QRegularExpression(entry.value);
            out.append(value);
        }
    };
    compileValues(match.headers, compiled.headers);
    compileValues(match.queryParams, compiled.queryParams);
    return compiled;
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
