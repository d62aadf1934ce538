#include "podevidence.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace gw {

QString PodEvidence::fromResponse(const HttpResponse &response, const Source &source)
{
    if (!source.header.isEmpty()) {
        const QByteArray value = response.headers.value(source.header).trimmed();
        if (!value.isEmpty())
            return QString::fromUtf8(value);
    }
    if (!source.echoBody)
        return {};
    // Cheap checks first: only a JSON object that mentions "pod" is worth parsing.
    const QByteArray &body = response.body;
    qsizetype first = 0;
    while (first < body.size() && (body.at(first) == ' ' || body.at(first) == '\n' || body.at(first) == '\r' || body.at(first) == '\t'))
        ++first;
    if (first >= body.size() || body.at(first) != '{' || !body.contains("\"pod\""))
        return {};
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return {};
    const QJsonObject object = document.object();
    const QString pod = object.value(QStringLiteral("pod")).toString();
    if (pod.isEmpty())
        return {};
    const QString namespaceName = object.value(QStringLiteral("namespace")).toString();
    return namespaceName.isEmpty() ? pod : namespaceName + u'/' + pod;
}

} // namespace gw
