#pragma once

#include <QTcpServer>
#include <functional>

namespace gw {

// A listening socket of the data plane. It accepts on its own thread and hands each new socket
// descriptor to a worker, so accepting never waits on request processing.
class ListenSocket final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenSocket)

public:
    using Dispatch = std::function<void(qintptr socketDescriptor)>;
    explicit ListenSocket(Dispatch dispatch, QObject *parent = nullptr)
        : QTcpServer(parent), m_dispatch(std::move(dispatch)) {}

protected:
    void incomingConnection(qintptr socketDescriptor) override { m_dispatch(socketDescriptor); }

private:
    Dispatch m_dispatch;
};

} // namespace gw
