#pragma once

#include "flow/flowrecord.h"
#include "report/runreport.h"

#include <QList>
#include <functional>

namespace gw {
class Simulation;
}

namespace gw::ui {

// Turns what the desktop session holds (the flow log, the configuration served, the sessions and
// the diagnostics) into the report model the CLI's reports are written from, so File ▸ Export
// writes HTML, HAR and JSON with the same writers as `gatewaylab test`:
// - each listener's route → Service → pods chain is one "configuration" step (a summary of what
//   was served),
// - each client's flows are one "traffic" step, their exchanges joined with the gateway's decisions,
// - the whole session's numbers fill the load section, computed by the scenario runner's own
//   LoadAnalysis (each flow standing for one request), so the app and the CLI count alike.
class SessionReportBuilder
{
public:
    struct Input
    {
        QList<FlowRecord> flows;                                  // oldest first
        std::function<QString(const FlowRecord &)> clientName;   // who sent it ("" → its address)
        QStringList loadedPaths;
        // The HTML lists every exchange; a long session keeps each client's newest only (the HAR
        // and JSON exports take every flow). -1: no limit.
        qsizetype maxExchangesPerClient = -1;
    };

    SessionReportBuilder() = delete;

    static RunReport build(const Simulation &simulation, const Input &input);
    static ExchangeReport exchange(const FlowRecord &record, const QString &client);
    // The report's words for a sticky decision: none, issued, honoured, repinned.
};

} // namespace gw::ui
