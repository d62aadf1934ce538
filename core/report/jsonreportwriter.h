#pragma once

#include "runreport.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>

namespace gw {

// The run as JSON for tools (`--json`): every field of the report model, with "schemaVersion" so
// readers can tell versions apart. Times are UTC ISO 8601, durations in milliseconds as numbers.
class JsonReportWriter
{
public:
    static constexpr int SchemaVersion = 1;

    JsonReportWriter() = delete;

    static QJsonObject toJson(const RunReport &report);
    static QByteArray render(const RunReport &report);
    static bool write(const RunReport &report, const QString &path, QString *error);
    // Shared with the HAR writer: headers as [{name, value}].
    static QJsonArray headers(const HttpHeaders &headers);
};

} // namespace gw
