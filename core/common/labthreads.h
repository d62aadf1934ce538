#pragma once

class QThread;

namespace gw {

// The CPU priority of the threads the lab starts: gateway workers, mock pods, load runner and
// scenario threads, the app's client threads. The desktop app puts them behind its GUI thread:
// on a machine with fewer cores than busy lab threads, a load run at the gateway's top rate would
// otherwise make the GUI thread queue for a core behind five busy ones, and a window that freezes
// while traffic flows is worse than a few percent fewer requests per second. Headless commands
// leave every thread at the process's priority.
class LabThreads
{
public:
    // From now on, lab threads run below the calling thread (per-thread nice levels on Linux).
    static void yieldToCallingThread();
    // Starts `thread` at the lab's priority. Each QThread object is started once.
    static void start(QThread &thread);
    // The nice level lab threads are given, or the process's own when nothing was asked.
    static int niceLevel();

private:
    static void applyToCurrentThread();
};

} // namespace gw
