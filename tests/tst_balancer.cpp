#include "balancer/piproundrobin.h"

#include <QTest>

using namespace gw;

// Pipy's RoundRobinLoadBalancer as FSM uses it (spec/fsm-gateway.md §3.1).
class TestBalancer final : public QObject
{
    Q_OBJECT

private:
    static QString sequence(PipyRoundRobin &balancer, int count, const std::function<bool(int)> &healthy = [](int) { return true; })
    {
        QString out;
        for (int i = 0; i < count; ++i) {
            const int chosen = balancer.select(healthy);
            out += chosen < 0 ? u'-' : QChar(u'A' + chosen);
        }
        return out;
    }

private Q_SLOTS:
    void equalWeightsRotateInListOrder()
    {
        PipyRoundRobin balancer({1, 1, 1});
        QCOMPARE(sequence(balancer, 7), QStringLiteral("ABCABCA"));
    }
    void weightedLeastUsage()
    {
        // The spec's example: A=3, B=1 gives A, B, A, A, then repeats.
        PipyRoundRobin balancer({3, 1});
        QCOMPARE(sequence(balancer, 8), QStringLiteral("ABAAABAA"));
    }
    void weightedSplitProportions()
    {
        PipyRoundRobin balancer({70, 30, 0});
        int counts[3] = {};
        for (int i = 0; i < 1000; ++i)
            ++counts[balancer.select()];
        QCOMPARE(counts[0], 700);
        QCOMPARE(counts[1], 300);
        QCOMPARE(counts[2], 0);
    }
    void zeroWeightNeverChosen()
    {
        PipyRoundRobin balancer({0, 1});
        QCOMPARE(sequence(balancer, 4), QStringLiteral("BBBB"));
    }
    void allZeroChoosesNothing()
    {
        PipyRoundRobin balancer({0, 0});
        QCOMPARE(balancer.select(), -1);
        PipyRoundRobin empty({});
        QCOMPARE(empty.select(), -1);
    }
    void unhealthySkipped()
    {
        // The skipped target still counts toward the total weight that triggers the reset, so after
        // A, C the tie goes to A and the third hit resets every count: A, C, A, then A again.
        PipyRoundRobin balancer({1, 1, 1});
        QCOMPARE(sequence(balancer, 4, [](int i) { return i != 1; }), QStringLiteral("ACAA"));
    }
};

QTEST_GUILESS_MAIN(TestBalancer)
#include "tst_balancer.moc"
