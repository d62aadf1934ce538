#pragma once

#include "runreport.h"

#include <QByteArray>
#include <QJsonObject>

namespace gw {

// HAR 1.2 of every request the run made (what the client saw), oldest first, with the gateway's
// side in `_`-prefixed fields other tools ignore: `_pod`, `_route`, `_stickyDecision`, ...
// A request that got no response has status 0 and `_error`, as mitmproxy writes it.
class HarWriter
{
public:
    HarWriter() = delete;

    static QJsonObject toJson(const RunReport &report);
    static QByteArray render(const RunReport &report);
    static bool write(const RunReport &report, const QString &path, QString *error);
};

} // namespace gw
