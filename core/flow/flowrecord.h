#pragma once

#include "controller/profile.h"
#include "http/httpheaders.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <memory>

namespace gw {

struct GatewayConfig;

// One request/response exchange through the gateway, with the decisions that shaped it. Built by
// the data plane once the exchange is over and never changed afterwards, so it can cross threads
// freely (its byte arrays and header lists are implicitly shared, so copies are cheap).
struct FlowRecord
{
    // How the endpoint was chosen.
    enum class EndpointChoice {
        None,              // no endpoint: the gateway answered itself (404, 500, 502 Proxy Error)
        Cookie,            // the sticky cookie named a known endpoint: the balancer was bypassed
        Balancer,          // the balancer picked it for this request
        ConnectionPinned   // an earlier request on this client connection had it picked (FSM HTTP/1 default)
    };
    // What the session-sticky policy did.
    enum class StickyDecision {
        None,              // no SessionStickyPolicy on the chosen Service port
        Issued,            // no cookie came: the balancer chose and the response carries a new cookie
        Honoured,          // the cookie pinned the request; no Set-Cookie
        Repinned           // a cookie came but named no current endpoint (stale or garbage): new cookie
    };

    quint64 id = 0;
    qint64 startedAtMs = 0;            // UTC epoch milliseconds on the lab's clock
    qint64 durationUs = 0;             // first request byte parsed → response handed to the socket
    qint64 upstreamConnectUs = -1;     // -1: a pooled connection was reused, or no upstream
    qint64 upstreamWaitUs = -1;        // request sent → response complete
    quint64 configVersion = 0;
    Profile profile = Profile::Fsm;

    // Client side.
    quint64 connectionId = 0;
    int requestOnConnection = 0;       // 1 for the first request of a connection
    QByteArray clientAddress;
    quint16 clientPort = 0;
    QByteArray gatewayAddress;
    quint16 gatewayPort = 0;
    QString gatewayKey;
    QString listenerName;

    // Request and response as the client saw them.
    QByteArray method;
    QByteArray target;
    QByteArray host;
    HttpHeaders requestHeaders;
    QByteArray requestBody;            // capped at BodyCaptureLimit
    int status = 0;                    // 0: no response (the client went away)
    QByteArray reason;
    HttpHeaders responseHeaders;
    QByteArray responseBody;           // capped at BodyCaptureLimit
    qint64 responseBodySize = 0;

    // Decisions.
    QString routeKey;                  // namespace/name of the HTTPRoute, empty when none matched
    int ruleIndex = -1;
    int matchIndex = -1;
    QString matchedHostname;
    QString serviceKey;                // "ns/svc:port"
    int backendCount = 0;              // backendRefs in the rule (weights decided among them)
    QString endpointKey;               // "podIP:port"
    QString podKey;                    // namespace/pod
    EndpointChoice endpointChoice = EndpointChoice::None;
    StickyDecision stickyDecision = StickyDecision::None;
    QByteArray cookieName;
    QByteArray cookieReceived;         // the sticky cookie's value as sent, null when absent
    QByteArray cookieIssued;           // the value of the Set-Cookie the gateway added, null when none
    bool upstreamReused = false;
    QStringList mirroredTo;            // endpoints a RequestMirror sent a copy to (their answers are ignored)
    QString error;                     // e.g. "connection refused by 10.42.0.11:8080"
    // The snapshot the exchange was routed with: the decision trail replays the routing over it to
    // say why the other rules did not match. Shared, so flows of one version hold one snapshot.
    std::shared_ptr<const GatewayConfig> config;

    static constexpr qsizetype BodyCaptureLimit = 64 * 1024;

    // The decision trail as sentences, for people (built on demand, never on the data path): the
    // listener, the rule that matched and, for the rules that did not, the first criterion that
    // failed; where the other profile would have decided differently, what it would have done.
    QStringList decisionTrail() const;
    // Just the routing part of the trail (Router::explain over the recorded snapshot); empty when
    // the snapshot is gone or the request never reached a listener.
    QStringList routingExplanation() const;
    // The filters of the matched rule and of the chosen backend, as the controller described them.
    QStringList filterDescriptions() const;
    static QString endpointChoiceName(EndpointChoice choice);
    static QString stickyDecisionName(StickyDecision decision);
    // "GET / → 200 pipy-1 (cookie honoured)"-style one-liner for `serve --log`.
    QString summaryLine() const;
};

} // namespace gw
