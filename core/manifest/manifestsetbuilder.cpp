#include "manifestsetbuilder.h"

#include "endpointsliceparser.h"
#include "gatewayparser.h"
#include "httprouteparser.h"
#include "objectmetaparser.h"
#include "referencegrantparser.h"
#include "serviceparser.h"
#include "unterminatedquotefinder.h"
#include "sessionstickypolicyparser.h"
#include "workloadparser.h"
#include "yamldocumentsplitter.h"
#include "yamlscalar.h"

#include <QSet>

#include <yaml-cpp/depthguard.h>

#include <exception>
#include <string>

namespace gw {

namespace {

using Presence = YamlFieldReader::Presence;

struct NonText
{
    qsizetype offset = -1;
    bool invalidUtf8 = false;
};

// The first byte that makes `text` something other than YAML text: invalid UTF-8, or a control
// character YAML does not allow. yaml-cpp would read such bytes as scalars and report nonsense
// (or nothing), so binary files are refused before they reach it.
NonText firstNonTextByte(const QByteArray &text)
{
    const auto *data = reinterpret_cast<const unsigned char *>(text.constData());
    const qsizetype size = text.size();
    qsizetype i = 0;
    while (i < size) {
        const unsigned char c = data[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
                return NonText{i, false};
            ++i;
            continue;
        }
        int length = 0;
        unsigned int minimum = 0;
        if ((c & 0xE0) == 0xC0) {
            length = 2;
            minimum = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            length = 3;
            minimum = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            length = 4;
            minimum = 0x10000;
        } else {
            return NonText{i, true};
        }
        if (i + length > size)
            return NonText{i, true};
        unsigned int codePoint = c & (0xFFu >> (length + 1));
        for (int k = 1; k < length; ++k) {
            const unsigned char next = data[i + k];
            if ((next & 0xC0) != 0x80)
                return NonText{i, true};
            codePoint = (codePoint << 6) | (next & 0x3Fu);
        }
        if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            return NonText{i, true};
        i += length;
    }
    return NonText{};
}

// yaml-cpp reports a tab used for indentation as "illegal map value" or the like; find the tab so
// that the message can name the real cause. Only lines up to the error are considered.
std::optional<std::pair<int, int>> tabIndentation(const QByteArray &chunk, int lastLine)
{
    int line = 0;
    qsizetype start = 0;
    while (start < chunk.size() && line <= lastLine) {
        qsizetype end = chunk.indexOf('\n', start);
        if (end < 0)
            end = chunk.size();
        qsizetype at = start;
        std::optional<int> tabColumn;
        while (at < end && (chunk.at(at) == ' ' || chunk.at(at) == '\t')) {
            if (chunk.at(at) == '\t' && !tabColumn)
                tabColumn = int(at - start);
            ++at;
        }
        // Tabs on blank or comment-only lines are allowed.
        const bool hasContent = at < end && chunk.at(at) != '\r' && chunk.at(at) != '#';
        if (tabColumn && hasContent)
            return std::make_pair(line, *tabColumn);
        start = end + 1;
        ++line;
    }
    return std::nullopt;
}

// yaml-cpp reports errors found at the end of input (an unclosed bracket or quote) one line past
// the text, which is the next document's `---`; the end of the last written line is clearer.
YAML::Mark clampToText(const QByteArray &chunk, YAML::Mark mark)
{
    if (mark.pos >= 0 && mark.pos < chunk.size())
        return mark;
    qsizetype end = chunk.size();
    while (end > 0 && (chunk.at(end - 1) == '\n' || chunk.at(end - 1) == '\r' || chunk.at(end - 1) == ' ' || chunk.at(end - 1) == '\t'))
        --end;
    const qsizetype lineStart = chunk.lastIndexOf('\n', end - 1) + 1;
    YAML::Mark clamped;
    clamped.pos = int(end);
    clamped.line = int(chunk.left(lineStart).count('\n'));
    clamped.column = int(end - lineStart);
    return clamped;
}

QString describeByte(unsigned char byte)
{
    return u"0x" + QString::number(byte, 16).rightJustified(2, u'0');
}

} // namespace

ManifestSetBuilder::ManifestSetBuilder(const ManifestLoader::Options &options, ManifestSet &set)
    : m_options(options)
    , m_set(set)
{
    const auto rememberAll = [this](const auto &objects) {
        for (const auto &object : objects)
            remember(object.meta);
    };
    rememberAll(set.namespaces);
    rememberAll(set.pods);
    rememberAll(set.deployments);
    rememberAll(set.services);
    rememberAll(set.endpointSlices);
    rememberAll(set.gatewayClasses);
    rememberAll(set.gateways);
    rememberAll(set.httpRoutes);
    rememberAll(set.referenceGrants);
    rememberAll(set.sessionStickyPolicies);
    for (const ObjectMeta &meta : set.setAside)
        remember(meta);
}

void ManifestSetBuilder::remember(const ObjectMeta &meta)
{
    m_seen.insert(identity(meta), meta.location);
    m_nextLoadOrder = std::max(m_nextLoadOrder, meta.loadOrder + 1);
}

QString ManifestSetBuilder::identity(const ObjectMeta &meta)
{
    // v1beta1 and v1 of one kind are the same object to the API server: the group counts, the
    // version does not.
    const QString group = meta.apiVersion.contains(u'/') ? meta.apiVersion.section(u'/', 0, 0) : QString();
    return group + u'/' + meta.kind + u'/' + meta.namespaceName + u'/' + meta.name;
}

bool ManifestSetBuilder::rejectBinary(const QString &fileName, const QByteArray &text)
{
    const NonText bad = firstNonTextByte(text);
    if (bad.offset < 0)
        return false;
    const qsizetype lineStart = text.lastIndexOf('\n', bad.offset) + 1;   // lastIndexOf gives -1 on the first line
    const int line = int(text.left(bad.offset).count('\n')) + 1;
    const int column = int(bad.offset - lineStart) + 1;
    const QString byte = describeByte(static_cast<unsigned char>(text.at(bad.offset)));
    const QString message = bad.invalidUtf8
        ? QString(u"expected UTF-8 text, got the byte " + byte + u": this looks like a binary file or another encoding; nothing was loaded")
        : QString(u"expected YAML text, got the control character " + byte + u": this looks like a binary file; nothing was loaded");
    m_set.diagnostics.append(Diagnostic::error(SourceLocation{fileName, line, column}, QString(), message));
    return true;
}

void ManifestSetBuilder::addText(const QString &fileName, const QByteArray &input)
{
    m_set.files.append(fileName);
    if (rejectBinary(fileName, input))
        return;
    QByteArray text = input;
    if (text.startsWith("\xEF\xBB\xBF"))
        text.remove(0, 3);
    if (!m_options.substitutions.isEmpty()) {
        QString decoded = QString::fromUtf8(text);
        for (const auto &[from, to] : m_options.substitutions) {
            if (!from.isEmpty())
                decoded.replace(from, to);
        }
        text = decoded.toUtf8();
    }
    const qsizetype diagnosticsBefore = m_set.diagnostics.size();
    int documents = 0;
    for (const YamlDocumentSplitter::Chunk &chunk : YamlDocumentSplitter::split(text))
        addChunk(fileName, chunk.text, chunk.firstLine, documents);
    if (documents == 0 && m_set.diagnostics.size() == diagnosticsBefore)
        m_set.diagnostics.append(Diagnostic::warning(SourceLocation{fileName, 0, 0}, QString(),
                                                     QStringLiteral("no YAML documents: the file is empty or holds only comments")));
}

void ManifestSetBuilder::addChunk(const QString &fileName, const QByteArray &text, int firstLine, int &documents)
{
    YamlFieldReader reader(fileName, firstLine, m_set.diagnostics);
    std::vector<YAML::Node> nodes;
    try {
        nodes = YAML::LoadAll(std::string(text.constData(), size_t(text.size())));
    } catch (const YAML::DeepRecursion &e) {
        reader.error(YamlField{YAML::Node(), clampToText(text, e.mark), QString(), false},
                     QStringLiteral("invalid YAML: nested too deeply (more than 2000 levels)"));
        return;
    } catch (const YAML::ParserException &e) {
        if (const auto tab = tabIndentation(text, e.mark.line < 0 ? std::numeric_limits<int>::max() : e.mark.line)) {
            YAML::Mark at;
            at.line = tab->first;
            at.column = tab->second;
            reader.error(YamlField{YAML::Node(), at, QString(), false},
                         QStringLiteral("invalid YAML: expected spaces for indentation, got a tab (YAML does not allow tabs there)"));
        } else {
            reader.error(YamlField{YAML::Node(), clampToText(text, e.mark), QString(), false},
                         u"invalid YAML: " + QString::fromStdString(e.msg));
        }
        return;
    } catch (const std::exception &e) {
        reader.error(YamlField{}, u"invalid YAML: " + QString::fromStdString(e.what()));
        return;
    }
    for (const YAML::Node &node : nodes) {
        if (node.IsNull())
            continue;
        ++documents;
        if (const auto quote = UnterminatedQuoteFinder::find(node, text)) {
            const char quoteChar = text.at(quote->pos);
            reader.error(YamlField{YAML::Node(), *quote, QString(), false},
                         u"invalid YAML: expected a closing " + QString(QLatin1Char(quoteChar)) + u" for the string that starts here, got the end of the document");
            continue;
        }
        try {
            addObject(reader, reader.root(node), true);
        } catch (const std::exception &e) {
            // yaml-cpp accessors can throw on nodes they consider invalid; a bad document must not
            // take the others down with it.
            reader.error(reader.root(node), u"cannot read this document: " + QString::fromStdString(e.what()));
        }
    }
}

void ManifestSetBuilder::addObject(YamlFieldReader &reader, const YamlField &object, bool listAllowed)
{
    if (!object.node.IsMap()) {
        reader.error(object, u"expected a mapping (a Kubernetes object with apiVersion, kind and metadata), got "
                                 + YamlScalar::describe(object.node));
        return;
    }
    const int errorsBefore = reader.errorCount();
    const auto readName = [&reader, &object](const char *key, const QString &example) -> std::optional<QString> {
        const YamlField field = reader.field(object, key);
        const auto value = reader.string(field, Presence::Required);
        if (value && value->isEmpty()) {
            reader.error(field, u"expected " + example + u", got an empty string");
            return std::nullopt;
        }
        return value;
    };
    const auto apiVersion = readName("apiVersion", QStringLiteral("an apiVersion such as v1 or gateway.networking.k8s.io/v1"));
    const auto kindName = readName("kind", QStringLiteral("a kind such as Service or HTTPRoute"));
    if (!apiVersion || !kindName)
        return;
    if (listAllowed && *apiVersion == u"v1" && *kindName == u"List") {
        addList(reader, object);
        return;
    }
    const Kind kind = classify(*apiVersion, *kindName);
    const YamlField kindLine{object.node, reader.keyMark(object, "kind"), QString(), true};
    if (kind == Kind::NotSimulated)
        reader.warning(kindLine, u"kind " + *kindName + u" (apiVersion " + *apiVersion + u") is not simulated; the object is set aside");
    const QString namespaceForUnset = isClusterScoped(*kindName) ? QString() : m_options.defaultNamespace;
    ObjectMeta meta = ObjectMetaParser(reader).parse(object, namespaceForUnset);
    meta.apiVersion = *apiVersion;
    meta.kind = *kindName;
    meta.location = reader.location(kindLine);
    addTyped(reader, object, kind, meta, errorsBefore);
}

void ManifestSetBuilder::addList(YamlFieldReader &reader, const YamlField &object)
{
    // kubectl accepts a v1 List and applies its items one by one.
    reader.checkFields(object, {"apiVersion", "kind", "metadata", "items"});
    if (const auto items = reader.list(object, "items", Presence::Required)) {
        for (const YamlField &item : *items)
            addObject(reader, item, false);
    }
}

void ManifestSetBuilder::addTyped(YamlFieldReader &reader, const YamlField &object, Kind kind, ObjectMeta meta, int errorsBefore)
{
    const auto keep = [&](auto item, auto &into) {
        if (reader.errorCount() > errorsBefore || !claim(reader, object, item.meta))
            return;
        into.append(std::move(item));
    };
    switch (kind) {
    case Kind::Namespace: {
        reader.checkFields(object, {"apiVersion", "kind", "metadata", "spec", "status"});
        keep(NamespaceResource{meta}, m_set.namespaces);
        return;
    }
    case Kind::Pod: {
        Pod pod;
        pod.meta = meta;
        WorkloadParser(reader).parsePod(object, pod);
        keep(std::move(pod), m_set.pods);
        return;
    }
    case Kind::Deployment: {
        Deployment deployment;
        deployment.meta = meta;
        WorkloadParser(reader).parseDeployment(object, deployment);
        keep(std::move(deployment), m_set.deployments);
        return;
    }
    case Kind::Service: {
        Service service;
        service.meta = meta;
        ServiceParser(reader).parse(object, service);
        keep(std::move(service), m_set.services);
        return;
    }
    case Kind::EndpointSlice: {
        EndpointSlice slice;
        slice.meta = meta;
        EndpointSliceParser(reader).parse(object, slice);
        keep(std::move(slice), m_set.endpointSlices);
        return;
    }
    case Kind::GatewayClass: {
        GatewayClass gatewayClass;
        gatewayClass.meta = meta;
        GatewayParser(reader).parseGatewayClass(object, gatewayClass);
        keep(std::move(gatewayClass), m_set.gatewayClasses);
        return;
    }
    case Kind::Gateway: {
        Gateway gateway;
        gateway.meta = meta;
        GatewayParser(reader).parseGateway(object, gateway);
        keep(std::move(gateway), m_set.gateways);
        return;
    }
    case Kind::HTTPRoute: {
        HTTPRoute route;
        route.meta = meta;
        HttpRouteParser(reader).parse(object, route);
        keep(std::move(route), m_set.httpRoutes);
        return;
    }
    case Kind::ReferenceGrant: {
        ReferenceGrant grant;
        grant.meta = meta;
        ReferenceGrantParser(reader).parse(object, grant);
        keep(std::move(grant), m_set.referenceGrants);
        return;
    }
    case Kind::SessionStickyPolicy: {
        SessionStickyPolicy policy;
        policy.meta = meta;
        SessionStickyPolicyParser(reader).parse(object, policy);
        keep(std::move(policy), m_set.sessionStickyPolicies);
        return;
    }
    case Kind::NotSimulated:
        if (reader.errorCount() > errorsBefore || !claim(reader, object, meta))
            return;
        m_set.setAside.append(meta);
        return;
    }
}

bool ManifestSetBuilder::claim(YamlFieldReader &reader, const YamlField &object, ObjectMeta &meta)
{
    const QString key = identity(meta);
    if (const auto first = m_seen.constFind(key); first != m_seen.cend()) {
        reader.error(reader.field(reader.field(object, "metadata"), "name"),
                     u"duplicate " + meta.kind + u' ' + meta.key() + u": first defined at " + first->toString());
        return false;
    }
    m_seen.insert(key, meta.location);
    meta.loadOrder = m_nextLoadOrder++;
    return true;
}

ManifestSetBuilder::Kind ManifestSetBuilder::classify(const QString &apiVersion, const QString &kind)
{
    if (apiVersion == u"v1") {
        if (kind == u"Namespace")
            return Kind::Namespace;
        if (kind == u"Pod")
            return Kind::Pod;
        if (kind == u"Service")
            return Kind::Service;
    }
    if (apiVersion == u"apps/v1" && kind == u"Deployment")
        return Kind::Deployment;
    if (apiVersion == u"discovery.k8s.io/v1" && kind == u"EndpointSlice")
        return Kind::EndpointSlice;
    if (apiVersion == u"gateway.networking.k8s.io/v1" || apiVersion == u"gateway.networking.k8s.io/v1beta1") {
        if (kind == u"GatewayClass")
            return Kind::GatewayClass;
        if (kind == u"Gateway")
            return Kind::Gateway;
        if (kind == u"HTTPRoute")
            return Kind::HTTPRoute;
        if (kind == u"ReferenceGrant")
            return Kind::ReferenceGrant;
    }
    if (apiVersion == u"gateway.flomesh.io/v1alpha1" && kind == u"SessionStickyPolicy")
        return Kind::SessionStickyPolicy;
    return Kind::NotSimulated;
}

bool ManifestSetBuilder::isClusterScoped(const QString &kind)
{
    // The cluster-scoped kinds of Kubernetes and the Gateway API; set-aside objects of these kinds
    // get no namespace either, so that their duplicate check matches the API server's.
    static const QSet<QString> clusterScoped{
        QStringLiteral("Namespace"), QStringLiteral("Node"), QStringLiteral("PersistentVolume"),
        QStringLiteral("ComponentStatus"), QStringLiteral("ClusterRole"), QStringLiteral("ClusterRoleBinding"),
        QStringLiteral("CustomResourceDefinition"), QStringLiteral("StorageClass"), QStringLiteral("CSIDriver"),
        QStringLiteral("CSINode"), QStringLiteral("VolumeAttachment"), QStringLiteral("IngressClass"),
        QStringLiteral("PriorityClass"), QStringLiteral("RuntimeClass"), QStringLiteral("APIService"),
        QStringLiteral("MutatingWebhookConfiguration"), QStringLiteral("ValidatingWebhookConfiguration"),
        QStringLiteral("ValidatingAdmissionPolicy"), QStringLiteral("ValidatingAdmissionPolicyBinding"),
        QStringLiteral("CertificateSigningRequest"), QStringLiteral("FlowSchema"),
        QStringLiteral("PriorityLevelConfiguration"), QStringLiteral("GatewayClass")};
    return clusterScoped.contains(kind);
}

} // namespace gw
