#include "dataplaneworker.h"

#include "dataplane.h"
#include "downstreamstate.h"
#include "http/httpserverconnection.h"
#include "proxyexchange.h"

#include <QTcpSocket>

namespace gw {

DataPlaneWorker::DataPlaneWorker(DataPlane &dataPlane, const DataPlaneOptions &options)
    : m_dataPlane(dataPlane)
    , m_options(options)
    , m_upstreams(options.maxIdleUpstreamsPerEndpoint, this)
{
}

DataPlaneWorker::~DataPlaneWorker() = default;

void DataPlaneWorker::adoptConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    auto state = std::make_shared<DownstreamState>();
    state->connectionId = m_dataPlane.nextConnectionId();
    state->clientAddress = socket->peerAddress().toString().toLatin1();
    state->clientPort = socket->peerPort();
    state->localAddress = socket->localAddress().toString().toLatin1();
    state->localPort = socket->localPort();

    HttpServerConnection::Options options;
    options.headerTimeoutMs = m_options.headerTimeoutMs;
    options.idleTimeoutMs = m_options.idleTimeoutMs;
    new HttpServerConnection(
        socket,
        [this, state](HttpServerConnection &connection, HttpRequest &&request) { handleRequest(connection, state, std::move(request)); },
        options, this);
}

void DataPlaneWorker::handleRequest(HttpServerConnection &connection, const std::shared_ptr<DownstreamState> &state, HttpRequest &&request)
{
    ProxyExchange::start(*this, connection, state, std::move(request));
}

void DataPlaneWorker::closeAll()
{
    // Exchanges waiting on an endpoint are finished first (each records its flow and deletes
    // itself), then the client connections go.
    m_upstreams.abandonAll(QStringLiteral("the gateway is stopping"));
    const auto connections = findChildren<HttpServerConnection *>(Qt::FindDirectChildrenOnly);
    for (HttpServerConnection *connection : connections)
        delete connection;
}

} // namespace gw
