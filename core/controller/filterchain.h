#pragma once

#include "backendservice.h"
#include "routing/corspolicy.h"
#include "routing/headermodifier.h"
#include "routing/pathmodifier.h"
#include "routing/requestredirect.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <atomic>
#include <memory>
#include <optional>
#include <vector>

namespace gw {

// The filters of one rule, or of one backendRef, compiled once per configuration so that a request
// only walks lists of bytes. Request-side steps keep the order they were written in, because a
// mirror sees the request as the filters before it left it (spec/gateway-api.md §2.4).
class FilterChain
{
public:
    struct UrlRewrite
    {
        QByteArray hostname;                       // empty: Host unchanged
        std::optional<PathModifier> path;
    };
    // RequestMirror: a copy goes to one endpoint of `service`; its answer is ignored. `numerator` of
    // every `denominator` requests are mirrored, spread evenly (request n is mirrored when
    // ⌊(n+1)·num/den⌋ > ⌊n·num/den⌋), so a percentage holds exactly rather than on average.
    struct Mirror
    {
        QString displayName;
        std::shared_ptr<BackendService> service;   // null: invalid reference, the mirror is dropped
        QString invalidReason;
        quint64 numerator = 1;
        quint64 denominator = 1;
        mutable std::atomic<quint64> seen{0};

        bool takeTurn() const;
    };
    enum class StepKind { RequestHeaders, UrlRewrite, Mirror };
    struct Step
    {
        StepKind kind;
        int index;                                 // into the list of that kind
    };

    QList<Step> requestSteps;
    QList<HeaderModifier> requestHeaders;
    QList<HeaderModifier> responseHeaders;
    std::optional<UrlRewrite> rewrite;
    std::optional<RequestRedirect> redirect;
    std::optional<CorsPolicy> cors;
    std::vector<std::unique_ptr<Mirror>> mirrors;  // atomics do not copy: held by pointer
    QString failure;                               // non-empty: every request is answered 500 (e.g. an unresolved ExtensionRef)
    QStringList descriptions;                      // one line per filter, for the decision trail

    bool isEmpty() const
    {
        return requestSteps.isEmpty() && responseHeaders.isEmpty() && !redirect && !cors && failure.isEmpty();
    }
};

} // namespace gw
