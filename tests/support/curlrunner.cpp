#include "curlrunner.h"

#include <QProcess>

namespace gw::test {

QList<QByteArray> CurlResult::lines() const
{
    QList<QByteArray> result = output.split('\n');
    for (QByteArray &line : result) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    return result;
}

CurlResult runCurl(const QStringList &arguments, int timeoutMs)
{
    CurlResult result;
    QProcess curl;
    curl.start(QStringLiteral("curl"), QStringList{QStringLiteral("--silent"), QStringLiteral("--show-error"), QStringLiteral("--max-time"),
                                                   QString::number(qMax(1, timeoutMs / 1000))}
                                           + arguments);
    if (!curl.waitForStarted(timeoutMs)) {
        result.errorOutput = "curl could not be started: " + curl.errorString().toUtf8();
        return result;
    }
    if (!curl.waitForFinished(timeoutMs + 2000)) {
        curl.kill();
        curl.waitForFinished(2000);
        result.errorOutput = "curl did not finish in time";
        return result;
    }
    result.exitCode = curl.exitStatus() == QProcess::NormalExit ? curl.exitCode() : -1;
    result.output = curl.readAllStandardOutput();
    result.errorOutput = curl.readAllStandardError();
    return result;
}

} // namespace gw::test
