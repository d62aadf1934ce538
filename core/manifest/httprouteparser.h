#pragma once

#include "httproute.h"
#include "yamlfieldreader.h"

namespace gw {

// Reads the spec of an HTTPRoute (gateway.networking.k8s.io v1 and v1beta1). It applies the
// CRD's defaults and the validations kubectl apply would fail on (types, ranges, required
// fields, the CEL rules on filters and timeouts). Unknown enum values (match types, filter
// types, methods, redirect codes) are kept as written: the Gateway API reports them in the
// route's status (Accepted=False, UnsupportedValue), so the controller deals with them.
class HttpRouteParser
{
public:
    explicit HttpRouteParser(YamlFieldReader &reader);

    void parse(const YamlField &object, HTTPRoute &route);

private:
    ParentReference parseParentRef(const YamlField &item);
    HTTPRouteRule parseRule(const YamlField &item);
    HTTPRouteMatch parseMatch(const YamlField &item);
    HTTPHeaderMatch parseHeaderMatch(const YamlField &item);
    QList<HTTPRouteFilter> parseFilters(const YamlField &parent);
    HTTPRouteFilter parseFilter(const YamlField &item);
    HTTPHeaderFilter parseHeaderFilter(const YamlField &field);
    HTTPPathModifier parsePathModifier(const YamlField &field);
    HTTPRequestRedirectFilter parseRedirect(const YamlField &field);
    HTTPURLRewriteFilter parseRewrite(const YamlField &field);
    HTTPRequestMirrorFilter parseMirror(const YamlField &field);
    HTTPCORSFilter parseCors(const YamlField &field);
    LocalObjectReference parseExtensionRef(const YamlField &field);
    BackendObjectReference parseBackendObjectReference(const YamlField &item);
    HTTPBackendRef parseBackendRef(const YamlField &item);
    HTTPRouteTimeouts parseTimeouts(const YamlField &field);
    std::optional<QList<YamlField>> boundedList(const YamlField &parent, const char *key, int maxItems);

    YamlFieldReader &m_reader;
};

} // namespace gw
