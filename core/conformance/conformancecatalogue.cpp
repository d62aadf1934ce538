#include "conformancecatalogue.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace gw {

namespace {

QList<QPair<QByteArray, QByteArray>> byteHeaders(const QJsonValue &value)
{
    QList<QPair<QByteArray, QByteArray>> out;
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        out.append({it.key().toUtf8(), it.value().toString().toUtf8()});
    return out;
}

QList<QPair<QString, QString>> stringHeaders(const QJsonValue &value)
{
    QList<QPair<QString, QString>> out;
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        out.append({it.key(), it.value().toString()});
    return out;
}

QStringList strings(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &item : value.toArray())
        out << item.toString();
    return out;
}

std::optional<QString> optionalString(const QJsonObject &object, const QString &key)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    return value.toVariant().toString();
}

ConformanceCatalogue::Case parseCase(const QJsonObject &object)
{
    ConformanceCatalogue::Case parsed;
    parsed.gateway = object.value(u"gateway").toString();
    parsed.port = object.value(u"port").toInt(80);
    const QJsonObject request = object.value(u"request").toObject();
    if (const auto host = optionalString(request, QStringLiteral("host")))
        parsed.request.host = host->toUtf8();
    if (request.contains(u"method"))
        parsed.request.method = request.value(u"method").toString().toUtf8();
    if (request.contains(u"path"))
        parsed.request.path = request.value(u"path").toString().toUtf8();
    parsed.request.headers = byteHeaders(request.value(u"headers"));
    parsed.request.backendSetResponseHeaders = byteHeaders(request.value(u"backendSetResponseHeaders"));

    const QJsonObject expect = object.value(u"expect").toObject();
    ConformanceCatalogue::Expect &e = parsed.expect;
    const QJsonValue status = expect.value(u"status");
    if (status.isArray()) {
        e.statuses.clear();
        for (const QJsonValue &item : status.toArray())
            e.statuses.append(item.toInt());
    } else if (status.isDouble()) {
        e.statuses = {status.toInt()};
    }
    e.backend = optionalString(expect, QStringLiteral("backend"));
    e.backendNamespace = optionalString(expect, QStringLiteral("backendNamespace"));
    if (expect.value(u"backendRequest").isObject()) {
        const QJsonObject backend = expect.value(u"backendRequest").toObject();
        ConformanceCatalogue::BackendRequest request2;
        request2.host = backend.value(u"host").toString();
        if (backend.contains(u"method"))
            request2.method = backend.value(u"method").toString().toUtf8();
        request2.path = backend.value(u"path").toString().toUtf8();
        request2.headers = stringHeaders(backend.value(u"headers"));
        request2.absentHeaders = strings(backend.value(u"absentHeaders"));
        e.backendRequest = request2;
    }
    e.responseHeaders = stringHeaders(expect.value(u"responseHeaders"));
    const QJsonObject oneOf = expect.value(u"responseHeadersOneOf").toObject();
    for (auto it = oneOf.constBegin(); it != oneOf.constEnd(); ++it)
        e.responseHeadersOneOf.append({it.key(), strings(it.value())});
    e.responseAbsentHeaders = strings(expect.value(u"responseAbsentHeaders"));
    e.responseHeadersIgnoreWhitespace = expect.value(u"responseHeadersIgnoreWhitespace").toBool();
    if (expect.value(u"redirect").isObject()) {
        const QJsonObject redirect = expect.value(u"redirect").toObject();
        e.redirect = ConformanceCatalogue::Redirect{optionalString(redirect, QStringLiteral("scheme")), optionalString(redirect, QStringLiteral("host")),
                                                    optionalString(redirect, QStringLiteral("port")), optionalString(redirect, QStringLiteral("path"))};
    }
    for (const QJsonValue &item : expect.value(u"mirroredTo").toArray()) {
        const QJsonObject mirror = item.toObject();
        ConformanceCatalogue::Mirror parsedMirror{mirror.value(u"name").toString(), mirror.value(u"namespace").toString(), std::nullopt};
        if (mirror.contains(u"percent"))
            parsedMirror.percent = mirror.value(u"percent").toInt();
        e.mirroredTo.append(parsedMirror);
    }
    if (object.value(u"before").isObject()) {
        const QJsonObject before = object.value(u"before").toObject();
        for (auto it = before.constBegin(); it != before.constEnd(); ++it) {
            const QJsonObject target = it.value().toObject();
            parsed.before = ConformanceCatalogue::Before{it.key(), target.value(u"kind").toString(), target.value(u"namespace").toString(),
                                                         target.value(u"name").toString()};
        }
    }
    return parsed;
}

} // namespace

std::optional<ConformanceCatalogue> ConformanceCatalogue::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isArray()) {
        if (error)
            *error = QStringLiteral("%1 is not a JSON array of tests: %2").arg(path, parseError.errorString());
        return std::nullopt;
    }
    const QDir base = QFileInfo(path).absoluteDir();
    ConformanceCatalogue catalogue;
    for (const QJsonValue &value : document.array()) {
        const QJsonObject object = value.toObject();
        Test test;
        test.name = object.value(u"name").toString();
        test.support = object.value(u"support").toString();
        for (const QString &manifest : strings(object.value(u"manifests")))
            test.manifests << base.absoluteFilePath(manifest);
        for (const QJsonValue &item : object.value(u"cases").toArray())
            test.cases.append(parseCase(item.toObject()));
        test.statusChecks = object.value(u"statusChecks").toArray();
        if (object.value(u"distribution").isObject()) {
            const QJsonObject d = object.value(u"distribution").toObject();
            Distribution distribution;
            distribution.requests = d.value(u"requests").toInt();
            distribution.tolerance = d.value(u"tolerance").toDouble();
            distribution.path = d.value(u"path").toString(QStringLiteral("/")).toUtf8();
            const QJsonObject expected = d.value(u"expected").toObject();
            for (auto it = expected.constBegin(); it != expected.constEnd(); ++it)
                distribution.expected.append({it.key(), it.value().toDouble()});
            test.distribution = distribution;
        }
        if (object.value(u"invariant").isObject()) {
            const QJsonObject i = object.value(u"invariant").toObject();
            test.invariant = Invariant{i.value(u"requests").toInt(), i.value(u"path").toString(QStringLiteral("/")).toUtf8(), i.value(u"check").toString()};
        }
        catalogue.tests.append(test);
    }
    return catalogue;
}

} // namespace gw
