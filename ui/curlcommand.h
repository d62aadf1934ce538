#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace gw::ui {

// curl command lines a user can paste into a shell: the tutorial's `curl -i URL` for a listener,
// and "Copy as curl" for a recorded request. Everything user-supplied is single-quoted for POSIX
// shells, so a path or header with spaces, quotes or `$` reaches curl unchanged.
class CurlCommand
{
public:
    using Header = QPair<QByteArray, QByteArray>;

    static QString forUrl(const QString &url);
    // `url` is where to send it (the listener's address and the request target); headers as they
    // were sent. A Host header naming another authority than the URL's is kept (virtual hosts), a
    // Cookie header becomes -b, and headers curl computes itself (Content-Length, Connection) are left out.
    static QString forRequest(const QByteArray &method, const QString &url, const QList<Header> &headers, const QByteArray &body);
    static QString shellQuote(const QString &text);
};

} // namespace gw::ui
