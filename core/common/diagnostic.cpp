#include "diagnostic.h"

#include <algorithm>

namespace gw {

Diagnostic Diagnostic::error(const SourceLocation &where, const QString &path, const QString &message)
{
    return Diagnostic{Severity::Error, where, path, message};
}

Diagnostic Diagnostic::warning(const SourceLocation &where, const QString &path, const QString &message)
{
    return Diagnostic{Severity::Warning, where, path, message};
}

QString Diagnostic::toString() const
{
    QString text = location.toString();
    if (!text.isEmpty())
        text += u": ";
    if (!isError())
        text += u"warning: ";
    if (!fieldPath.isEmpty())
        text += fieldPath + u": ";
    return text + message;
}

bool hasErrors(const Diagnostics &diagnostics)
{
    return std::any_of(diagnostics.cbegin(), diagnostics.cend(), [](const Diagnostic &d) { return d.isError(); });
}

qsizetype errorCount(const Diagnostics &diagnostics)
{
    return std::count_if(diagnostics.cbegin(), diagnostics.cend(), [](const Diagnostic &d) { return d.isError(); });
}

qsizetype warningCount(const Diagnostics &diagnostics)
{
    return diagnostics.size() - errorCount(diagnostics);
}

} // namespace gw
