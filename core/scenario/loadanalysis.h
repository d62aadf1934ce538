#pragma once

#include "client/loadrunner.h"
#include "flow/flowrecord.h"
#include "report/runreport.h"

#include <QList>

namespace gw {

// Turns a load run's samples into the report's numbers: latency percentiles, statuses, per-pod
// shares, sessions and stickiness. In the simulation every sample is joined to its flow record
// (by client port and request number on the connection), so pods and sticky decisions are the
// gateway's own; against a real gateway they come from the responses' pod evidence.
class LoadAnalysis
{
public:
    LoadAnalysis() = delete;

    // `base` carries the plan (clients, concurrency, url); the result adds the measurements.
    static LoadReport fromSimulation(LoadReport base, const QList<LoadRunner::Sample> &samples, const QList<FlowRecord> &records, qint64 elapsedMs);
    static LoadReport fromTarget(LoadReport base, const QList<LoadRunner::Sample> &samples, const QStringList &podNames, qint64 elapsedMs,
                                 const QString &podSource);
    // Nearest-rank percentile of sorted values (p in 0-100).
    static double percentile(const QList<qint32> &sortedUs, double p);
};

} // namespace gw
