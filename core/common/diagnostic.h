#pragma once

#include "sourcelocation.h"

#include <QList>
#include <QString>

namespace gw {

// An error or warning about the user's input. Errors are values: every stage returns them
// alongside its result, the CLI prints them and the UI shows them at their line.
struct Diagnostic
{
    enum class Severity { Error, Warning };

    Severity severity = Severity::Error;
    SourceLocation location;
    QString fieldPath;   // e.g. "spec.listeners[0].port"; empty for file- or document-level problems
    QString message;     // what was expected and what was found

    static Diagnostic error(const SourceLocation &where, const QString &path, const QString &message);
    static Diagnostic warning(const SourceLocation &where, const QString &path, const QString &message);

    bool isError() const { return severity == Severity::Error; }
    // Errors:   02-gateway-route.yaml:14:9: spec.listeners[0].port: expected an integer 1-65535, got "eighty"
    // Warnings: 01-backends.yaml:3:1: warning: kind ConfigMap is not simulated; the object is set aside
    // The file is printed as given to the loader (relative paths stay relative).
    QString toString() const;
    friend bool operator==(const Diagnostic &, const Diagnostic &) = default;
};

using Diagnostics = QList<Diagnostic>;

bool hasErrors(const Diagnostics &diagnostics);
qsizetype errorCount(const Diagnostics &diagnostics);
qsizetype warningCount(const Diagnostics &diagnostics);

} // namespace gw
