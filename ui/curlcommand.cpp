#include "curlcommand.h"

#include <QUrl>

namespace gw::ui {

QString CurlCommand::shellQuote(const QString &text)
{
    bool plain = !text.isEmpty();
    for (const QChar c : text) {
        if (!(c.isLetterOrNumber() || QStringView(u"-_./:=@%+,").contains(c)) || c.unicode() > 127) {
            plain = false;
            break;
        }
    }
    if (plain)
        return text;
    QString quoted = text;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

QString CurlCommand::forUrl(const QString &url)
{
    return QStringLiteral("curl -i ") + shellQuote(url);
}

QString CurlCommand::forRequest(const QByteArray &method, const QString &url, const QList<Header> &headers, const QByteArray &body)
{
    QStringList parts{QStringLiteral("curl"), QStringLiteral("-i")};
    if (method == "HEAD")
        parts << QStringLiteral("-I");
    else if (method != "GET" || !body.isEmpty())
        parts << QStringLiteral("-X") << shellQuote(QString::fromLatin1(method));
    parts << shellQuote(url);
    const QString authority = QUrl(url).authority();
    for (const Header &header : headers) {
        const QByteArray name = header.first.toLower();
        if (name == "content-length" || name == "connection" || name == "transfer-encoding")
            continue;
        if (name == "host" && QString::fromLatin1(header.second).compare(authority, Qt::CaseInsensitive) == 0)
            continue;
        if (name == "cookie") {
            parts << QStringLiteral("-b") << shellQuote(QString::fromLatin1(header.second));
            continue;
        }
        parts << QStringLiteral("-H") << shellQuote(QString::fromLatin1(header.first + ": " + header.second));
    }
    if (!body.isEmpty())
        parts << QStringLiteral("--data-binary") << shellQuote(QString::fromUtf8(body));
    return parts.join(u' ');
}

} // namespace gw::ui
