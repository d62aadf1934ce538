#pragma once

#include <QByteArray>
#include <QString>

namespace gw {

// Writes a report in one go: into a temporary file beside the target, renamed over it only when
// everything was written, so a reader (CI, a browser) never sees half a report.
class ReportFile
{
public:
    ReportFile() = delete;

    static bool save(const QString &path, const QByteArray &content, QString *error);
    // "2024-01-05T19:15:23.123Z": UTC ISO 8601 with milliseconds, whatever the machine's zone.
    static QString isoTime(qint64 epochMs);
};

} // namespace gw
