#pragma once

#include "dataplaneoptions.h"
#include "upstreampool.h"

#include <QObject>
#include <memory>

namespace gw {

class DataPlane;
class HttpServerConnection;
struct DownstreamState;
struct HttpRequest;

// One event-loop thread's share of the data plane: the client connections handed to it, the
// exchanges they carry and its own pool of upstream connections.
class DataPlaneWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DataPlaneWorker)

public:
    DataPlaneWorker(DataPlane &dataPlane, const DataPlaneOptions &options);
    ~DataPlaneWorker() override;

    // Called on this worker's thread with a freshly accepted socket descriptor.
    void adoptConnection(qintptr socketDescriptor);
    // Closes every client connection (the data plane is stopping). Runs on this worker's thread.
    void closeAll();

    DataPlane &dataPlane() const { return m_dataPlane; }
    UpstreamPool &upstreams() { return m_upstreams; }
    const DataPlaneOptions &options() const { return m_options; }

private:
    void handleRequest(HttpServerConnection &connection, const std::shared_ptr<DownstreamState> &state, HttpRequest &&request);

    DataPlane &m_dataPlane;
    DataPlaneOptions m_options;
    UpstreamPool m_upstreams;
};

} // namespace gw
