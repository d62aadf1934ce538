#pragma once

#include <QByteArray>
#include <QStringList>

namespace gw::test {

// Runs the real curl binary, as a user following the tutorial would. Bounded in time.
struct CurlResult
{
    int exitCode = -1;
    QByteArray output;
    QByteArray errorOutput;
    // Output lines without their CR LF, for comparing `curl -i` transcripts line by line.
    QList<QByteArray> lines() const;
};

CurlResult runCurl(const QStringList &arguments, int timeoutMs = 15000);

} // namespace gw::test
