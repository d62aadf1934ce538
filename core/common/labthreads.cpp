#include "labthreads.h"

#include <QThread>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <sys/resource.h>
#include <unistd.h>

namespace gw {

namespace {

// Ten nice levels give a thread about a tenth of the weight of one at the GUI's level: the GUI
// thread gets a core as soon as it wakes, while the lab keeps every cycle the GUI does not use.
constexpr int StepsBehindTheGui = 10;

std::atomic<int> s_niceLevel{INT_MIN};   // INT_MIN: nothing asked

int currentNiceLevel()
{
    errno = 0;
    const int level = getpriority(PRIO_PROCESS, id_t(gettid()));
    return errno == 0 ? level : 0;
}

} // namespace

void LabThreads::yieldToCallingThread()
{
    s_niceLevel.store(std::min(currentNiceLevel() + StepsBehindTheGui, 19));
}

int LabThreads::niceLevel()
{
    const int level = s_niceLevel.load();
    return level == INT_MIN ? currentNiceLevel() : level;
}

void LabThreads::start(QThread &thread)
{
    if (s_niceLevel.load() != INT_MIN)
        QObject::connect(&thread, &QThread::started, &thread, &LabThreads::applyToCurrentThread, Qt::DirectConnection);
    thread.start();
}

void LabThreads::applyToCurrentThread()
{
    // Runs on the new thread (QThread::started, direct): Linux keeps a nice level per thread.
    // Absolute, not relative, so a lab thread started by another lab thread is not lowered twice.
    const int level = s_niceLevel.load();
    if (level != INT_MIN)
        setpriority(PRIO_PROCESS, id_t(gettid()), level);
}

} // namespace gw
