#pragma once

#include "runreport.h"

#include <QByteArray>

namespace gw {

// One self-contained HTML file (inline CSS, charts as inline SVG, no script, nothing fetched):
// the verdict first, then each scenario's steps with expected against actual, the load's
// thresholds, latency, per-pod and per-session tables. Every string that came from the user or
// the network is escaped, so a path like /<script> is shown, never run.
class HtmlReportWriter
{
public:
    HtmlReportWriter() = delete;

    static QByteArray render(const RunReport &report);
    static bool write(const RunReport &report, const QString &path, QString *error);
};

} // namespace gw
