#include "statusyaml.h"

#include "yamlvalue.h"

namespace gw {

namespace {

YamlValue str(const QString &text)
{
    return YamlValue::string(text);
}

QString timestamp(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QString duration(qint64 ms)
{
    if (ms % 1000 == 0)
        return QString::number(ms / 1000) + u's';
    return QString::number(ms) + QStringLiteral("ms");
}

YamlValue stringMap(const QMap<QString, QString> &map)
{
    YamlValue out = YamlValue::map();
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        out.insert(it.key(), str(it.value()));
    return out;
}

YamlValue stringList(const QStringList &list)
{
    YamlValue out = YamlValue::list();
    for (const QString &item : list)
        out.append(str(item));
    return out;
}

YamlValue metadata(const ObjectMeta &meta, const QDateTime &at)
{
    YamlValue out = YamlValue::map();
    out.insert(QStringLiteral("name"), str(meta.name));
    if (!meta.namespaceName.isEmpty())
        out.insert(QStringLiteral("namespace"), str(meta.namespaceName));
    if (!meta.labels.isEmpty())
        out.insert(QStringLiteral("labels"), stringMap(meta.labels));
    if (!meta.annotations.isEmpty())
        out.insert(QStringLiteral("annotations"), stringMap(meta.annotations));
    out.insert(QStringLiteral("creationTimestamp"), str(timestamp(meta.creationTimestamp.isValid() ? meta.creationTimestamp : at)));
    out.insert(QStringLiteral("generation"), YamlValue::integer(1));
    return out;
}

YamlValue conditions(const QList<ObjectStatus::Condition> &list, const QDateTime &at)
{
    YamlValue out = YamlValue::list();
    for (const ObjectStatus::Condition &condition : list) {
        YamlValue entry = YamlValue::map();
        entry.insert(QStringLiteral("lastTransitionTime"), str(timestamp(at)));
        entry.insert(QStringLiteral("message"), str(condition.message));
        entry.insert(QStringLiteral("observedGeneration"), YamlValue::integer(1));
        entry.insert(QStringLiteral("reason"), str(condition.reason));
        entry.insert(QStringLiteral("status"), str(condition.status));
        entry.insert(QStringLiteral("type"), str(condition.type));
        out.append(entry);
    }
    return out;
}

YamlValue groupKind(const RouteGroupKind &kind)
{
    YamlValue out = YamlValue::map();
    out.insert(QStringLiteral("group"), str(kind.group.isEmpty() ? QStringLiteral("gateway.networking.k8s.io") : kind.group));
    out.insert(QStringLiteral("kind"), str(kind.kind));
    return out;
}

YamlValue parentRef(const ParentReference &ref)
{
    YamlValue out = YamlValue::map();
    out.insert(QStringLiteral("group"), str(ref.group));
    out.insert(QStringLiteral("kind"), str(ref.kind));
    out.insert(QStringLiteral("name"), str(ref.name));
    if (!ref.namespaceName.isEmpty())
        out.insert(QStringLiteral("namespace"), str(ref.namespaceName));
    if (!ref.sectionName.isEmpty())
        out.insert(QStringLiteral("sectionName"), str(ref.sectionName));
    if (ref.port)
        out.insert(QStringLiteral("port"), YamlValue::integer(*ref.port));
    return out;
}

YamlValue backendObjectRef(const BackendObjectReference &ref)
{
    YamlValue out = YamlValue::map();
    out.insert(QStringLiteral("group"), str(ref.group));
    out.insert(QStringLiteral("kind"), str(ref.kind));
    out.insert(QStringLiteral("name"), str(ref.name));
    if (!ref.namespaceName.isEmpty())
        out.insert(QStringLiteral("namespace"), str(ref.namespaceName));
    if (ref.port)
        out.insert(QStringLiteral("port"), YamlValue::integer(*ref.port));
    return out;
}

YamlValue headerFilter(const HTTPHeaderFilter &filter)
{
    YamlValue out = YamlValue::map();
    const auto pairs = [](const QList<QPair<QString, QString>> &list) {
        YamlValue items = YamlValue::list();
        for (const auto &[name, value] : list)
            items.append(YamlValue::map().insert(QStringLiteral("name"), str(name)).insert(QStringLiteral("value"), str(value)));
        return items;
    };
    if (!filter.set.isEmpty())
        out.insert(QStringLiteral("set"), pairs(filter.set));
    if (!filter.add.isEmpty())
        out.insert(QStringLiteral("add"), pairs(filter.add));
    if (!filter.remove.isEmpty())
        out.insert(QStringLiteral("remove"), stringList(filter.remove));
    return out;
}

YamlValue pathModifier(const HTTPPathModifier &modifier)
{
    YamlValue out = YamlValue::map();
    out.insert(QStringLiteral("type"), str(modifier.type));
    if (modifier.type == u"ReplaceFullPath")
        out.insert(QStringLiteral("replaceFullPath"), str(modifier.replaceFullPath));
    else if (modifier.type == u"ReplacePrefixMatch")
        out.insert(QStringLiteral("replacePrefixMatch"), str(modifier.replacePrefixMatch));
    return out;
}

YamlValue filterList(const QList<HTTPRouteFilter> &filters)
{
    YamlValue out = YamlValue::list();
    for (const HTTPRouteFilter &filter : filters) {
        YamlValue entry = YamlValue::map();
        entry.insert(QStringLiteral("type"), str(filter.type));
        if (filter.requestHeaderModifier)
            entry.insert(QStringLiteral("requestHeaderModifier"), headerFilter(*filter.requestHeaderModifier));
        if (filter.responseHeaderModifier)
            entry.insert(QStringLiteral("responseHeaderModifier"), headerFilter(*filter.responseHeaderModifier));
        if (filter.requestRedirect) {
            const HTTPRequestRedirectFilter &redirect = *filter.requestRedirect;
            YamlValue value = YamlValue::map();
            if (!redirect.scheme.isEmpty())
                value.insert(QStringLiteral("scheme"), str(redirect.scheme));
            if (!redirect.hostname.isEmpty())
                value.insert(QStringLiteral("hostname"), str(redirect.hostname));
            if (redirect.path)
                value.insert(QStringLiteral("path"), pathModifier(*redirect.path));
            if (redirect.port)
                value.insert(QStringLiteral("port"), YamlValue::integer(*redirect.port));
            value.insert(QStringLiteral("statusCode"), YamlValue::integer(redirect.statusCode));
            entry.insert(QStringLiteral("requestRedirect"), value);
        }
        if (filter.urlRewrite) {
            YamlValue value = YamlValue::map();
            if (!filter.urlRewrite->hostname.isEmpty())
                value.insert(QStringLiteral("hostname"), str(filter.urlRewrite->hostname));
            if (filter.urlRewrite->path)
                value.insert(QStringLiteral("path"), pathModifier(*filter.urlRewrite->path));
            entry.insert(QStringLiteral("urlRewrite"), value);
        }
        if (filter.requestMirror) {
            const HTTPRequestMirrorFilter &mirror = *filter.requestMirror;
            YamlValue value = YamlValue::map();
            value.insert(QStringLiteral("backendRef"), backendObjectRef(mirror.backendRef));
            if (mirror.percent)
                value.insert(QStringLiteral("percent"), YamlValue::integer(*mirror.percent));
            if (mirror.fractionNumerator) {
                value.insert(QStringLiteral("fraction"), YamlValue::map()
                                                             .insert(QStringLiteral("numerator"), YamlValue::integer(*mirror.fractionNumerator))
                                                             .insert(QStringLiteral("denominator"), YamlValue::integer(mirror.fractionDenominator)));
            }
            entry.insert(QStringLiteral("requestMirror"), value);
        }
        if (filter.cors) {
            const HTTPCORSFilter &cors = *filter.cors;
            YamlValue value = YamlValue::map();
            value.insert(QStringLiteral("allowOrigins"), stringList(cors.allowOrigins));
            value.insert(QStringLiteral("allowCredentials"), YamlValue::boolean(cors.allowCredentials));
            if (!cors.allowMethods.isEmpty())
                value.insert(QStringLiteral("allowMethods"), stringList(cors.allowMethods));
            if (!cors.allowHeaders.isEmpty())
                value.insert(QStringLiteral("allowHeaders"), stringList(cors.allowHeaders));
            if (!cors.exposeHeaders.isEmpty())
                value.insert(QStringLiteral("exposeHeaders"), stringList(cors.exposeHeaders));
            if (cors.maxAge)
                value.insert(QStringLiteral("maxAge"), YamlValue::integer(*cors.maxAge));
            entry.insert(QStringLiteral("cors"), value);
        }
        if (filter.extensionRef) {
            entry.insert(QStringLiteral("extensionRef"), YamlValue::map()
                                                             .insert(QStringLiteral("group"), str(filter.extensionRef->group))
                                                             .insert(QStringLiteral("kind"), str(filter.extensionRef->kind))
                                                             .insert(QStringLiteral("name"), str(filter.extensionRef->name)));
        }
        out.append(entry);
    }
    return out;
}

YamlValue valueMatches(const QList<HTTPHeaderMatch> &matches)
{
    YamlValue out = YamlValue::list();
    for (const HTTPHeaderMatch &match : matches) {
        out.append(YamlValue::map()
                       .insert(QStringLiteral("type"), str(match.type))
                       .insert(QStringLiteral("name"), str(match.name))
                       .insert(QStringLiteral("value"), str(match.value)));
    }
    return out;
}

YamlValue gatewayClassSpec(const GatewayClass &gatewayClass)
{
    return YamlValue::map().insert(QStringLiteral("controllerName"), str(gatewayClass.controllerName));
}

YamlValue gatewaySpec(const Gateway &gateway)
{
    YamlValue listeners = YamlValue::list();
    for (const Listener &listener : gateway.listeners) {
        YamlValue entry = YamlValue::map();
        entry.insert(QStringLiteral("name"), str(listener.name));
        if (!listener.hostname.isEmpty())
            entry.insert(QStringLiteral("hostname"), str(listener.hostname));
        entry.insert(QStringLiteral("port"), YamlValue::integer(listener.port));
        entry.insert(QStringLiteral("protocol"), str(listener.protocol));
        YamlValue namespaces = YamlValue::map().insert(QStringLiteral("from"), str(listener.allowedNamespacesFrom));
        if (listener.allowedNamespacesSelector.isSet) {
            YamlValue selector = YamlValue::map();
            if (!listener.allowedNamespacesSelector.matchLabels.isEmpty())
                selector.insert(QStringLiteral("matchLabels"), stringMap(listener.allowedNamespacesSelector.matchLabels));
            if (!listener.allowedNamespacesSelector.matchExpressions.isEmpty()) {
                YamlValue expressions = YamlValue::list();
                for (const LabelSelector::Requirement &requirement : listener.allowedNamespacesSelector.matchExpressions) {
                    YamlValue expression = YamlValue::map().insert(QStringLiteral("key"), str(requirement.key)).insert(QStringLiteral("operator"), str(requirement.op));
                    if (!requirement.values.isEmpty())
                        expression.insert(QStringLiteral("values"), stringList(requirement.values));
                    expressions.append(expression);
                }
                selector.insert(QStringLiteral("matchExpressions"), expressions);
            }
            namespaces.insert(QStringLiteral("selector"), selector);
        }
        YamlValue allowedRoutes = YamlValue::map().insert(QStringLiteral("namespaces"), namespaces);
        if (!listener.allowedKinds.isEmpty()) {
            YamlValue kinds = YamlValue::list();
            for (const RouteGroupKind &kind : listener.allowedKinds)
                kinds.append(groupKind(kind));
            allowedRoutes.insert(QStringLiteral("kinds"), kinds);
        }
        entry.insert(QStringLiteral("allowedRoutes"), allowedRoutes);
        if (listener.hasTls) {
            YamlValue tls = YamlValue::map().insert(QStringLiteral("mode"), str(listener.tlsMode));
            if (!listener.certificateRefs.isEmpty()) {
                YamlValue refs = YamlValue::list();
                for (const SecretObjectReference &ref : listener.certificateRefs) {
                    YamlValue value = YamlValue::map()
                                          .insert(QStringLiteral("group"), str(ref.group))
                                          .insert(QStringLiteral("kind"), str(ref.kind))
                                          .insert(QStringLiteral("name"), str(ref.name));
                    if (!ref.namespaceName.isEmpty())
                        value.insert(QStringLiteral("namespace"), str(ref.namespaceName));
                    refs.append(value);
                }
                tls.insert(QStringLiteral("certificateRefs"), refs);
            }
            entry.insert(QStringLiteral("tls"), tls);
        }
        listeners.append(entry);
    }
    return YamlValue::map().insert(QStringLiteral("gatewayClassName"), str(gateway.gatewayClassName)).insert(QStringLiteral("listeners"), listeners);
}

YamlValue routeSpec(const HTTPRoute &route)
{
    YamlValue parents = YamlValue::list();
    for (const ParentReference &ref : route.parentRefs)
        parents.append(parentRef(ref));
    YamlValue rules = YamlValue::list();
    for (const HTTPRouteRule &rule : route.rules) {
        YamlValue entry = YamlValue::map();
        if (!rule.name.isEmpty())
            entry.insert(QStringLiteral("name"), str(rule.name));
        YamlValue matches = YamlValue::list();
        for (const HTTPRouteMatch &match : rule.matches) {
            YamlValue value = YamlValue::map().insert(
                QStringLiteral("path"), YamlValue::map().insert(QStringLiteral("type"), str(match.path.type)).insert(QStringLiteral("value"), str(match.path.value)));
            if (!match.headers.isEmpty())
                value.insert(QStringLiteral("headers"), valueMatches(match.headers));
            if (!match.queryParams.isEmpty())
                value.insert(QStringLiteral("queryParams"), valueMatches(match.queryParams));
            if (!match.method.isEmpty())
                value.insert(QStringLiteral("method"), str(match.method));
            matches.append(value);
        }
        entry.insert(QStringLiteral("matches"), matches);
        if (!rule.filters.isEmpty())
            entry.insert(QStringLiteral("filters"), filterList(rule.filters));
        if (!rule.backendRefs.isEmpty()) {
            YamlValue backends = YamlValue::list();
            for (const HTTPBackendRef &backend : rule.backendRefs) {
                YamlValue value = backendObjectRef(backend.ref);
                value.insert(QStringLiteral("weight"), YamlValue::integer(backend.weight));
                if (!backend.filters.isEmpty())
                    value.insert(QStringLiteral("filters"), filterList(backend.filters));
                backends.append(value);
            }
            entry.insert(QStringLiteral("backendRefs"), backends);
        }
        if (rule.timeouts.requestMs || rule.timeouts.backendRequestMs) {
            YamlValue timeouts = YamlValue::map();
            if (rule.timeouts.requestMs)
                timeouts.insert(QStringLiteral("request"), str(duration(*rule.timeouts.requestMs)));
            if (rule.timeouts.backendRequestMs)
                timeouts.insert(QStringLiteral("backendRequest"), str(duration(*rule.timeouts.backendRequestMs)));
            entry.insert(QStringLiteral("timeouts"), timeouts);
        }
        rules.append(entry);
    }
    YamlValue spec = YamlValue::map().insert(QStringLiteral("parentRefs"), parents).insert(QStringLiteral("rules"), rules);
    if (!route.hostnames.isEmpty())
        spec.insert(QStringLiteral("hostnames"), stringList(route.hostnames));
    return spec;
}

YamlValue stickyConfig(const SessionStickyPolicy::Config &config)
{
    YamlValue out = YamlValue::map();
    if (config.cookieName)
        out.insert(QStringLiteral("cookieName"), str(*config.cookieName));
    if (config.expires)
        out.insert(QStringLiteral("expires"), YamlValue::integer(*config.expires));
    return out;
}

YamlValue policySpec(const SessionStickyPolicy &policy)
{
    YamlValue target = YamlValue::map()
                           .insert(QStringLiteral("group"), str(policy.targetRef.group))
                           .insert(QStringLiteral("kind"), str(policy.targetRef.kind))
                           .insert(QStringLiteral("name"), str(policy.targetRef.name));
    if (!policy.targetRef.namespaceName.isEmpty())
        target.insert(QStringLiteral("namespace"), str(policy.targetRef.namespaceName));
    YamlValue ports = YamlValue::list();
    for (const SessionStickyPolicy::PortConfig &port : policy.ports) {
        YamlValue entry = YamlValue::map().insert(QStringLiteral("port"), YamlValue::integer(port.port));
        if (port.config)
            entry.insert(QStringLiteral("config"), stickyConfig(*port.config));
        ports.append(entry);
    }
    YamlValue spec = YamlValue::map().insert(QStringLiteral("targetRef"), target).insert(QStringLiteral("ports"), ports);
    if (policy.config)
        spec.insert(QStringLiteral("config"), stickyConfig(*policy.config));
    return spec;
}

template<typename T>
const T *find(const QList<T> &list, const ObjectStatus &status)
{
    for (const T &object : list) {
        if (object.meta.name == status.name && object.meta.namespaceName == status.namespaceName)
            return &object;
    }
    return nullptr;
}

} // namespace

QString StatusYaml::render(const ManifestSet &manifests, const QList<ObjectStatus> &statuses, const QDateTime &at)
{
    YamlValue items = YamlValue::list();
    for (const ObjectStatus &status : statuses) {
        YamlValue item = YamlValue::map();
        item.insert(QStringLiteral("apiVersion"), str(status.apiVersion));
        item.insert(QStringLiteral("kind"), str(status.kind));
        YamlValue objectStatus = YamlValue::map();
        if (status.kind == u"GatewayClass") {
            const GatewayClass *object = find(manifests.gatewayClasses, status);
            if (!object)
                continue;
            item.insert(QStringLiteral("metadata"), metadata(object->meta, at));
            item.insert(QStringLiteral("spec"), gatewayClassSpec(*object));
        } else if (status.kind == u"Gateway") {
            const Gateway *object = find(manifests.gateways, status);
            if (!object)
                continue;
            item.insert(QStringLiteral("metadata"), metadata(object->meta, at));
            item.insert(QStringLiteral("spec"), gatewaySpec(*object));
            if (!status.addresses.isEmpty()) {
                YamlValue addresses = YamlValue::list();
                for (const QString &address : status.addresses)
                    addresses.append(YamlValue::map().insert(QStringLiteral("type"), str(QStringLiteral("IPAddress"))).insert(QStringLiteral("value"), str(address)));
                objectStatus.insert(QStringLiteral("addresses"), addresses);
            }
            YamlValue listeners = YamlValue::list();
            for (const ObjectStatus::Listener &listener : status.listeners) {
                YamlValue kinds = YamlValue::list();
                for (const RouteGroupKind &kind : listener.supportedKinds)
                    kinds.append(groupKind(kind));
                listeners.append(YamlValue::map()
                                     .insert(QStringLiteral("name"), str(listener.name))
                                     .insert(QStringLiteral("attachedRoutes"), YamlValue::integer(listener.attachedRoutes))
                                     .insert(QStringLiteral("supportedKinds"), kinds)
                                     .insert(QStringLiteral("conditions"), conditions(listener.conditions, at)));
            }
            if (!status.listeners.isEmpty())
                objectStatus.insert(QStringLiteral("listeners"), listeners);
        } else if (status.kind == u"HTTPRoute") {
            const HTTPRoute *object = find(manifests.httpRoutes, status);
            if (!object)
                continue;
            item.insert(QStringLiteral("metadata"), metadata(object->meta, at));
            item.insert(QStringLiteral("spec"), routeSpec(*object));
            YamlValue parents = YamlValue::list();
            for (const ObjectStatus::Parent &parent : status.parents) {
                parents.append(YamlValue::map()
                                   .insert(QStringLiteral("parentRef"), parentRef(parent.parentRef))
                                   .insert(QStringLiteral("controllerName"), str(parent.controllerName))
                                   .insert(QStringLiteral("conditions"), conditions(parent.conditions, at)));
            }
            objectStatus.insert(QStringLiteral("parents"), parents);
        } else if (status.kind == u"SessionStickyPolicy") {
            const SessionStickyPolicy *object = find(manifests.sessionStickyPolicies, status);
            if (!object)
                continue;
            item.insert(QStringLiteral("metadata"), metadata(object->meta, at));
            item.insert(QStringLiteral("spec"), policySpec(*object));
        }
        if (!status.conditions.isEmpty())
            objectStatus.insert(QStringLiteral("conditions"), conditions(status.conditions, at));
        item.insert(QStringLiteral("status"), objectStatus);
        items.append(item);
    }
    YamlValue list = YamlValue::map();
    list.insert(QStringLiteral("apiVersion"), str(QStringLiteral("v1")));
    list.insert(QStringLiteral("items"), items);
    list.insert(QStringLiteral("kind"), str(QStringLiteral("List")));
    list.insert(QStringLiteral("metadata"), YamlValue::map().insert(QStringLiteral("resourceVersion"), str(QString())));
    return list.toYaml();
}

} // namespace gw
