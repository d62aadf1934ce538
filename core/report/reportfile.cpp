#include "reportfile.h"

#include <QDateTime>
#include <QSaveFile>

namespace gw {

bool ReportFile::save(const QString &path, const QByteArray &content, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = u"cannot write " + path + u": " + file.errorString();
        return false;
    }
    if (file.write(content) != content.size() || !file.commit()) {
        *error = u"cannot write " + path + u": " + file.errorString();
        return false;
    }
    return true;
}

QString ReportFile::isoTime(qint64 epochMs)
{
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace gw
