#pragma once

#include "common/sourcelocation.h"
#include "objectmeta.h"

#include <QList>
#include <QPair>
#include <QString>
#include <optional>

namespace gw {

// The HTTPRoute types mirror the Go API (apis/v1/httproute_types.go), one struct per Go type,
// so that a reader can hold this file beside the upstream one.

struct ParentReference
{
    QString group = QStringLiteral("gateway.networking.k8s.io");
    QString kind = QStringLiteral("Gateway");
    QString namespaceName;          // empty: the route's namespace
    QString name;
    QString sectionName;            // listener name, optional
    std::optional<int> port;        // listener port, optional
    SourceLocation location;
};

struct HTTPPathMatch
{
    QString type = QStringLiteral("PathPrefix");    // Exact, PathPrefix, RegularExpression
    QString value = QStringLiteral("/");
};

struct HTTPHeaderMatch
{
    QString type = QStringLiteral("Exact");         // Exact, RegularExpression
    QString name;
    QString value;
};

using HTTPQueryParamMatch = HTTPHeaderMatch;

struct HTTPRouteMatch
{
    HTTPPathMatch path;                             // defaulted to PathPrefix "/" when absent
    QList<HTTPHeaderMatch> headers;
    QList<HTTPQueryParamMatch> queryParams;
    QString method;                                 // empty: any method
    SourceLocation location;
};

struct HTTPHeaderFilter
{
    QList<QPair<QString, QString>> set;
    QList<QPair<QString, QString>> add;
    QStringList remove;
};

struct HTTPPathModifier
{
    QString type;                                   // ReplaceFullPath, ReplacePrefixMatch
    QString replaceFullPath;
    QString replacePrefixMatch;
};

struct HTTPRequestRedirectFilter
{
    QString scheme;                                 // empty: the request's scheme
    QString hostname;                               // empty: the request's host
    std::optional<HTTPPathModifier> path;
    std::optional<int> port;
    int statusCode = 302;
};

struct HTTPURLRewriteFilter
{
    QString hostname;
    std::optional<HTTPPathModifier> path;
};

struct BackendObjectReference
{
    QString group;                                  // "" = core
    QString kind = QStringLiteral("Service");
    QString name;
    QString namespaceName;                          // empty: the route's namespace
    std::optional<int> port;
    SourceLocation location;
};

struct HTTPRequestMirrorFilter
{
    BackendObjectReference backendRef;
    std::optional<int> percent;
    std::optional<int> fractionNumerator;
    int fractionDenominator = 100;
};

struct HTTPCORSFilter
{
    QStringList allowOrigins;
    bool allowCredentials = false;
    QStringList allowMethods;
    QStringList allowHeaders;
    QStringList exposeHeaders;
    std::optional<int> maxAge;
};

struct LocalObjectReference
{
    QString group;
    QString kind;
    QString name;
};

struct HTTPRouteFilter
{
    QString type;   // RequestHeaderModifier, ResponseHeaderModifier, RequestRedirect, URLRewrite,
                    // RequestMirror, CORS, ExtensionRef (unknown types are kept for status reporting)
    std::optional<HTTPHeaderFilter> requestHeaderModifier;
    std::optional<HTTPHeaderFilter> responseHeaderModifier;
    std::optional<HTTPRequestRedirectFilter> requestRedirect;
    std::optional<HTTPURLRewriteFilter> urlRewrite;
    std::optional<HTTPRequestMirrorFilter> requestMirror;
    std::optional<HTTPCORSFilter> cors;
    std::optional<LocalObjectReference> extensionRef;
    SourceLocation location;
};

struct HTTPBackendRef
{
    BackendObjectReference ref;
    int weight = 1;
    QList<HTTPRouteFilter> filters;
};

struct HTTPRouteTimeouts
{
    std::optional<qint64> requestMs;                // 0 disables the timeout
    std::optional<qint64> backendRequestMs;
};

struct HTTPRouteRule
{
    QString name;
    QList<HTTPRouteMatch> matches;                  // empty in YAML: defaulted to one PathPrefix "/" match
    bool matchesDefaulted = false;                  // true when that default match was filled in by the loader
    QList<HTTPRouteFilter> filters;
    QList<HTTPBackendRef> backendRefs;
    HTTPRouteTimeouts timeouts;
    SourceLocation location;
};

struct HTTPRoute
{
    ObjectMeta meta;
    QList<ParentReference> parentRefs;
    QStringList hostnames;
    QList<HTTPRouteRule> rules;
};

} // namespace gw
