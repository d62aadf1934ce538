#include "loadanalysis.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace gw {

namespace {

constexpr int TimelineBuckets = 40;

void measure(LoadReport &report, const QList<LoadRunner::Sample> &samples, qint64 elapsedMs)
{
    report.completed = samples.size();
    report.durationMs = elapsedMs;
    report.requestsPerSecond = elapsedMs > 0 ? double(samples.size()) * 1000.0 / double(elapsedMs) : 0;
    QList<qint32> durations;
    durations.reserve(samples.size());
    double sum = 0;
    qint64 firstStart = std::numeric_limits<qint64>::max();
    qint64 lastEnd = 0;
    for (const LoadRunner::Sample &sample : samples) {
        report.statuses[sample.status] += 1;
        if (sample.status == 0) {
            ++report.failed;
            continue;
        }
        durations.append(sample.durationUs);
        sum += sample.durationUs;
        firstStart = std::min(firstStart, sample.startedAtMs);
        lastEnd = std::max(lastEnd, sample.startedAtMs + sample.durationUs / 1000);
    }
    std::sort(durations.begin(), durations.end());
    LatencyReport &latency = report.latency;
    latency.count = durations.size();
    if (!durations.isEmpty()) {
        latency.minMs = durations.first() / 1000.0;
        latency.maxMs = durations.last() / 1000.0;
        latency.avgMs = sum / double(durations.size()) / 1000.0;
        latency.p50Ms = LoadAnalysis::percentile(durations, 50) / 1000.0;
        latency.p90Ms = LoadAnalysis::percentile(durations, 90) / 1000.0;
        latency.p95Ms = LoadAnalysis::percentile(durations, 95) / 1000.0;
        latency.p99Ms = LoadAnalysis::percentile(durations, 99) / 1000.0;
    }
    // Requests and p95 over time, in equal buckets across the run.
    if (!samples.isEmpty() && firstStart != std::numeric_limits<qint64>::max()) {
        const qint64 span = std::max<qint64>(1, lastEnd - firstStart + 1);
        const qint64 width = std::max<qint64>(1, (span + TimelineBuckets - 1) / TimelineBuckets);
        QList<QList<qint32>> buckets((span + width - 1) / width);
        for (const LoadRunner::Sample &sample : samples) {
            if (sample.status == 0)
                continue;
            const qint64 index = std::clamp<qint64>((sample.startedAtMs - firstStart) / width, 0, buckets.size() - 1);
            buckets[index].append(sample.durationUs);
        }
        for (qsizetype i = 0; i < buckets.size(); ++i) {
            std::sort(buckets[i].begin(), buckets[i].end());
            report.timeline.append(TimelinePoint{i * width, buckets[i].size(), buckets[i].isEmpty() ? 0 : LoadAnalysis::percentile(buckets[i], 95) / 1000.0});
        }
    }
}

void podShares(LoadReport &report, const QHash<QString, QList<qint32>> &durationsByPod, const QHash<QString, qint64> &errorsByPod)
{
    qint64 answered = 0;
    for (const auto &durations : durationsByPod)
        answered += durations.size();
    for (auto it = durationsByPod.cbegin(); it != durationsByPod.cend(); ++it) {
        QList<qint32> sorted = it.value();
        std::sort(sorted.begin(), sorted.end());
        PodShareReport share;
        share.pod = it.key();
        share.requests = sorted.size();
        share.sharePercent = answered > 0 ? 100.0 * double(sorted.size()) / double(answered) : 0;
        share.errors = errorsByPod.value(it.key());
        share.p95Ms = LoadAnalysis::percentile(sorted, 95) / 1000.0;
        report.pods.append(share);
    }
    std::sort(report.pods.begin(), report.pods.end(), [](const PodShareReport &a, const PodShareReport &b) {
        return a.requests != b.requests ? a.requests > b.requests : a.pod < b.pod;
    });
}

} // namespace

double LoadAnalysis::percentile(const QList<qint32> &sortedUs, double p)
{
    if (sortedUs.isEmpty())
        return 0;
    const auto rank = qsizetype(std::ceil(p / 100.0 * double(sortedUs.size())));
    return sortedUs[std::clamp<qsizetype>(rank - 1, 0, sortedUs.size() - 1)];
}

LoadReport LoadAnalysis::fromSimulation(LoadReport report, const QList<LoadRunner::Sample> &samples, const QList<FlowRecord> &records, qint64 elapsedMs)
{
    measure(report, samples, elapsedMs);
    report.podSource = QStringLiteral("flow log");
    // A client port can come back for a later connection; several records may share a key, and
    // the one that started closest to the sample is it.
    QHash<QPair<quint16, int>, QList<const FlowRecord *>> byConnection;
    QHash<QByteArray, QString> podOfCookie;
    for (const FlowRecord &record : records) {
        byConnection[{record.clientPort, record.requestOnConnection}].append(&record);
        if (!record.cookieIssued.isNull())
            podOfCookie.insert(record.cookieIssued, record.podKey);
    }
    QHash<QString, QList<qint32>> durationsByPod;
    QHash<QString, qint64> errorsByPod;
    struct Session
    {
        QString pod;
        qint64 requests = 0;
        QSet<qint32> clients;
    };
    QHash<QByteArray, Session> sessions;
    for (const LoadRunner::Sample &sample : samples) {
        if (sample.status == 0)
            continue;
        const QList<const FlowRecord *> candidates = byConnection.value({sample.localPort, sample.requestOnConnection});
        const FlowRecord *record = nullptr;
        for (const FlowRecord *candidate : candidates) {
            if (!record || qAbs(candidate->startedAtMs - sample.startedAtMs) < qAbs(record->startedAtMs - sample.startedAtMs))
                record = candidate;
        }
        const QString pod = record ? (record->podKey.isEmpty() ? QStringLiteral("(gateway)") : record->podKey) : QStringLiteral("(not in the flow log)");
        durationsByPod[pod].append(sample.durationUs);
        if (sample.status >= 500)
            errorsByPod[pod] += 1;
        if (!record)
            continue;
        const QByteArray cookie = !record->cookieIssued.isNull() ? record->cookieIssued : record->cookieReceived;
        if (!cookie.isNull()) {
            Session &session = sessions[cookie];
            session.pod = podOfCookie.value(cookie, session.pod);
            if (session.pod.isEmpty() && record->stickyDecision == FlowRecord::StickyDecision::Honoured)
                session.pod = record->podKey;
            ++session.requests;
            session.clients.insert(sample.clientIndex);
        }
        // Stickiness: the request carried the sticky cookie; it is kept when the cookie pinned it
        // to the pod the cookie was issued for and no new cookie came back.
        if (!record->cookieReceived.isNull()) {
            ++report.stickyEligible;
            const QString issuedFor = podOfCookie.value(record->cookieReceived, record->podKey);
            if (record->stickyDecision == FlowRecord::StickyDecision::Honoured && record->cookieIssued.isNull() && record->podKey == issuedFor)
                ++report.stickyKept;
        }
    }
    report.stickinessKnown = true;
    if (report.stickyEligible == 0)
        report.stickinessNote = QStringLiteral("no request carried a sticky cookie");
    podShares(report, durationsByPod, errorsByPod);
    report.sessionCount = sessions.size();
    for (auto it = sessions.cbegin(); it != sessions.cend(); ++it)
        report.sessions.append(SessionReport{QString::fromLatin1(it.key()), it->pod, it->requests, it->clients.size()});
    std::sort(report.sessions.begin(), report.sessions.end(), [](const SessionReport &a, const SessionReport &b) {
        return a.requests != b.requests ? a.requests > b.requests : a.cookie < b.cookie;
    });
    if (report.sessions.size() > LoadReport::SessionLimit)
        report.sessions.resize(LoadReport::SessionLimit);
    return report;
}

LoadReport LoadAnalysis::fromTarget(LoadReport report, const QList<LoadRunner::Sample> &samples, const QStringList &podNames, qint64 elapsedMs,
                                    const QString &podSource)
{
    measure(report, samples, elapsedMs);
    QHash<QString, QList<qint32>> durationsByPod;
    QHash<QString, qint64> errorsByPod;
    bool podsKnown = true;
    // Per client, in the order it sent: the pod that answered when the cookie was set is the pod
    // the cookie names.
    QList<LoadRunner::Sample> ordered = samples;
    std::stable_sort(ordered.begin(), ordered.end(), [](const LoadRunner::Sample &a, const LoadRunner::Sample &b) {
        return a.clientIndex != b.clientIndex ? a.clientIndex < b.clientIndex : a.startedAtMs < b.startedAtMs;
    });
    qint32 client = -1;
    qint16 pinnedPod = -1;
    qint64 eligibleWithoutEvidence = 0;
    qint64 keptWithoutNewCookie = 0;
    for (const LoadRunner::Sample &sample : ordered) {
        if (sample.clientIndex != client) {
            client = sample.clientIndex;
            pinnedPod = -1;
        }
        if (sample.status == 0)
            continue;
        const QString pod = sample.podIndex >= 0 ? podNames.value(sample.podIndex) : QStringLiteral("(unknown)");
        podsKnown = podsKnown && sample.podIndex >= 0;
        durationsByPod[pod].append(sample.durationUs);
        if (sample.status >= 500)
            errorsByPod[pod] += 1;
        if (sample.sentCookie) {
            ++report.stickyEligible;
            if (!sample.receivedSetCookie)
                ++keptWithoutNewCookie;
            if (sample.podIndex < 0 || pinnedPod < 0)
                ++eligibleWithoutEvidence;
            else if (!sample.receivedSetCookie && sample.podIndex == pinnedPod)
                ++report.stickyKept;
        }
        if (sample.receivedSetCookie)
            pinnedPod = sample.podIndex;
    }
    report.podSource = podsKnown ? podSource : QString();
    report.stickinessKnown = eligibleWithoutEvidence == 0;
    if (!report.stickinessKnown) {
        report.stickinessNote = u"the responses do not say which pod answered (set podHeader, or use echo backends); "
                                + QString::number(keptWithoutNewCookie) + u" of " + QString::number(report.stickyEligible)
                                + u" requests with a cookie got no new Set-Cookie";
        report.stickyKept = 0;
    } else if (report.stickyEligible == 0) {
        report.stickinessNote = QStringLiteral("no request carried a sticky cookie");
    }
    podShares(report, durationsByPod, errorsByPod);
    return report;
}

} // namespace gw
