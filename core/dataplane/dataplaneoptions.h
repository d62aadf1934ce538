#pragma once

namespace gw {

struct DataPlaneOptions
{
    int workerThreads = 2;                       // event-loop threads serving client connections
    // FSM's MeshConfig http1PerRequestLoadBalancing: false pins the balancer's choice to the client
    // connection (every request of one keep-alive connection reaches the same pod).
    bool http1PerRequestLoadBalancing = false;
    int upstreamTimeoutMs = 60'000;              // FSM's socket timeout (config.go): → 504
    int headerTimeoutMs = 10'000;                // a client that sends no complete head → 408
    int idleTimeoutMs = 60'000;                  // idle keep-alive client connections are closed
    int maxIdleUpstreamsPerEndpoint = 256;
};

} // namespace gw
