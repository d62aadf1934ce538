#pragma once

#include "runreport.h"

#include <QByteArray>

namespace gw {

// JUnit XML as GitLab, Jenkins and the Ant schema read it: one <testsuite> per scenario with one
// <testcase> per step, the thresholds as a suite of their own, counts that match the children,
// classname + name unique across the file, and times in seconds with a '.' in every locale.
// A failed assertion is a <failure>; a request that got no answer, invalid input or a run that
// could not start is an <error>; an action the real gateway cannot take is <skipped>.
class JUnitWriter
{
public:
    JUnitWriter() = delete;

    static QByteArray render(const RunReport &report);
    static bool write(const RunReport &report, const QString &path, QString *error);
    static QString seconds(qint64 microseconds);
};

} // namespace gw
