#pragma once

#include "common/diagnostic.h"
#include "scenario.h"

#include <QByteArray>
#include <QString>

namespace gw {

// Reads a scenario file and validates every field, with the manifests' diagnostics
// (file:line:column: field.path: message). Unknown keys are errors, not warnings: a misspelt
// assertion would otherwise be skipped and the step pass without checking anything.
class ScenarioLoader
{
public:
    struct Result
    {
        Scenario scenario;
        Diagnostics diagnostics;
        bool ok() const { return !hasErrors(diagnostics); }
    };

    ScenarioLoader() = delete;

    static Result loadFile(const QString &path);
    // `fileName` names the text in diagnostics; relative manifest paths resolve against `baseDir`.
    static Result loadText(const QString &fileName, const QByteArray &text, const QString &baseDir);
};

} // namespace gw
