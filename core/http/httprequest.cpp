#include "httprequest.h"

#include "httpsyntax.h"

namespace gw {

namespace {

// The part of an absolute-form target after scheme://authority, e.g. "/a?b" of "http://h/a?b".
QByteArrayView originPart(QByteArrayView target)
{
    if (target.startsWith('/') || target == "*")
        return target;
    const qsizetype scheme = target.indexOf("://");
    if (scheme < 0)
        return target;
    const QByteArrayView rest = target.sliced(scheme + 3);
    for (qsizetype i = 0; i < rest.size(); ++i) {
        if (rest[i] == '/' || rest[i] == '?')
            return rest.sliced(i);
    }
    return QByteArrayView();
}

} // namespace

QByteArray HttpRequest::path() const
{
    const QByteArrayView origin = originPart(target);
    const qsizetype question = origin.indexOf('?');
    const QByteArrayView result = question < 0 ? origin : origin.first(question);
    // An absolute-form target with an empty path means "/" (RFC 9112 §3.2.2).
    if (result.isEmpty())
        return QByteArrayLiteral("/");
    if (result.size() == target.size())
        return target;
    return result.toByteArray();
}

QByteArray HttpRequest::query() const
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? QByteArray() : target.sliced(question + 1);
}

bool HttpRequest::keepAlive() const
{
    return HttpSyntax::keepAlive(headers, versionMinor);
}

bool HttpRequest::expectsContinue() const
{
    // RFC 9110 §10.1.1: a server ignores 100-continue from an HTTP/1.0 client.
    return versionMinor >= 1 && HttpSyntax::equalsIgnoreCase(HttpSyntax::trimmed(headers.value("expect")), "100-continue");
}

} // namespace gw
