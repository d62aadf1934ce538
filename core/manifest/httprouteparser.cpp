#include "httprouteparser.h"

#include "yamlscalar.h"

#include <array>

namespace gw {

namespace {

using Presence = YamlFieldReader::Presence;

// Limits from the CRD (apis/v1/httproute_types.go and shared_types.go).
constexpr int MaxParentRefs = 32;
constexpr int MaxHostnames = 16;
constexpr int MaxRules = 16;
constexpr int MaxMatches = 64;
constexpr int MaxFilters = 16;
constexpr int MaxBackendRefs = 16;
constexpr int MaxHeaderEntries = 16;
constexpr qint64 MaxWeight = 1000000;

struct FilterField
{
    const char *type;
    const char *field;
};

// Which member of HTTPRouteFilter goes with which type. ExternalAuth is a real Gateway API filter
// the simulator does not implement; its field is known so that it is not called unknown.
constexpr std::array<FilterField, 8> FilterFields{{
    {"RequestHeaderModifier", "requestHeaderModifier"},
    {"ResponseHeaderModifier", "responseHeaderModifier"},
    {"RequestRedirect", "requestRedirect"},
    {"URLRewrite", "urlRewrite"},
    {"RequestMirror", "requestMirror"},
    {"CORS", "cors"},
    {"ExtensionRef", "extensionRef"},
    {"ExternalAuth", "externalAuth"},
}};

} // namespace

HttpRouteParser::HttpRouteParser(YamlFieldReader &reader)
    : m_reader(reader)
{
}

std::optional<QList<YamlField>> HttpRouteParser::boundedList(const YamlField &parent, const char *key, int maxItems)
{
    const YamlField field = m_reader.field(parent, key);
    const auto items = m_reader.list(field);
    if (items && items->size() > maxItems)
        m_reader.error(field, u"expected at most " + QString::number(maxItems) + u" entries, got " + QString::number(items->size()));
    return items;
}

void HttpRouteParser::parse(const YamlField &object, HTTPRoute &route)
{
    m_reader.checkFields(object, {"apiVersion", "kind", "metadata", "spec", "status"});
    const YamlField spec = m_reader.field(object, "spec");
    if (!m_reader.mapping(spec, Presence::Required))
        return;
    m_reader.checkFields(spec, {"parentRefs", "hostnames", "rules", "useDefaultGateways"});
    if (const auto parentRefs = boundedList(spec, "parentRefs", MaxParentRefs)) {
        for (const YamlField &item : *parentRefs)
            route.parentRefs.append(parseParentRef(item));
    }
    if (const auto hostnames = boundedList(spec, "hostnames", MaxHostnames)) {
        for (const YamlField &item : *hostnames) {
            if (const auto hostname = m_reader.string(item, Presence::Required))
                route.hostnames.append(*hostname);
        }
    }
    const YamlField rulesField = m_reader.field(spec, "rules");
    if (const auto rules = boundedList(spec, "rules", MaxRules)) {
        for (const YamlField &item : *rules)
            route.rules.append(parseRule(item));
    } else if (!rulesField.present) {
        // The CRD's default for an absent rules list: one rule matching PathPrefix "/".
        HTTPRouteRule rule;
        rule.location = m_reader.location(spec);
        HTTPRouteMatch match;
        match.location = rule.location;
        rule.matches.append(match);
        rule.matchesDefaulted = true;
        route.rules.append(rule);
    }
}

ParentReference HttpRouteParser::parseParentRef(const YamlField &item)
{
    ParentReference ref;
    ref.location = m_reader.location(item);
    if (!m_reader.mapping(item, Presence::Required))
        return ref;
    m_reader.checkFields(item, {"group", "kind", "namespace", "name", "sectionName", "port"});
    if (const auto group = m_reader.string(item, "group"))
        ref.group = *group;
    if (const auto kind = m_reader.string(item, "kind"))
        ref.kind = *kind;
    ref.namespaceName = m_reader.string(item, "namespace").value_or(QString());
    ref.name = m_reader.string(item, "name", Presence::Required).value_or(QString());
    ref.sectionName = m_reader.string(item, "sectionName").value_or(QString());
    if (const auto port = m_reader.integer(item, "port", YamlFieldReader::Port))
        ref.port = int(*port);
    return ref;
}

HTTPRouteRule HttpRouteParser::parseRule(const YamlField &item)
{
    HTTPRouteRule rule;
    rule.location = m_reader.location(item);
    if (!m_reader.mapping(item, Presence::Required))
        return rule;
    m_reader.checkFields(item, {"name", "matches", "filters", "backendRefs", "timeouts", "retry", "sessionPersistence"});
    // Real fields whose behaviour the simulator does not model: say so rather than pretend.
    for (const char *unsupported : {"retry", "sessionPersistence"}) {
        const YamlField field = m_reader.field(item, unsupported);
        if (field.present)
            m_reader.warning(field, u"field \"" + QString::fromLatin1(unsupported) + u"\" is not simulated; it is ignored");
    }
    rule.name = m_reader.string(item, "name").value_or(QString());
    if (const auto matches = boundedList(item, "matches", MaxMatches)) {
        for (const YamlField &matchItem : *matches)
            rule.matches.append(parseMatch(matchItem));
    }
    if (rule.matches.isEmpty()) {
        // A rule without matches matches every request: one PathPrefix "/" (the CRD default).
        HTTPRouteMatch match;
        match.location = rule.location;
        rule.matches.append(match);
        rule.matchesDefaulted = true;
    }
    rule.filters = parseFilters(item);
    if (const auto backendRefs = boundedList(item, "backendRefs", MaxBackendRefs)) {
        for (const YamlField &backendItem : *backendRefs)
            rule.backendRefs.append(parseBackendRef(backendItem));
    }
    rule.timeouts = parseTimeouts(m_reader.field(item, "timeouts"));
    return rule;
}

HTTPRouteMatch HttpRouteParser::parseMatch(const YamlField &item)
{
    HTTPRouteMatch match;
    match.location = m_reader.location(item);
    if (!m_reader.mapping(item, Presence::Required))
        return match;
    m_reader.checkFields(item, {"path", "headers", "queryParams", "method"});
    const YamlField path = m_reader.field(item, "path");
    if (m_reader.mapping(path)) {
        m_reader.checkFields(path, {"type", "value"});
        if (const auto type = m_reader.string(path, "type"))
            match.path.type = *type;
        const YamlField valueField = m_reader.field(path, "value");
        if (const auto value = m_reader.string(valueField)) {
            match.path.value = *value;
            // CEL rules of the CRD for the two core types; RegularExpression is free-form.
            if (match.path.type == u"Exact" || match.path.type == u"PathPrefix") {
                if (!value->startsWith(u'/'))
                    m_reader.error(valueField, u"expected a path starting with \"/\", got " + YamlScalar::quoted(*value));
                else if (value->contains(u"//"))
                    m_reader.error(valueField, u"expected a path without \"//\", got " + YamlScalar::quoted(*value));
            }
        }
    }
    if (const auto headers = boundedList(item, "headers", MaxHeaderEntries)) {
        for (const YamlField &header : *headers)
            match.headers.append(parseHeaderMatch(header));
    }
    if (const auto params = boundedList(item, "queryParams", MaxHeaderEntries)) {
        for (const YamlField &param : *params)
            match.queryParams.append(parseHeaderMatch(param));
    }
    match.method = m_reader.string(item, "method").value_or(QString());
    return match;
}

HTTPHeaderMatch HttpRouteParser::parseHeaderMatch(const YamlField &item)
{
    HTTPHeaderMatch match;
    if (!m_reader.mapping(item, Presence::Required))
        return match;
    m_reader.checkFields(item, {"type", "name", "value"});
    if (const auto type = m_reader.string(item, "type"))
        match.type = *type;
    match.name = m_reader.string(item, "name", Presence::Required).value_or(QString());
    match.value = m_reader.string(item, "value", Presence::Required).value_or(QString());
    return match;
}

QList<HTTPRouteFilter> HttpRouteParser::parseFilters(const YamlField &parent)
{
    QList<HTTPRouteFilter> filters;
    if (const auto items = boundedList(parent, "filters", MaxFilters)) {
        for (const YamlField &item : *items)
            filters.append(parseFilter(item));
    }
    return filters;
}

HTTPRouteFilter HttpRouteParser::parseFilter(const YamlField &item)
{
    HTTPRouteFilter filter;
    filter.location = m_reader.location(item);
    if (!m_reader.mapping(item, Presence::Required))
        return filter;
    m_reader.checkFields(item, {"type", "requestHeaderModifier", "responseHeaderModifier", "requestRedirect",
                                "urlRewrite", "requestMirror", "cors", "extensionRef", "externalAuth"});
    filter.type = m_reader.string(item, "type", Presence::Required).value_or(QString());
    bool knownType = false;
    for (const FilterField &entry : FilterFields) {
        if (filter.type == QLatin1StringView(entry.type))
            knownType = true;
    }
    // The CRD's CEL rules: a known type needs its own field and no other type's field.
    for (const FilterField &entry : FilterFields) {
        const YamlField field = m_reader.field(item, entry.field);
        const bool matchesType = filter.type == QLatin1StringView(entry.type);
        if (knownType && matchesType && !field.present)
            m_reader.error(field, u"required field is missing (a filter of type " + filter.type + u" needs it)");
        else if (knownType && !matchesType && field.present)
            m_reader.error(m_reader.fieldAtKey(item, entry.field), u"unexpected for a filter of type " + filter.type);
    }
    const auto present = [&](const char *key) { return m_reader.mapping(item, key); };
    const auto sub = [&](const char *key) { return m_reader.field(item, key); };
    if (present("requestHeaderModifier"))
        filter.requestHeaderModifier = parseHeaderFilter(sub("requestHeaderModifier"));
    if (present("responseHeaderModifier"))
        filter.responseHeaderModifier = parseHeaderFilter(sub("responseHeaderModifier"));
    if (present("requestRedirect"))
        filter.requestRedirect = parseRedirect(sub("requestRedirect"));
    if (present("urlRewrite"))
        filter.urlRewrite = parseRewrite(sub("urlRewrite"));
    if (present("requestMirror"))
        filter.requestMirror = parseMirror(sub("requestMirror"));
    if (present("cors"))
        filter.cors = parseCors(sub("cors"));
    if (present("extensionRef"))
        filter.extensionRef = parseExtensionRef(sub("extensionRef"));
    m_reader.mapping(item, "externalAuth");
    return filter;
}

HTTPHeaderFilter HttpRouteParser::parseHeaderFilter(const YamlField &field)
{
    HTTPHeaderFilter filter;
    m_reader.checkFields(field, {"set", "add", "remove"});
    const auto readPairs = [this, &field](const char *key) {
        QList<QPair<QString, QString>> pairs;
        if (const auto items = boundedList(field, key, MaxHeaderEntries)) {
            for (const YamlField &item : *items) {
                if (!m_reader.mapping(item, Presence::Required))
                    continue;
                m_reader.checkFields(item, {"name", "value"});
                const auto name = m_reader.string(item, "name", Presence::Required);
                const auto value = m_reader.string(item, "value", Presence::Required);
                if (name && value)
                    pairs.append({*name, *value});
            }
        }
        return pairs;
    };
    filter.set = readPairs("set");
    filter.add = readPairs("add");
    if (boundedList(field, "remove", MaxHeaderEntries))
        filter.remove = m_reader.stringList(field, "remove");
    return filter;
}

HTTPPathModifier HttpRouteParser::parsePathModifier(const YamlField &field)
{
    HTTPPathModifier modifier;
    m_reader.checkFields(field, {"type", "replaceFullPath", "replacePrefixMatch"});
    modifier.type = m_reader.string(field, "type", Presence::Required).value_or(QString());
    const YamlField full = m_reader.field(field, "replaceFullPath");
    const YamlField prefix = m_reader.field(field, "replacePrefixMatch");
    modifier.replaceFullPath = m_reader.string(full).value_or(QString());
    modifier.replacePrefixMatch = m_reader.string(prefix).value_or(QString());
    // CEL rules of the CRD: each known type takes exactly its own field.
    if (modifier.type == u"ReplaceFullPath") {
        if (!full.present)
            m_reader.error(full, QStringLiteral("required field is missing (type ReplaceFullPath needs it)"));
        if (prefix.present)
            m_reader.error(m_reader.fieldAtKey(field, "replacePrefixMatch"), QStringLiteral("unexpected for type ReplaceFullPath"));
    } else if (modifier.type == u"ReplacePrefixMatch") {
        if (!prefix.present)
            m_reader.error(prefix, QStringLiteral("required field is missing (type ReplacePrefixMatch needs it)"));
        if (full.present)
            m_reader.error(m_reader.fieldAtKey(field, "replaceFullPath"), QStringLiteral("unexpected for type ReplacePrefixMatch"));
    }
    return modifier;
}

HTTPRequestRedirectFilter HttpRouteParser::parseRedirect(const YamlField &field)
{
    HTTPRequestRedirectFilter redirect;
    m_reader.checkFields(field, {"scheme", "hostname", "path", "port", "statusCode"});
    redirect.scheme = m_reader.string(field, "scheme").value_or(QString());
    redirect.hostname = m_reader.string(field, "hostname").value_or(QString());
    const YamlField path = m_reader.field(field, "path");
    if (m_reader.mapping(path))
        redirect.path = parsePathModifier(path);
    if (const auto port = m_reader.integer(field, "port", YamlFieldReader::Port))
        redirect.port = int(*port);
    // Any integer is kept: an unsupported code is reported in the route status, not here.
    if (const auto status = m_reader.integer(field, "statusCode", YamlFieldReader::Int32))
        redirect.statusCode = int(*status);
    return redirect;
}

HTTPURLRewriteFilter HttpRouteParser::parseRewrite(const YamlField &field)
{
    HTTPURLRewriteFilter rewrite;
    m_reader.checkFields(field, {"hostname", "path"});
    rewrite.hostname = m_reader.string(field, "hostname").value_or(QString());
    const YamlField path = m_reader.field(field, "path");
    if (m_reader.mapping(path))
        rewrite.path = parsePathModifier(path);
    return rewrite;
}

HTTPRequestMirrorFilter HttpRouteParser::parseMirror(const YamlField &field)
{
    HTTPRequestMirrorFilter mirror;
    m_reader.checkFields(field, {"backendRef", "percent", "fraction"});
    const YamlField backendRef = m_reader.field(field, "backendRef");
    if (m_reader.mapping(backendRef, Presence::Required)) {
        m_reader.checkFields(backendRef, {"group", "kind", "name", "namespace", "port"});
        mirror.backendRef = parseBackendObjectReference(backendRef);
    }
    const YamlField percent = m_reader.field(field, "percent");
    if (const auto value = m_reader.integer(percent, YamlFieldReader::IntRange{0, 100}))
        mirror.percent = int(*value);
    const YamlField fraction = m_reader.field(field, "fraction");
    if (m_reader.mapping(fraction)) {
        m_reader.checkFields(fraction, {"numerator", "denominator"});
        const YamlField numerator = m_reader.field(fraction, "numerator");
        if (const auto value = m_reader.integer(numerator, YamlFieldReader::NonNegativeInt32, Presence::Required))
            mirror.fractionNumerator = int(*value);
        if (const auto value = m_reader.integer(fraction, "denominator", YamlFieldReader::PositiveInt32))
            mirror.fractionDenominator = int(*value);
        if (mirror.fractionNumerator && *mirror.fractionNumerator > mirror.fractionDenominator)
            m_reader.error(numerator, u"expected a numerator no larger than the denominator "
                                          + QString::number(mirror.fractionDenominator) + u", got "
                                          + QString::number(*mirror.fractionNumerator));
        if (percent.present)
            m_reader.error(m_reader.fieldAtKey(field, "fraction"), QStringLiteral("unexpected together with percent: give one of percent or fraction"));
    }
    return mirror;
}

HTTPCORSFilter HttpRouteParser::parseCors(const YamlField &field)
{
    HTTPCORSFilter cors;
    m_reader.checkFields(field, {"allowOrigins", "allowCredentials", "allowMethods", "allowHeaders", "exposeHeaders", "maxAge"});
    cors.allowOrigins = m_reader.stringList(field, "allowOrigins");
    cors.allowCredentials = m_reader.boolean(field, "allowCredentials").value_or(false);
    cors.allowMethods = m_reader.stringList(field, "allowMethods");
    cors.allowHeaders = m_reader.stringList(field, "allowHeaders");
    cors.exposeHeaders = m_reader.stringList(field, "exposeHeaders");
    if (const auto maxAge = m_reader.integer(field, "maxAge", YamlFieldReader::PositiveInt32))
        cors.maxAge = int(*maxAge);
    return cors;
}

LocalObjectReference HttpRouteParser::parseExtensionRef(const YamlField &field)
{
    LocalObjectReference ref;
    m_reader.checkFields(field, {"group", "kind", "name"});
    ref.group = m_reader.string(field, "group", Presence::Required).value_or(QString());
    ref.kind = m_reader.string(field, "kind", Presence::Required).value_or(QString());
    ref.name = m_reader.string(field, "name", Presence::Required).value_or(QString());
    return ref;
}

BackendObjectReference HttpRouteParser::parseBackendObjectReference(const YamlField &item)
{
    BackendObjectReference ref;
    ref.location = m_reader.location(item);
    ref.group = m_reader.string(item, "group").value_or(QString());
    if (const auto kind = m_reader.string(item, "kind"))
        ref.kind = *kind;
    ref.name = m_reader.string(item, "name", Presence::Required).value_or(QString());
    ref.namespaceName = m_reader.string(item, "namespace").value_or(QString());
    const YamlField port = m_reader.field(item, "port");
    if (const auto value = m_reader.integer(port, YamlFieldReader::Port))
        ref.port = int(*value);
    // CEL rule of the CRD: a Service needs a port (other kinds may not have ports at all).
    if (ref.group.isEmpty() && ref.kind == u"Service" && !port.present)
        m_reader.error(port, QStringLiteral("required field is missing (a Service backend needs a port)"));
    return ref;
}

HTTPBackendRef HttpRouteParser::parseBackendRef(const YamlField &item)
{
    HTTPBackendRef backend;
    backend.ref.location = m_reader.location(item);
    if (!m_reader.mapping(item, Presence::Required))
        return backend;
    m_reader.checkFields(item, {"group", "kind", "name", "namespace", "port", "weight", "filters"});
    backend.ref = parseBackendObjectReference(item);
    backend.weight = int(m_reader.integer(item, "weight", YamlFieldReader::IntRange{0, MaxWeight}).value_or(1));
    backend.filters = parseFilters(item);
    return backend;
}

HTTPRouteTimeouts HttpRouteParser::parseTimeouts(const YamlField &field)
{
    HTTPRouteTimeouts timeouts;
    if (!m_reader.mapping(field))
        return timeouts;
    m_reader.checkFields(field, {"request", "backendRequest"});
    timeouts.requestMs = m_reader.durationMs(field, "request");
    timeouts.backendRequestMs = m_reader.durationMs(field, "backendRequest");
    // CEL rule of the CRD: one backend attempt cannot outlast the whole request (0s disables).
    if (timeouts.requestMs && timeouts.backendRequestMs && *timeouts.requestMs != 0
        && *timeouts.backendRequestMs > *timeouts.requestMs)
        m_reader.error(m_reader.field(field, "backendRequest"),
                       u"expected a duration no longer than timeouts.request ("
                           + m_reader.string(field, "request").value_or(QString()) + u"), got "
                           + m_reader.string(field, "backendRequest").value_or(QString()));
    return timeouts;
}

} // namespace gw
