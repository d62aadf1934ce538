#pragma once

#include "controller/gatewayconfig.h"
#include "flow/flowrecord.h"
#include "http/httprequest.h"
#include "routing/requestfacts.h"
#include "upstreamconnection.h"

#include <QElapsedTimer>
#include <QPointer>
#include <memory>

namespace gw {

class DataPlaneWorker;
class HttpServerConnection;
struct DownstreamState;

// One request's trip through the gateway: route, run the rule's filters (redirect, CORS, header
// changes, rewrites, mirrors), pick the backend by weight and the endpoint by cookie or balancer,
// proxy, relay the answer with its response filters and FSM's Set-Cookie, record the flow. Owns
// itself: created per request, deleted when the flow is recorded.
class ProxyExchange
{
public:
    static void start(DataPlaneWorker &worker, HttpServerConnection &connection, const std::shared_ptr<DownstreamState> &state,
                      HttpRequest &&request);

private:
    ProxyExchange(DataPlaneWorker &worker, HttpServerConnection &connection, const std::shared_ptr<DownstreamState> &state,
                  HttpRequest &&request);

    void run();
    void chooseEndpoint(const RouteBackend &backend);
    void applyRequestSteps(const FilterChain &chain);
    void sendMirror(const FilterChain::Mirror &mirror);
    void sendUpstream(bool allowRetry);
    void onUpstreamResult(UpstreamConnection *upstream, bool allowRetry, UpstreamConnection::Result &&result);
    void answerLocally(int status, const QByteArray &reason, const QByteArray &body);
    void answerRedirect(const RequestRedirect &redirect);
    void answerPreflight(const CorsPolicy &cors);
    void relay(const HttpResponse &response);
    void finish(int status, const QByteArray &reason, const HttpHeaders &headers, const QByteArray &body, qint64 bodySize);
    QByteArray serializeUpstreamRequest(const EndpointTarget &endpoint) const;
    int upstreamTimeoutMs() const;

    DataPlaneWorker &m_worker;
    QPointer<HttpServerConnection> m_connection;
    std::shared_ptr<DownstreamState> m_state;
    std::shared_ptr<const GatewayConfig> m_config;
    HttpRequest m_request;
    FlowRecord m_flow;
    RequestFacts m_facts;                      // views into m_request and m_flow.host
    QElapsedTimer m_clock;
    const RouteRuleConfig *m_rule = nullptr;
    const RouteBackend *m_backend = nullptr;
    int m_matchIndex = -1;
    int m_listenerPort = 0;
    const BackendService *m_service = nullptr;
    const EndpointTarget *m_endpoint = nullptr;
    QByteArray m_setCookie;          // the sticky Set-Cookie value to add, empty when none
    // The request as the filters left it; untouched (and not copied) when no filter changes it.
    HttpHeaders m_outHeaders;
    bool m_headersModified = false;
    QByteArray m_outPath;            // empty: the path as received
    QByteArray m_outHost;            // empty: the Host as received (or as the profile rewrites it)
};

} // namespace gw
