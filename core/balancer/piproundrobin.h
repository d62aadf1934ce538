#pragma once

#include <QList>
#include <QMutex>

namespace gw {

// Pipy's RoundRobinLoadBalancer.select (src/api/algo.cpp @0.99.0-2), spec/fsm-gateway.md §3.1:
// pick the healthy target with weight > 0 and the smallest usage = hits / weight, the first in list
// order on ties; count the hit; once total hits reach the total weight, reset every count. With all
// weights 1 this is strict rotation in list order; with A=3, B=1 it gives A, B, A, A.
//
// Shared by every data-plane thread that routes to the same service, hence the mutex: the critical
// section is a scan over a handful of targets.
class PipyRoundRobin
{
public:
    explicit PipyRoundRobin(QList<int> weights);

    // Index of the chosen target, or -1 when no target has weight > 0 and is healthy.
    // `healthy(i)` lets callers skip targets (FSM skips those its health checks marked unhealthy).
    template<typename HealthyFn>
    int select(HealthyFn &&healthy);
    int select() { return select([](int) { return true; }); }

    qsizetype size() const { return m_weights.size(); }
    int weight(int index) const { return m_weights.at(index); }

private:
    QList<int> m_weights;
    QMutex m_mutex;
    QList<int> m_hits;
    qint64 m_totalHits = 0;
    qint64 m_totalWeight = 0;
};

template<typename HealthyFn>
int PipyRoundRobin::select(HealthyFn &&healthy)
{
    QMutexLocker lock(&m_mutex);
    int best = -1;
    for (int i = 0; i < m_weights.size(); ++i) {
        if (m_weights[i] <= 0 || !healthy(i))
            continue;
        // usage_i < usage_best  ⇔  hits_i * w_best < hits_best * w_i (no floating point)
        if (best < 0 || qint64(m_hits[i]) * m_weights[best] < qint64(m_hits[best]) * m_weights[i])
            best = i;
    }
    if (best < 0)
        return -1;
    ++m_hits[best];
    if (++m_totalHits >= m_totalWeight) {
        m_hits.fill(0);
        m_totalHits = 0;
    }
    return best;
}

} // namespace gw
