#include "manifestloader.h"

#include "manifestsetbuilder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace gw {

namespace {

// Larger files are refused rather than read: manifests are a few kilobytes, and reading a
// multi-gigabyte file given by mistake would freeze the program.
constexpr qint64 MaxFileSize = qint64(64) * 1024 * 1024;

QString lowerFirst(QString text)
{
    if (!text.isEmpty())
        text[0] = text.at(0).toLower();
    return text;
}

void cannotRead(ManifestSet &set, const QString &path, const QString &what, const QString &reason)
{
    set.diagnostics.append(Diagnostic::error(SourceLocation{path, 0, 0}, QString(), u"cannot read the " + what + u": " + reason));
}

void loadFile(const QString &path, const QHash<QString, QByteArray> &overrides, ManifestSetBuilder &builder, ManifestSet &set)
{
    if (const auto override = overrides.constFind(path); override != overrides.cend()) {
        builder.addText(path, *override);
        return;
    }
    const QFileInfo info(path);
    // FIFOs and devices would block or never end; only regular files are manifests.
    if (!info.isFile()) {
        cannotRead(set, path, QStringLiteral("file"), QStringLiteral("not a regular file"));
        return;
    }
    if (info.size() > MaxFileSize) {
        cannotRead(set, path, QStringLiteral("file"), u"it is larger than " + QString::number(MaxFileSize / (1024 * 1024)) + u" MiB");
        return;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        cannotRead(set, path, QStringLiteral("file"), lowerFirst(file.errorString()));
        return;
    }
    const QByteArray text = file.read(MaxFileSize + 1);
    if (file.error() != QFileDevice::NoError) {
        cannotRead(set, path, QStringLiteral("file"), lowerFirst(file.errorString()));
        return;
    }
    builder.addText(path, text);
}

// A Gateway Lab scenario (`gatewaylab test`) kept beside the manifests it loads, as every sample
// folder does: top-level `manifests:` and `steps:` or `load:`, and no apiVersion or kind. Loading
// the folder as manifests leaves it out, so `serve samples/x` keeps working.
bool isScenarioFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QString text = QString::fromUtf8(file.read(64 * 1024));
    static const QRegularExpression manifests(QStringLiteral("^manifests\\s*:"), QRegularExpression::MultilineOption);
    static const QRegularExpression steps(QStringLiteral("^(steps|load)\\s*:"), QRegularExpression::MultilineOption);
    static const QRegularExpression object(QStringLiteral("^(apiVersion|kind)\\s*:"), QRegularExpression::MultilineOption);
    return manifests.match(text).hasMatch() && steps.match(text).hasMatch() && !object.match(text).hasMatch();
}

void loadFolder(const QString &path, const QHash<QString, QByteArray> &overrides, ManifestSetBuilder &builder, ManifestSet &set)
{
    const QDir dir(path);
    if (!QFileInfo(path).isReadable()) {
        cannotRead(set, path, QStringLiteral("folder"), QStringLiteral("permission denied"));
        return;
    }
    // kubectl apply -f <dir>: the folder's own *.json, *.yaml and *.yml files, in name order
    // (byte order, not locale order), without descending into subfolders.
    QStringList names;
    const QStringList entries = dir.entryList(QDir::Files | QDir::NoDotAndDotDot, QDir::NoSort);
    for (const QString &name : entries) {
        if ((name.endsWith(u".yaml") || name.endsWith(u".yml") || name.endsWith(u".json")) && !isScenarioFile(dir.filePath(name)))
            names.append(name);
    }
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseSensitive) < 0; });
    if (names.isEmpty()) {
        set.diagnostics.append(Diagnostic::warning(SourceLocation{path, 0, 0}, QString(),
                                                   QStringLiteral("no *.yaml, *.yml or *.json files in the folder")));
        return;
    }
    const QString prefix = path.endsWith(u'/') ? path : path + u'/';
    for (const QString &name : names)
        loadFile(prefix + name, overrides, builder, set);
}

} // namespace

// Options has default member initializers, which C++ does not allow in a default argument inside
// the class that declares it; hence a separate default constructor.
ManifestLoader::ManifestLoader()
    : ManifestLoader(Options())
{
}

ManifestLoader::ManifestLoader(Options options)
    : m_options(std::move(options))
{
}

ManifestSet ManifestLoader::loadPaths(const QStringList &paths, const QHash<QString, QByteArray> &textOverrides) const
{
    ManifestSet set;
    ManifestSetBuilder builder(m_options, set);
    for (const QString &path : paths) {
        const QFileInfo info(path);
        // An editor may hold the text of a file that is not on disk yet (a new, unsaved file).
        if (!info.exists() && !textOverrides.contains(path)) {
            cannotRead(set, path, QStringLiteral("file"), QStringLiteral("no such file or directory"));
            continue;
        }
        if (info.isDir())
            loadFolder(path, textOverrides, builder, set);
        else
            loadFile(path, textOverrides, builder, set);
    }
    return set;
}

void ManifestLoader::loadText(const QString &fileName, const QByteArray &text, ManifestSet &set) const
{
    ManifestSetBuilder builder(m_options, set);
    builder.addText(fileName, text);
}

} // namespace gw
