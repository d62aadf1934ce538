#include "proxyexchange.h"

#include "controller/profilerules.h"
#include "dataplane.h"
#include "dataplaneworker.h"
#include "downstreamstate.h"
#include "http/httpserverconnection.h"
#include "http/httpwriter.h"
#include "routing/router.h"
#include "sticky/stickycookie.h"

#include <QTcpSocket>

namespace gw {

namespace {

// Hop-by-hop fields (RFC 9110 §7.6.1) are the gateway's business on each side, never forwarded.
bool isHopByHop(QByteArrayView name)
{
    // Expect too: the gateway answered 100-continue itself and sends the body whole.
    static constexpr QByteArrayView names[] = {"connection", "keep-alive", "proxy-connection", "te", "trailer",
                                               "transfer-encoding", "upgrade", "content-length", "expect"};
    for (QByteArrayView candidate : names) {
        if (name.size() == candidate.size() && name.compare(candidate, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool isIdempotent(QByteArrayView method)
{
    return method == "GET" || method == "HEAD" || method == "OPTIONS" || method == "TRACE" || method == "PUT" || method == "DELETE";
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

// An exact-size copy: the flow log keeps it long after the exchange, so it must not pin the
// (much larger) buffer the body was read into.
QByteArray captured(const QByteArray &body)
{
    return QByteArray(body.constData(), qMin(body.size(), FlowRecord::BodyCaptureLimit));
}

} // namespace

void ProxyExchange::start(DataPlaneWorker &worker, HttpServerConnection &connection, const std::shared_ptr<DownstreamState> &state,
                          HttpRequest &&request)
{
    (new ProxyExchange(worker, connection, state, std::move(request)))->run();
}

ProxyExchange::ProxyExchange(DataPlaneWorker &worker, HttpServerConnection &connection, const std::shared_ptr<DownstreamState> &state,
                             HttpRequest &&request)
    : m_worker(worker)
    , m_connection(&connection)
    , m_state(state)
    , m_config(worker.dataPlane().config())
    , m_request(std::move(request))
{
    m_clock.start();
    m_flow.startedAtMs = worker.dataPlane().clock().nowMs();
    m_flow.connectionId = state->connectionId;
    m_flow.requestOnConnection = ++state->requestCount;
    m_flow.clientAddress = state->clientAddress;
    m_flow.clientPort = state->clientPort;
    m_flow.gatewayAddress = state->localAddress;
    m_flow.gatewayPort = state->localPort;
    m_flow.method = m_request.method;
    m_flow.target = m_request.target;
    m_flow.host = m_request.headers.value("host");
    m_flow.configVersion = m_config ? m_config->version : 0;
}

void ProxyExchange::run()
{
    const ListenSocketConfig *socket = m_config ? m_config->findSocket(m_state->localAddress, m_state->localPort) : nullptr;
    if (!socket) {
        answerLocally(404, "Not Found", "Not found");
        return;
    }
    m_flow.gatewayKey = socket->gatewayKey;
    m_flow.profile = socket->profile;
    m_flow.config = m_config;
    m_facts = RequestFacts::of(m_request, m_flow.host);
    const RouteSelection selection = Router::select(*socket, m_facts);
    if (selection.listener) {
        m_flow.listenerName = selection.listener->name;
        m_listenerPort = selection.listener->port;
    }
    if (!selection.found()) {
        // FSM default.js and the Gateway API agree: nothing matched → 404 "Not found".
        answerLocally(404, "Not Found", "Not found");
        return;
    }
    m_rule = selection.rule;
    m_matchIndex = selection.matchIndex;
    m_flow.routeKey = selection.route->key;
    m_flow.ruleIndex = selection.rule->ruleIndex;
    m_flow.matchIndex = selection.matchIndex;
    m_flow.matchedHostname = selection.matchedHostname;
    m_flow.backendCount = int(m_rule->backends.size());

    if (const FilterChain *filters = m_rule->filters.get()) {
        if (!filters->failure.isEmpty()) {
            m_flow.error = filters->failure;
            answerLocally(500, "Internal Server Error", "Internal Server Error");
            return;
        }
        if (filters->cors && CorsPolicy::isPreflight(m_request.method, m_request.headers)
            && filters->cors->allowsOrigin(m_request.headers.value("origin"))) {
            answerPreflight(*filters->cors);
            return;
        }
        if (filters->redirect) {
            answerRedirect(*filters->redirect);
            return;
        }
    }

    // FSM §3.2: the Service is chosen first, per request, by backendRef weight.
    const int backendIndex = m_rule->backendBalancer ? m_rule->backendBalancer->select() : -1;
    if (backendIndex < 0) {
        // No backend can take the request: none listed, or every weight 0 (the spec names no code
        // for the latter; 500 is the safe reading, spec/gateway-api.md §2.5).
        m_flow.error = m_rule->backends.isEmpty() ? QStringLiteral("the rule has no backendRefs") : QStringLiteral("every backendRef has weight 0");
        answerLocally(500, "Internal Server Error", "Internal Server Error");
        return;
    }
    m_backend = &m_rule->backends[backendIndex];
    m_flow.serviceKey = m_backend->service ? m_backend->service->key : m_backend->displayName;
    if (!m_backend->service) {
        m_flow.error = m_backend->invalidReason;
        answerLocally(500, "Internal Server Error", "Internal Server Error");
        return;
    }
    if (const FilterChain *filters = m_backend->filters.get()) {
        if (!filters->failure.isEmpty()) {
            m_flow.error = filters->failure;
            answerLocally(500, "Internal Server Error", "Internal Server Error");
            return;
        }
        if (filters->redirect) {
            answerRedirect(*filters->redirect);
            return;
        }
    }
    m_service = m_backend->service.get();
    chooseEndpoint(*m_backend);
    if (!m_endpoint) {
        m_flow.error = QStringLiteral("Service %1 has no ready endpoints").arg(m_service->key);
        const int status = ProfileRules::noEndpointsStatus(socket->profile);
        answerLocally(status, HttpResponse::standardReason(status), ProfileRules::noEndpointsBody(socket->profile));
        return;
    }
    // Rule filters first, then the chosen backend's own (spec/gateway-api.md §2.4).
    if (m_rule->filters)
        applyRequestSteps(*m_rule->filters);
    if (m_backend->filters)
        applyRequestSteps(*m_backend->filters);
    sendUpstream(true);
}

void ProxyExchange::applyRequestSteps(const FilterChain &chain)
{
    for (const FilterChain::Step &step : chain.requestSteps) {
        switch (step.kind) {
        case FilterChain::StepKind::RequestHeaders:
            if (!m_headersModified) {
                m_outHeaders = m_request.headers;
                m_headersModified = true;
            }
            chain.requestHeaders[step.index].apply(m_outHeaders);
            break;
        case FilterChain::StepKind::UrlRewrite:
            if (!chain.rewrite->hostname.isEmpty())
                m_outHost = chain.rewrite->hostname;
            if (chain.rewrite->path) {
                const QByteArrayView current = m_outPath.isEmpty() ? m_facts.path : QByteArrayView(m_outPath);
                m_outPath = chain.rewrite->path->apply(current, m_rule->matches[m_matchIndex].pathValue);
            }
            break;
        case FilterChain::StepKind::Mirror:
            sendMirror(*chain.mirrors[step.index]);
            break;
        }
    }
}

void ProxyExchange::sendMirror(const FilterChain::Mirror &mirror)
{
    // An invalid mirror is dropped rather than answered with 500 (spec/gateway-api.md §2.4).
    if (!mirror.service || mirror.service->endpoints.isEmpty() || !mirror.takeTurn())
        return;
    const BackendService &service = *mirror.service;
    const int index = service.balancer->select();
    if (index < 0 || service.endpoints[index].connectPort == 0)
        return;
    const EndpointTarget &endpoint = service.endpoints[index];
    m_flow.mirroredTo.append(endpoint.key);
    // The copy goes out and its answer is ignored: the pool gets the connection back, nothing else.
    bool reused = false;
    UpstreamPool *pool = &m_worker.upstreams();
    UpstreamConnection *upstream = pool->acquire(endpoint.connectHost, endpoint.connectPort, &reused);
    upstream->send(serializeUpstreamRequest(endpoint), m_request.method, upstreamTimeoutMs(),
                   [pool, upstream](UpstreamConnection::Result &&) { pool->release(upstream); });
}

void ProxyExchange::answerRedirect(const RequestRedirect &redirect)
{
    HttpHeaders headers;
    headers.append(QByteArrayLiteral("location"),
                   redirect.location(m_facts.host, m_facts.path, m_facts.query, m_listenerPort, m_rule->matches[m_matchIndex].pathValue));
    finish(redirect.statusCode(), HttpResponse::standardReason(redirect.statusCode()), headers, {}, 0);
}

void ProxyExchange::answerPreflight(const CorsPolicy &cors)
{
    HttpHeaders headers;
    cors.addPreflightHeaders(m_request.headers, headers);
    finish(200, "OK", headers, {}, 0);
}

void ProxyExchange::chooseEndpoint(const RouteBackend &backend)
{
    const BackendService &service = *backend.service;
    if (service.endpoints.isEmpty())
        return;
    if (service.sticky) {
        m_flow.cookieName = service.sticky->cookieName;
        m_flow.cookieReceived = StickyCookie::findCookie(m_request.headers.combinedValue("cookie", "; "), service.sticky->cookieName);
        if (!m_flow.cookieReceived.isNull()) {
            const int index = service.endpointForCookie(m_flow.cookieReceived);
            if (index >= 0) {
                // forward.js: a known cookie bypasses the balancer and gets no Set-Cookie.
                m_endpoint = &service.endpoints[index];
                m_flow.endpointChoice = FlowRecord::EndpointChoice::Cookie;
                m_flow.stickyDecision = FlowRecord::StickyDecision::Honoured;
            } else {
                m_flow.stickyDecision = FlowRecord::StickyDecision::Repinned;
            }
        } else {
            m_flow.stickyDecision = FlowRecord::StickyDecision::Issued;
        }
    }
    if (!m_endpoint) {
        int index = -1;
        const bool perConnection = !m_worker.options().http1PerRequestLoadBalancing && m_request.versionMinor <= 1;
        if (perConnection) {
            if (m_state->pinsVersion != m_config->version) {
                m_state->pinnedEndpoints.clear();
                m_state->pinsVersion = m_config->version;
            }
            index = m_state->pinnedEndpoints.value(&service, -1);
            if (index >= 0)
                m_flow.endpointChoice = FlowRecord::EndpointChoice::ConnectionPinned;
        }
        if (index < 0) {
            index = service.balancer->select();
            if (index < 0)
                return;
            m_flow.endpointChoice = FlowRecord::EndpointChoice::Balancer;
            if (perConnection)
                m_state->pinnedEndpoints.insert(&service, index);
        }
        m_endpoint = &service.endpoints[index];
        // The cookie goes on every response whose endpoint the balancer (not the cookie) chose.
        if (service.sticky && !m_endpoint->stickyValue.isEmpty() && m_endpoint->stickyValue != "0") {
            m_flow.cookieIssued = m_endpoint->stickyValue;
            m_setCookie = StickyCookie::setCookieValue(service.sticky->cookieName, m_endpoint->stickyValue,
                                                       m_worker.dataPlane().clock().nowUtc(), service.sticky->expires);
        }
    }
    m_flow.endpointKey = m_endpoint->key;
    m_flow.podKey = m_endpoint->podKey;
}

int ProxyExchange::upstreamTimeoutMs() const
{
    int timeout = m_worker.options().upstreamTimeoutMs;
    const auto tighten = [&timeout](const std::optional<qint64> &limit) {
        if (limit && *limit > 0 && (timeout <= 0 || *limit < timeout))
            timeout = int(qMin<qint64>(*limit, INT_MAX));
    };
    if (m_rule) {
        tighten(m_rule->timeouts.backendRequestMs);
        tighten(m_rule->timeouts.requestMs);
    }
    return timeout;
}

QByteArray ProxyExchange::serializeUpstreamRequest(const EndpointTarget &endpoint) const
{
    const HttpHeaders &headers = m_headersModified ? m_outHeaders : m_request.headers;
    QByteArray out;
    out.reserve(256 + m_request.target.size() + m_request.body.size() + headers.size() * 48);
    out.append(m_request.method).append(' ');
    if (m_outPath.isEmpty()) {
        out.append(m_request.target);
    } else {
        out.append(m_outPath);
        if (!m_facts.query.isEmpty())
            out.append('?').append(m_facts.query);
    }
    out.append(" HTTP/1.1\r\n");
    const bool replaceHost = !m_outHost.isEmpty() || ProfileRules::rewritesHostToEndpoint(m_flow.profile);
    QByteArray forwardedFor;
    // Fields the client named in Connection are hop-by-hop too (RFC 9110 §7.6.1).
    QList<QByteArray> nominated;
    if (headers.contains("connection")) {
        for (const QByteArray &token : headers.combinedValue("connection", ",").split(',')) {
            if (const QByteArray name = token.trimmed(); !name.isEmpty())
                nominated.append(name);
        }
    }
    for (const HttpHeaders::Field &field : headers.fields()) {
        if (isHopByHop(field.name))
            continue;
        if (!nominated.isEmpty() && std::any_of(nominated.cbegin(), nominated.cend(), [&field](const QByteArray &n) { return equalsIgnoringCase(n, field.name); }))
            continue;
        if (replaceHost && equalsIgnoringCase(field.name, "host"))
            continue;
        if (equalsIgnoringCase(field.name, "x-forwarded-for")) {
            forwardedFor = forwardedFor.isEmpty() ? field.value : forwardedFor + ", " + field.value;
            continue;
        }
        out.append(field.name).append(": ").append(field.value).append("\r\n");
    }
    if (!m_outHost.isEmpty()) {
        // URLRewrite hostname (spec/gateway-api.md §2.4) wins over any profile default.
        out.append("host: ").append(m_outHost).append("\r\n");
    } else if (replaceHost) {
        // FSM v1.2.0 forward.js: without ProxyPreserveHost the Host becomes the endpoint address.
        out.append("host: ").append(endpoint.key.toLatin1()).append("\r\n");
    }
    const QByteArray self = ProfileRules::forwardedForIsGatewayAddress(m_flow.profile) ? m_state->localAddress : m_state->clientAddress;
    out.append("x-forwarded-for: ").append(forwardedFor.isEmpty() ? self : forwardedFor + ", " + self).append("\r\n");
    if (!m_request.body.isEmpty() || m_request.method == "POST" || m_request.method == "PUT" || m_request.method == "PATCH")
        out.append("content-length: ").append(QByteArray::number(m_request.body.size())).append("\r\n");
    out.append("\r\n");
    out.append(m_request.body);
    return out;
}

void ProxyExchange::sendUpstream(bool allowRetry)
{
    if (m_endpoint->connectPort == 0) {
        // A crashed pod, or an address outside this machine: as a refused connection.
        m_flow.error = QStringLiteral("connection refused by %1 (nothing listens there)").arg(m_endpoint->key);
        answerLocally(502, "Connection Refused", "ConnectionRefused");
        return;
    }
    bool reused = false;
    UpstreamConnection *upstream = m_worker.upstreams().acquire(m_endpoint->connectHost, m_endpoint->connectPort, &reused);
    upstream->send(serializeUpstreamRequest(*m_endpoint), m_request.method, upstreamTimeoutMs(),
                   [this, upstream, allowRetry](UpstreamConnection::Result &&result) { onUpstreamResult(upstream, allowRetry, std::move(result)); });
}

void ProxyExchange::onUpstreamResult(UpstreamConnection *upstream, bool allowRetry, UpstreamConnection::Result &&result)
{
    m_worker.upstreams().release(upstream);
    if (result.failure != UpstreamConnection::Failure::None && result.reused && !result.receivedAnything && allowRetry
        && result.failure != UpstreamConnection::Failure::Timeout && result.failure != UpstreamConnection::Failure::Abandoned
        && isIdempotent(m_request.method)) {
        // The endpoint closed an idle pooled connection as we reused it: try once on a fresh one.
        // Only for idempotent methods: a POST may have been processed (RFC 9110 §9.2.2).
        sendUpstream(false);
        return;
    }
    m_flow.upstreamReused = result.reused;
    m_flow.upstreamConnectUs = result.connectUs;
    m_flow.upstreamWaitUs = result.waitUs;
    switch (result.failure) {
    case UpstreamConnection::Failure::None:
        relay(result.response);
        return;
    case UpstreamConnection::Failure::Refused:
        // Pipy's decoder answers a refused connection with 502 "Connection Refused" (§3.4).
        m_flow.error = result.message;
        answerLocally(502, "Connection Refused", "ConnectionRefused");
        return;
    case UpstreamConnection::Failure::Timeout:
        m_flow.error = result.message;
        answerLocally(504, "Gateway Timeout", "Gateway Timeout");
        return;
    case UpstreamConnection::Failure::ClosedEarly:
    case UpstreamConnection::Failure::Protocol:
    case UpstreamConnection::Failure::Abandoned:
    case UpstreamConnection::Failure::Other:
        m_flow.error = result.message;
        answerLocally(502, "Bad Gateway", "Bad Gateway");
        return;
    }
}

void ProxyExchange::answerLocally(int status, const QByteArray &reason, const QByteArray &body)
{
    HttpHeaders headers;
    headers.append(QByteArrayLiteral("content-type"), QByteArrayLiteral("text/plain"));
    finish(status, reason, headers, body, body.size());
}

void ProxyExchange::relay(const HttpResponse &response)
{
    const FilterChain *ruleFilters = m_rule ? m_rule->filters.get() : nullptr;
    const FilterChain *backendFilters = m_backend ? m_backend->filters.get() : nullptr;
    const bool corsApplies = ruleFilters && ruleFilters->cors && ruleFilters->cors->allowsOrigin(m_request.headers.value("origin"));
    const bool modifies = corsApplies || (ruleFilters && !ruleFilters->responseHeaders.isEmpty())
                          || (backendFilters && !backendFilters->responseHeaders.isEmpty());
    if (!modifies) {
        finish(response.status, response.reason, response.headers, response.body, response.body.size());
        return;
    }
    // Only a rule with response filters pays for a copy of the header list.
    HttpHeaders headers = response.headers;
    for (const FilterChain *chain : {ruleFilters, backendFilters}) {
        if (!chain)
            continue;
        for (const HeaderModifier &modifier : chain->responseHeaders)
            modifier.apply(headers);
    }
    if (corsApplies)
        ruleFilters->cors->addResponseHeaders(m_request.headers, headers);
    finish(response.status, response.reason, headers, response.body, response.body.size());
}

void ProxyExchange::finish(int status, const QByteArray &reason, const HttpHeaders &headers, const QByteArray &body, qint64 bodySize)
{
    const bool headOnly = m_request.method == "HEAD";
    const bool keepAlive = m_connection && m_connection->currentRequestKeepAlive();
    QByteArray out;
    out.reserve(160 + body.size() + headers.size() * 48 + m_setCookie.size());
    out.append("HTTP/1.1 ").append(QByteArray::number(status)).append(' ');
    out.append(reason.isEmpty() ? HttpResponse::standardReason(status) : reason).append("\r\n");
    HttpHeaders sent;
    QByteArray upstreamLength;
    for (const HttpHeaders::Field &field : headers.fields()) {
        if (isHopByHop(field.name)) {
            if (headOnly && equalsIgnoringCase(field.name, "content-length"))
                upstreamLength = field.value;
            continue;
        }
        out.append(field.name).append(": ").append(field.value).append("\r\n");
        sent.append(field.name, field.value);
    }
    // forward.js appends its cookie after the backend's own Set-Cookie lines, lower-case.
    if (!m_setCookie.isEmpty()) {
        out.append("set-cookie: ").append(m_setCookie).append("\r\n");
        sent.append(QByteArrayLiteral("set-cookie"), m_setCookie);
    }
    // Pipy's encoder writes these two itself, after the message's headers (the seed's transcript).
    if (!HttpWriter::statusHasNoBody(status)) {
        const QByteArray length = headOnly && !upstreamLength.isEmpty() ? upstreamLength : QByteArray::number(bodySize);
        out.append("content-length: ").append(length).append("\r\n");
        sent.append(QByteArrayLiteral("content-length"), length);
    }
    out.append(keepAlive ? "connection: keep-alive\r\n\r\n" : "connection: close\r\n\r\n");
    if (!headOnly && !HttpWriter::statusHasNoBody(status))
        out.append(body);
    const bool delivered = m_connection && m_connection->respondRaw(out, !keepAlive);

    m_flow.status = status;
    m_flow.reason = reason;
    m_flow.responseHeaders = std::move(sent);
    m_flow.responseBody = captured(body);
    m_flow.responseBodySize = bodySize;
    m_flow.requestHeaders = m_request.headers;
    m_flow.requestBody = captured(m_request.body);
    m_flow.durationUs = m_clock.nsecsElapsed() / 1000;
    if (!delivered && m_flow.error.isEmpty())
        m_flow.error = QStringLiteral("the client closed the connection before the answer");
    m_worker.dataPlane().flowLog().append(std::move(m_flow));
    delete this;
}

} // namespace gw
