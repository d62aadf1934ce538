#include "samplecatalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace gw::ui {

QString SampleCatalog::samplesDirectory()
{
    const QString binDir = QCoreApplication::applicationDirPath();
    const QStringList candidates{binDir + QStringLiteral("/../share/gatewaylab/samples"), binDir + QStringLiteral("/../samples"),
                                 binDir + QStringLiteral("/../../samples"), QStringLiteral(GATEWAYLAB_SOURCE_DIR "/samples")};
    for (const QString &candidate : candidates) {
        if (QFileInfo(candidate).isDir())
            return QDir::cleanPath(candidate);
    }
    return {};
}

QList<SampleCatalog::Sample> SampleCatalog::samples(const QString &directory)
{
    QList<Sample> result;
    if (directory.isEmpty())
        return result;
    const QDir dir(directory);
    for (const QString &name : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        Sample sample{name, dir.absoluteFilePath(name), name, {}};
        QFile readme(dir.absoluteFilePath(name + QStringLiteral("/README.md")));
        if (readme.open(QIODevice::ReadOnly)) {
            const QString text = QString::fromUtf8(readme.read(64 * 1024));
            static const QRegularExpression heading(QStringLiteral("^#\\s+(.+)$"), QRegularExpression::MultilineOption);
            static const QRegularExpression applyNamespace(QStringLiteral("-n\\s+([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\b"));
            if (const auto match = heading.match(text); match.hasMatch())
                sample.title = match.captured(1).trimmed();
            if (const auto match = applyNamespace.match(text); match.hasMatch())
                sample.defaultNamespace = match.captured(1);
        }
        result.append(sample);
    }
    return result;
}

} // namespace gw::ui
