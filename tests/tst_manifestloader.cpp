#include "manifest/gatewayduration.h"
#include "manifest/manifestloader.h"
#include "testpaths.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace gw;

namespace {

QString joined(const Diagnostics &diagnostics)
{
    QStringList lines;
    for (const Diagnostic &d : diagnostics)
        lines.append(d.toString());
    return lines.join(u'\n');
}

ManifestSet loadYaml(const QByteArray &yaml, const QString &defaultNamespace = QStringLiteral("default"))
{
    ManifestLoader::Options options;
    options.defaultNamespace = defaultNamespace;
    ManifestSet set;
    ManifestLoader(options).loadText(QStringLiteral("test.yaml"), yaml, set);
    return set;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QString conformanceDir()
{
    return test::sharedDir() + QStringLiteral("/conformance/conformance");
}

ManifestLoader conformanceLoader()
{
    ManifestLoader::Options options;
    options.substitutions.append({QStringLiteral("{GATEWAY_CLASS_NAME}"), QStringLiteral("gatewaylab")});
    return ManifestLoader(options);
}

const QByteArray ServiceYaml = "apiVersion: v1\nkind: Service\nmetadata:\n  name: %1\nspec:\n  ports:\n  - port: 80\n";

QByteArray service(const char *name)
{
    return QByteArray(ServiceYaml).replace("%1", name);
}

} // namespace

class TestManifestLoader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seed();
    void sessionStickyPrecedence_data();
    void sessionStickyPrecedence();
    void conformance_data();
    void conformance();
    void folderLoadsInNameOrder();
    void defaultNamespace();
    void loadOrderIncreasesAcrossFilesAndKinds();
    void substitutionsApplyBeforeParsing();
    void creationTimestamp();
    void durations_data();
    void durations();
    void httpRouteFields();
    void httpRouteDefaults();
    void unknownEnumValuesAreKept();
    void gatewayFields();
    void serviceAndEndpointSlice();
    void deploymentAndPod();
    void referenceGrant();
    void listKind();
    void mergeKeys();
    void brokenDocumentDoesNotHideOthers();
    void lineEndingsAndDirectives();
    void unreadableFile();
    void robustness_data();
    void robustness();
    void mutatedSeedNeverCrashes();
};

void TestManifestLoader::seed()
{
    ManifestLoader::Options options;
    options.defaultNamespace = QStringLiteral("server");
    const ManifestSet set = ManifestLoader(options).loadPaths({test::sharedDir() + QStringLiteral("/seed")});
    QVERIFY2(set.diagnostics.isEmpty(), qPrintable(joined(set.diagnostics)));
    QCOMPARE(set.files.size(), 3);

    QCOMPARE(set.services.size(), 1);
    const Service &svc = set.services.first();
    QCOMPARE(svc.meta.name, QStringLiteral("pipy"));
    QCOMPARE(svc.meta.namespaceName, QStringLiteral("server"));
    QCOMPARE(svc.selector, (QMap<QString, QString>{{QStringLiteral("app"), QStringLiteral("pipy")}}));
    QVERIFY(svc.hasSelector);
    QCOMPARE(svc.ports.size(), 1);
    QCOMPARE(svc.ports.first().port, 8080);
    QCOMPARE(svc.ports.first().targetPortNumber, 8080);
    QCOMPARE(svc.ports.first().effectiveTargetPortNumber(), 8080);
    QCOMPARE(svc.ports.first().protocol, QStringLiteral("TCP"));
    QCOMPARE(svc.meta.location.line, 2);
    QCOMPARE(svc.meta.location.column, 1);

    QCOMPARE(set.pods.size(), 2);
    QCOMPARE(set.pods.at(0).meta.name, QStringLiteral("pipy-1"));
    QCOMPARE(set.pods.at(1).meta.name, QStringLiteral("pipy-2"));
    QCOMPARE(set.pods.at(0).meta.labels.value(QStringLiteral("app")), QStringLiteral("pipy"));
    QCOMPARE(set.pods.at(0).containers.size(), 1);
    QCOMPARE(set.pods.at(0).containers.first().image, QStringLiteral("flomesh/pipy:0.99.0-2"));
    QCOMPARE(set.pods.at(0).containers.first().command,
             (QStringList{QStringLiteral("pipy"), QStringLiteral("-e"),
                          QStringLiteral("pipy().listen(8080).serveHTTP(new Message({status: 200},'Hello, world'))")}));
    QCOMPARE(set.pods.at(1).containers.first().command,
             (QStringList{QStringLiteral("pipy"), QStringLiteral("-e"),
                          QStringLiteral("pipy().listen(8080).serveHTTP(new Message({status: 503},'Service unavailable'))")}));
    QCOMPARE(set.pods.at(1).meta.location.line, 28);

    QCOMPARE(set.gateways.size(), 1);
    const Gateway &gateway = set.gateways.first();
    QCOMPARE(gateway.meta.name, QStringLiteral("simple-fsm-gateway"));
    QCOMPARE(gateway.meta.apiVersion, QStringLiteral("gateway.networking.k8s.io/v1beta1"));
    QCOMPARE(gateway.gatewayClassName, QStringLiteral("fsm-gateway-cls"));
    QCOMPARE(gateway.listeners.size(), 1);
    QCOMPARE(gateway.listeners.first().name, QStringLiteral("http"));
    QCOMPARE(gateway.listeners.first().port, 8000);
    QCOMPARE(gateway.listeners.first().protocol, QStringLiteral("HTTP"));
    QCOMPARE(gateway.listeners.first().allowedNamespacesFrom, QStringLiteral("Same"));
    QVERIFY(!gateway.listeners.first().hasTls);

    QCOMPARE(set.httpRoutes.size(), 1);
    const HTTPRoute &route = set.httpRoutes.first();
    QCOMPARE(route.meta.name, QStringLiteral("fortio-route"));
    QCOMPARE(route.parentRefs.size(), 1);
    QCOMPARE(route.parentRefs.first().name, QStringLiteral("simple-fsm-gateway"));
    QCOMPARE(route.parentRefs.first().port, std::optional<int>(8000));
    QCOMPARE(route.parentRefs.first().kind, QStringLiteral("Gateway"));
    QCOMPARE(route.rules.size(), 1);
    QCOMPARE(route.rules.first().matches.size(), 1);
    QCOMPARE(route.rules.first().matches.first().path.type, QStringLiteral("PathPrefix"));
    QCOMPARE(route.rules.first().matches.first().path.value, QStringLiteral("/"));
    QVERIFY(!route.rules.first().matchesDefaulted);
    QCOMPARE(route.rules.first().backendRefs.size(), 1);
    const HTTPBackendRef &backend = route.rules.first().backendRefs.first();
    QCOMPARE(backend.ref.name, QStringLiteral("pipy"));
    QCOMPARE(backend.ref.kind, QStringLiteral("Service"));
    QCOMPARE(backend.ref.group, QString());
    QCOMPARE(backend.ref.port, std::optional<int>(8080));
    QCOMPARE(backend.weight, 1);

    QCOMPARE(set.sessionStickyPolicies.size(), 1);
    const SessionStickyPolicy &policy = set.sessionStickyPolicies.first();
    QCOMPARE(policy.targetRef.group, QString());
    QCOMPARE(policy.targetRef.kind, QStringLiteral("Service"));
    QCOMPARE(policy.targetRef.name, QStringLiteral("pipy"));
    QCOMPARE(policy.targetRef.namespaceName, QStringLiteral("server"));
    QCOMPARE(policy.ports.size(), 1);
    QCOMPARE(policy.ports.first().port, 8080);
    QVERIFY(policy.ports.first().config);
    QCOMPARE(policy.ports.first().config->cookieName, std::optional<QString>(QStringLiteral("_srv_id")));
    QCOMPARE(policy.ports.first().config->expires, std::optional<int>(600));
    QVERIFY(!policy.config);
    const auto effective = policy.effectiveConfig(8080);
    QVERIFY(effective);
    QCOMPARE(effective->cookieName, QStringLiteral("_srv_id"));
    QCOMPARE(effective->expires, 600);
    QVERIFY(!policy.effectiveConfig(80));

    // Every namespaced object took the namespace given like `kubectl apply -n server`.
    QCOMPARE(set.objectCount(), 6);
    for (const auto &meta : {svc.meta, set.pods.at(0).meta, set.pods.at(1).meta, gateway.meta, route.meta, policy.meta})
        QCOMPARE(meta.namespaceName, QStringLiteral("server"));
    QVERIFY(set.namespaces.isEmpty());
    QVERIFY(set.setAside.isEmpty());
}

void TestManifestLoader::sessionStickyPrecedence_data()
{
    QTest::addColumn<QByteArray>("spec");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("cookieName");
    QTest::addColumn<int>("expires");

    // Per listed port: the port's config wins field by field, then spec.config, then _srv_id / 3600.
    QTest::newRow("port config only") << QByteArray("  ports:\n  - port: 8080\n    config:\n      cookieName: a\n      expires: 10\n")
                                      << true << "a" << 10;
    QTest::newRow("port config, defaults fill the gaps") << QByteArray("  ports:\n  - port: 8080\n    config: {}\n")
                                                         << true << "_srv_id" << 3600;
    QTest::newRow("spec.config only") << QByteArray("  ports:\n  - port: 8080\n  config:\n    cookieName: b\n    expires: 20\n")
                                      << true << "b" << 20;
    QTest::newRow("spec.config with defaults") << QByteArray("  ports:\n  - port: 8080\n  config:\n    expires: 20\n")
                                               << true << "_srv_id" << 20;
    QTest::newRow("both merged field by field")
        << QByteArray("  ports:\n  - port: 8080\n    config:\n      cookieName: port-cookie\n  config:\n    cookieName: spec-cookie\n    expires: 30\n")
        << true << "port-cookie" << 30;
    QTest::newRow("both, port expires wins")
        << QByteArray("  ports:\n  - port: 8080\n    config:\n      expires: 5\n  config:\n    cookieName: spec-cookie\n    expires: 30\n")
        << true << "spec-cookie" << 5;
    QTest::newRow("neither is an error") << QByteArray("  ports:\n  - port: 8080\n") << false << "" << 0;
}

void TestManifestLoader::sessionStickyPrecedence()
{
    QFETCH(QByteArray, spec);
    QFETCH(bool, valid);
    QFETCH(QString, cookieName);
    QFETCH(int, expires);

    const QByteArray yaml = "apiVersion: gateway.flomesh.io/v1alpha1\nkind: SessionStickyPolicy\nmetadata:\n  name: p\n"
                            "spec:\n  targetRef:\n    group: \"\"\n    kind: Service\n    name: pipy\n"
                            + spec;
    const ManifestSet set = loadYaml(yaml);
    if (!valid) {
        QCOMPARE(errorCount(set.diagnostics), 1);
        QCOMPARE(set.diagnostics.first().toString(),
                 QStringLiteral("test.yaml:11:5: spec.ports[0].config: cannot be empty for port 8080 when spec.config is "
                                "absent: give this port a config or add spec.config"));
        QVERIFY(set.sessionStickyPolicies.isEmpty());
        return;
    }
    QVERIFY2(set.diagnostics.isEmpty(), qPrintable(joined(set.diagnostics)));
    QCOMPARE(set.sessionStickyPolicies.size(), 1);
    const auto effective = set.sessionStickyPolicies.first().effectiveConfig(8080);
    QVERIFY(effective);
    QCOMPARE(effective->cookieName, cookieName);
    QCOMPARE(effective->expires, expires);
    // spec.config never makes an unlisted port sticky.
    QVERIFY(!set.sessionStickyPolicies.first().effectiveConfig(9090));
}

void TestManifestLoader::conformance_data()
{
    QTest::addColumn<QString>("testFile");
    QTest::newRow("base only") << QString();
    const QDir dir(conformanceDir() + QStringLiteral("/tests"));
    const QStringList files = dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 50);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
}

void TestManifestLoader::conformance()
{
    QFETCH(QString, testFile);
    // As the suite applies them: the base manifests, then one test's manifests.
    QStringList paths{conformanceDir() + QStringLiteral("/base/manifests.yaml")};
    if (!testFile.isEmpty())
        paths.append(testFile);
    const ManifestSet set = conformanceLoader().loadPaths(paths);
    QVERIFY2(!hasErrors(set.diagnostics), qPrintable(joined(set.diagnostics)));
    QVERIFY(set.objectCount() > 0);
    for (const Diagnostic &d : set.diagnostics) {
        // Only kinds that are not simulated may be mentioned.
        QVERIFY2(d.message.contains(QStringLiteral("is not simulated; the object is set aside")), qPrintable(d.toString()));
    }
    if (!set.diagnostics.isEmpty())
        qInfo().noquote() << joined(set.diagnostics);
    for (const Gateway &gateway : set.gateways)
        QCOMPARE(gateway.gatewayClassName, QStringLiteral("gatewaylab"));
}

void TestManifestLoader::folderLoadsInNameOrder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath(QStringLiteral("b.yaml")), service("b")));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("a.yml")), service("a")));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("C.json")),
                      R"({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "c"}, "spec": {"ports": [{"port": 80}]}})"));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("notes.txt")), "not: [a manifest"));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("sub")));
    QVERIFY(writeFile(dir.filePath(QStringLiteral("sub/z.yaml")), service("z")));

    const ManifestSet set = ManifestLoader().loadPaths({dir.path()});
    QVERIFY2(set.diagnostics.isEmpty(), qPrintable(joined(set.diagnostics)));
    // Byte order puts upper case first; subfolders and other extensions are not read.
    QCOMPARE(set.files, (QStringList{dir.path() + QStringLiteral("/C.json"), dir.path() + QStringLiteral("/a.yml"),
                                     dir.path() + QStringLiteral("/b.yaml")}));
    QCOMPARE(set.services.size(), 3);
    QCOMPARE(set.services.at(0).meta.name, QStringLiteral("c"));
    QCOMPARE(set.services.at(1).meta.name, QStringLiteral("a"));
    QCOMPARE(set.services.at(2).meta.name, QStringLiteral("b"));
    QCOMPARE(set.services.at(2).meta.location.file, dir.path() + QStringLiteral("/b.yaml"));

    // A trailing slash does not double up in the file names.
    const ManifestSet again = ManifestLoader().loadPaths({dir.path() + u'/'});
    QCOMPARE(again.files.first(), dir.path() + QStringLiteral("/C.json"));

    QTemporaryDir empty;
    const ManifestSet none = ManifestLoader().loadPaths({empty.path()});
    QCOMPARE(none.diagnostics.size(), 1);
    QCOMPARE(none.diagnostics.first().toString(), empty.path() + QStringLiteral(": warning: no *.yaml, *.yml or *.json files in the folder"));
}

void TestManifestLoader::defaultNamespace()
{
    const QByteArray yaml = service("plain") + "---\n" + service("explicit").replace("  name: explicit\n", "  name: explicit\n  namespace: other\n")
                            + "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: other\n  namespace: ignored\n"
                              "---\napiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata:\n  name: cls\n"
                              "spec:\n  controllerName: example.com/x\n"
                              "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n";
    const ManifestSet set = loadYaml(yaml, QStringLiteral("server"));
    QCOMPARE(errorCount(set.diagnostics), 0);
    QCOMPARE(set.services.at(0).meta.namespaceName, QStringLiteral("server"));
    QCOMPARE(set.services.at(1).meta.namespaceName, QStringLiteral("other"));
    QCOMPARE(set.services.at(1).meta.key(), QStringLiteral("other/explicit"));
    // Cluster-scoped kinds have no namespace, whatever the YAML says.
    QCOMPARE(set.namespaces.first().meta.namespaceName, QString());
    QCOMPARE(set.gatewayClasses.first().meta.namespaceName, QString());
    QCOMPARE(set.setAside.first().namespaceName, QStringLiteral("server"));

    const ManifestSet defaulted = loadYaml(service("plain"));
    QCOMPARE(defaulted.services.first().meta.namespaceName, QStringLiteral("default"));
}

void TestManifestLoader::loadOrderIncreasesAcrossFilesAndKinds()
{
    const ManifestSet set = conformanceLoader().loadPaths(
        {conformanceDir() + QStringLiteral("/base/manifests.yaml"),
         conformanceDir() + QStringLiteral("/tests/httproute-service-types.yaml")});
    QList<ObjectMeta> metas;
    for (const auto &x : set.namespaces)
        metas.append(x.meta);
    for (const auto &x : set.services)
        metas.append(x.meta);
    for (const auto &x : set.deployments)
        metas.append(x.meta);
    for (const auto &x : set.gateways)
        metas.append(x.meta);
    for (const auto &x : set.httpRoutes)
        metas.append(x.meta);
    for (const auto &x : set.endpointSlices)
        metas.append(x.meta);
    metas.append(set.setAside);
    QCOMPARE(metas.size(), set.objectCount() + set.setAside.size());
    std::sort(metas.begin(), metas.end(), [](const ObjectMeta &a, const ObjectMeta &b) { return a.loadOrder < b.loadOrder; });
    // A permutation of 0..n-1 that follows the files, and the lines within each file.
    for (int i = 0; i < metas.size(); ++i) {
        QCOMPARE(metas.at(i).loadOrder, i);
        if (i > 0 && metas.at(i).location.file == metas.at(i - 1).location.file)
            QVERIFY(metas.at(i).location.line > metas.at(i - 1).location.line);
    }
    QCOMPARE(metas.first().kind, QStringLiteral("Namespace"));
    QCOMPARE(metas.first().name, QStringLiteral("gateway-conformance-infra"));
    QVERIFY(metas.last().location.file.endsWith(QStringLiteral("httproute-service-types.yaml")));

    // loadText continues the numbering of a set that already holds objects.
    ManifestSet grown = set;
    ManifestLoader().loadText(QStringLiteral("more.yaml"), service("more"), grown);
    QCOMPARE(grown.services.last().meta.loadOrder, int(metas.size()));
}

void TestManifestLoader::substitutionsApplyBeforeParsing()
{
    ManifestLoader::Options options;
    options.substitutions.append({QStringLiteral("{PORT}"), QStringLiteral("8080")});
    options.substitutions.append({QStringLiteral("{NAME}"), QStringLiteral("svc")});
    ManifestSet set;
    ManifestLoader(options).loadText(QStringLiteral("s.yaml"),
                                     "apiVersion: v1\nkind: Service\nmetadata:\n  name: {NAME}\nspec:\n  ports:\n  - port: {PORT}\n", set);
    QVERIFY2(set.diagnostics.isEmpty(), qPrintable(joined(set.diagnostics)));
    QCOMPARE(set.services.first().meta.name, QStringLiteral("svc"));
    QCOMPARE(set.services.first().ports.first().port, 8080);
}

void TestManifestLoader::creationTimestamp()
{
    const ManifestSet set = loadYaml(QByteArray(service("a")).replace("  name: a\n", "  name: a\n  creationTimestamp: \"2024-01-05T19:15:23Z\"\n")
                                     + "---\n"
                                     + QByteArray(service("b")).replace("  name: b\n", "  name: b\n  creationTimestamp: 2024-01-05T20:15:23+01:00\n")
                                     + "---\n" + service("c"));
    QVERIFY2(set.diagnostics.isEmpty(), qPrintable(joined(set.diagnostics)));
    const QDateTime expected(QDate(2024, 1, 5), QTime(19, 15, 23), Qt::UTC);
    QCOMPARE(set.services.at(0).meta.creationTimestamp, expected);
    QCOMPARE(set.services.at(1).meta.creationTimestamp, expected);
    QVERIFY(!set.services.at(2).meta.creationTimestamp.isValid());

    const ManifestSet bad = loadYaml(QByteArray(service("a")).replace("  name: a\n", "  name: a\n  creationTimestamp: yesterday\n"));
    QCOMPARE(bad.diagnostics.size(), 1);
    QCOMPARE(bad.diagnostics.first().toString(),
             QStringLiteral("test.yaml:5:22: metadata.creationTimestamp: expected an RFC 3339 timestamp such as "
                            "\"2024-01-05T19:15:23Z\", got \"yesterday\""));
}

void TestManifestLoader::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("milliseconds");
    const qint64 invalid = -1;
    QTest::newRow("hour") << "1h" << qint64(3600000);
    QTest::newRow("seconds") << "10s" << qint64(10000);
    QTest::newRow("milliseconds") << "500ms" << qint64(500);
    QTest::newRow("zero") << "0s" << qint64(0);
    QTest::newRow("minutes") << "5m" << qint64(300000);
    QTest::newRow("four parts") << "1h30m30s500ms" << qint64(5430500);
    QTest::newRow("leading zeros are decimal") << "00060m" << qint64(3600000);
    QTest::newRow("repeated unit sums") << "1s1s" << qint64(2000);
    QTest::newRow("five digits") << "99999ms" << qint64(99999);
    QTest::newRow("six digits") << "100000ms" << invalid;
    QTest::newRow("five parts") << "1h1m1s1ms1s" << invalid;
    QTest::newRow("fraction") << "1.5s" << invalid;
    QTest::newRow("negative") << "-1s" << invalid;
    QTest::newRow("day") << "1d" << invalid;
    QTest::newRow("microseconds") << "10us" << invalid;
    QTest::newRow("no unit") << "10" << invalid;
    QTest::newRow("no number") << "s" << invalid;
    QTest::newRow("space") << "10 s" << invalid;
    QTest::newRow("empty") << "" << invalid;
    QTest::newRow("words") << "ten seconds" << invalid;
}

void TestManifestLoader::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, milliseconds);
    const auto parsed = GatewayDuration::toMilliseconds(text);
    if (milliseconds < 0)
        QVERIFY(!parsed);
    else
        QCOMPARE(parsed, std::optional<qint64>(milliseconds));
}

void TestManifestLoader::httpRouteFields()
{
    const QByteArray yaml = R"(apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: everything
  namespace: apps
spec:
  parentRefs:
  - name: gw
    namespace: infra
    sectionName: http
    port: 80
  hostnames: ["example.com", "*.example.net"]
  rules:
  - name: first
    matches:
    - path: {type: Exact, value: /exact}
      headers:
      - {name: version, value: two}
      - {type: RegularExpression, name: color, value: "^o"}
      queryParams:
      - {name: animal, value: whale}
      method: POST
    filters:
    - type: RequestHeaderModifier
      requestHeaderModifier:
        set: [{name: X-Set, value: s}]
        add: [{name: X-Add, value: a}]
        remove: [X-Remove]
    - type: ResponseHeaderModifier
      responseHeaderModifier:
        add: [{name: X-Resp, value: r}]
    - type: RequestMirror
      requestMirror:
        backendRef: {name: mirror, port: 8080}
        fraction: {numerator: 25, denominator: 50}
    - type: CORS
      cors:
        allowOrigins: ["https://www.foo.com"]
        allowCredentials: true
        allowMethods: [GET]
        allowHeaders: [x-h]
        exposeHeaders: [x-e]
        maxAge: 3600
    - type: ExtensionRef
      extensionRef: {group: example.com, kind: Thing, name: t}
    backendRefs:
    - name: v1
      port: 8080
      weight: 70
      filters:
      - type: URLRewrite
        urlRewrite:
          hostname: rewritten.example.com
          path: {type: ReplacePrefixMatch, replacePrefixMatch: /new}
    - name: v2
      namespace: other
      port: 8081
      weight: 0
    - group: example.com
      kind: Bucket
      name: b
    timeouts:
      request: 10s
      backendRequest: 500ms
  - filters:
    - type: RequestRedirect
      requestRedirect:
        scheme: https
        hostname: example.org
        port: 8443
        statusCode: 301
        path: {type: ReplaceFullPath, replaceFullPath: /full}
    - type: RequestMirror
      requestMirror:
        backendRef: {name: mirror, port: 8080}
        percent: 20
)";
    const ManifestSet set = loadYaml(yaml);
    QVERIFY2(set.diagnostics.isEmpty(), qPrintable(joined(set.diagnostics)));
    QCOMPARE(set.httpRoutes.size(), 1);
    const HTTPRoute &route = set.httpRoutes.first();
    QCOMPARE(route.meta.namespaceName, QStringLiteral("apps"));
    QCOMPARE(route.parentRefs.first().namespaceName, QStringLiteral("infra"));
    QCOMPARE(route.parentRefs.first().sectionName, QStringLiteral("http"));
    QCOMPARE(route.parentRefs.first().port, std::optional<int>(80));
    QCOMPARE(route.parentRefs.first().group, QStringLiteral("gateway.networking.k8s.io"));
    QCOMPARE(route.parentRefs.first().location.line, 8);
    QCOMPARE(route.parentRefs.first().location.column, 5);
    QCOMPARE(route.hostnames, (QStringList{QStringLiteral("example.com"), QStringLiteral("*.example.net")}));
    QCOMPARE(route.rules.size(), 2);

    const HTTPRouteRule &rule = route.rules.first();
    QCOMPARE(rule.name, QStringLiteral("first"));
    QCOMPARE(rule.location.line, 14);
    const HTTPRouteMatch &match = rule.matches.first();
    QCOMPARE(match.path.type, QStringLiteral("Exact"));
    QCOMPARE(match.path.value, QStringLiteral("/exact"));
    QCOMPARE(match.headers.size(), 2);
    QCOMPARE(match.headers.at(0).type, QStringLiteral("Exact"));
    QCOMPARE(match.headers.at(1).type, QStringLiteral("RegularExpression"));
    QCOMPARE(match.headers.at(1).value, QStringLiteral("^o"));
    QCOMPARE(match.queryParams.first().name, QStringLiteral("animal"));
    QCOMPARE(match.method, QStringLiteral("POST"));

    QCOMPARE(rule.filters.size(), 5);
    const HTTPRouteFilter &headers = rule.filters.at(0);
    QCOMPARE(headers.type, QStringLiteral("RequestHeaderModifier"));
    QVERIFY(headers.requestHeaderModifier);
    QCOMPARE(headers.requestHeaderModifier->set.first(), (QPair<QString, QString>{QStringLiteral("X-Set"), QStringLiteral("s")}));
    QCOMPARE(headers.requestHeaderModifier->add.first(), (QPair<QString, QString>{QStringLiteral("X-Add"), QStringLiteral("a")}));
    QCOMPARE(headers.requestHeaderModifier->remove, QStringList{QStringLiteral("X-Remove")});
    QVERIFY(!headers.responseHeaderModifier);
    QCOMPARE(rule.filters.at(1).responseHeaderModifier->add.first().first, QStringLiteral("X-Resp"));
    const HTTPRequestMirrorFilter &mirror = *rule.filters.at(2).requestMirror;
    QCOMPARE(mirror.backendRef.name, QStringLiteral("mirror"));
    QCOMPARE(mirror.backendRef.port, std::optional<int>(8080));
    QCOMPARE(mirror.fractionNumerator, std::optional<int>(25));
    QCOMPARE(mirror.fractionDenominator, 50);
    QVERIFY(!mirror.percent);
    const HTTPCORSFilter &cors = *rule.filters.at(3).cors;
    QCOMPARE(cors.allowOrigins, QStringList{QStringLiteral("https://www.foo.com")});
    QVERIFY(cors.allowCredentials);
    QCOMPARE(cors.allowMethods, QStringList{QStringLiteral("GET")});
    QCOMPARE(cors.allowHeaders, QStringList{QStringLiteral("x-h")});
    QCOMPARE(cors.exposeHeaders, QStringList{QStringLiteral("x-e")});
    QCOMPARE(cors.maxAge, std::optional<int>(3600));
    const LocalObjectReference &extension = *rule.filters.at(4).extensionRef;
    QCOMPARE(extension.group, QStringLiteral("example.com"));
    QCOMPARE(extension.kind, QStringLiteral("Thing"));
    QCOMPARE(extension.name, QStringLiteral("t"));

    QCOMPARE(rule.backendRefs.size(), 3);
    QCOMPARE(rule.backendRefs.at(0).weight, 70);
    QCOMPARE(rule.backendRefs.at(0).filters.size(), 1);
    const HTTPURLRewriteFilter &rewrite = *rule.backendRefs.at(0).filters.first().urlRewrite;
    QCOMPARE(rewrite.hostname, QStringLiteral("rewritten.example.com"));
    QCOMPARE(rewrite.path->type, QStringLiteral("ReplacePrefixMatch"));
    QCOMPARE(rewrite.path->replacePrefixMatch, QStringLiteral("/new"));
    QCOMPARE(rule.backendRefs.at(1).weight, 0);
    QCOMPARE(rule.backendRefs.at(1).ref.namespaceName, QStringLiteral("other"));
    QCOMPARE(rule.backendRefs.at(2).ref.group, QStringLiteral("example.com"));
    QCOMPARE(rule.backendRefs.at(2).ref.kind, QStringLiteral("Bucket"));
    QVERIFY(!rule.backendRefs.at(2).ref.port);
    QCOMPARE(rule.timeouts.requestMs, std::optional<qint64>(10000));
    QCOMPARE(rule.timeouts.backendRequestMs, std::optional<qint64>(500));

    const HTTPRouteRule &second = route.rules.at(1);
    QVERIFY(second.matchesDefaulted);
    QCOMPARE(second.matches.size(), 1);
    QCOMPARE(second.matches.first().path.type, QStringLiteral("PathPrefix"));
    QCOMPARE(second.matches.first().path.value, QStringLiteral("/"));
    const HTTPRequestRedirectFilter &redirect = *second.filters.first().requestRedirect;
    QCOMPARE(redirect.scheme, QStringLiteral("https"));
    QCOMPARE(redirect.hostname, QStringLiteral("example.org"));
    QCOMPARE(redirect.port, std::optional<int>(8443));
    QCOMPARE(redirect.statusCode, 301);
    QCOMPARE(redirect.path->type, QStringLiteral("ReplaceFullPath"));
    QCOMPARE(redirect.path->replaceFullPath, QStringLiteral("/full"));
    QCOMPARE(second.filters.at(1).requestMirror->percent, std::optional<int>(20));
    QVERIFY(!second.timeouts.requestMs);
}

void TestManifestLoader::httpRouteDefaults()
{
    const ManifestSet set = loadYaml("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\n"
                                     "spec:\n  parentRefs: [{name: gw}]\n"
                                     "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: s\n"
                                     "spec:\n  rules:\n  - matches:\n    - headers: [{name: a, value: b}]\n    - path: {value: /p}\n"
                                     "    - path: {type: Exact}\n    backendRefs: [{name: x, port: 1}]\n");
    QVERIFY2(set.diagnostics.isEmpty(), qPrintable(joined(set.diagnostics)));
    // No rules at all: the CRD default is one rule matching everything.
    const HTTPRoute &bare = set.httpRoutes.at(0);
    QCOMPARE(bare.rules.size(), 1);
    QVERIFY(bare.rules.first().matchesDefaulted);
    QCOMPARE(bare.rules.first().matches.first().path.value, QStringLiteral("/"));
    QVERIFY(bare.rules.first().backendRefs.isEmpty());
    // A match without path, a path without type, a path without value.
    const HTTPRouteRule &rule = set.httpRoutes.at(1).rules.first();
    QVERIFY(!rule.matchesDefaulted);
    QCOMPARE(rule.matches.at(0).path.type, QStringLiteral("PathPrefix"));
    QCOMPARE(rule.matches.at(0).path.value, QStringLiteral("/"));
    QCOMPARE(rule.matches.at(1).path.type, QStringLiteral("PathPrefix"));
    QCOMPARE(rule.matches.at(1).path.value, QStringLiteral("/p"));
    QCOMPARE(rule.matches.at(2).path.type, QStringLiteral("Exact"));
    QCOMPARE(rule.matches.at(2).path.value, QStringLiteral("/"));
    QCOMPARE(rule.backendRefs.first().weight, 1);
}

void TestManifestLoader::unknownEnumValuesAreKept()
{
    // The Gateway API reports these in the route status (UnsupportedValue); loading keeps them.
    const ManifestSet set = loadYaml(R"(apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: odd
spec:
  rules:
  - matches:
    - path: {type: Glob, value: "*.png"}
      method: BREW
    filters:
    - type: Teleport
    - type: RequestRedirect
      requestRedirect: {statusCode: 418, path: {type: ReplaceMiddle}}
)");
    QVERIFY2(set.diagnostics.isEmpty(), qPrintable(joined(set.diagnostics)));
    const HTTPRouteRule &rule = set.httpRoutes.first().rules.first();
    QCOMPARE(rule.matches.first().path.type, QStringLiteral("Glob"));
    QCOMPARE(rule.matches.first().path.value, QStringLiteral("*.png"));
    QCOMPARE(rule.matches.first().method, QStringLiteral("BREW"));
    QCOMPARE(rule.filters.at(0).type, QStringLiteral("Teleport"));
    QCOMPARE(rule.filters.at(1).requestRedirect->statusCode, 418);
    QCOMPARE(rule.filters.at(1).requestRedirect->path->type, QStringLiteral("ReplaceMiddle"));
}

void TestManifestLoader::gatewayFields()
{
    const ManifestSet set = loadYaml(R"(apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: gw
spec:
  gatewayClassName: cls
  listeners:
  - name: https
    hostname: "*.example.com"
    port: 443
    protocol: HTTPS
    tls:
      certificateRefs: [{name: cert}]
    allowedRoutes:
      namespaces:
        from: Selector
        selector:
          matchLabels: {team: a}
          matchExpressions:
          - {key: env, operator: In, values: [prod, stage]}
      kinds:
      - kind: HTTPRoute
      - group: example.com
        kind: OtherRoute
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: GatewayClass
metadata:
  name: cls
spec:
  controllerName: flomesh.io/gateway-controller
)");
    QVERIFY2(set.diagnostics.isEmpty(), qPrintable(joined(set.diagnostics)));
    const Listener &listener = set.gateways.first().listeners.first();
    QCOMPARE(listener.hostname, QStringLiteral("*.example.com"));
    QCOMPARE(listener.port, 443);
    QCOMPARE(listener.protocol, QStringLiteral("HTTPS"));
    QVERIFY(listener.hasTls);
    QCOMPARE(listener.allowedNamespacesFrom, QStringLiteral("Selector"));
    QVERIFY(listener.allowedNamespacesSelector.isSet);
    QCOMPARE(listener.allowedNamespacesSelector.matchLabels.value(QStringLiteral("team")), QStringLiteral("a"));
    QCOMPARE(listener.allowedNamespacesSelector.matchExpressions.first().op, QStringLiteral("In"));
    QCOMPARE(listener.allowedNamespacesSelector.matchExpressions.first().values,
             (QStringList{QStringLiteral("prod"), QStringLiteral("stage")}));
    QCOMPARE(listener.allowedKinds.size(), 2);
    QCOMPARE(listener.allowedKinds.at(0).group, QStringLiteral("gateway.networking.k8s.io"));
    QCOMPARE(listener.allowedKinds.at(1).group, QStringLiteral("example.com"));
    QCOMPARE(listener.location.line, 8);
    QCOMPARE(set.gatewayClasses.first().controllerName, QStringLiteral("flomesh.io/gateway-controller"));
    QVERIFY(!set.gatewayClasses.first().builtIn);
}

void TestManifestLoader::serviceAndEndpointSlice()
{
    const ManifestSet set = loadYaml(R"(apiVersion: v1
kind: Service
metadata:
  name: local
spec:
  clusterIP: None
  ports:
  - name: web
    port: 80
    targetPort: http
    appProtocol: kubernetes.io/h2c
  - name: other
    port: 81
    protocol: UDP
---
apiVersion: v1
kind: Service
metadata:
  name: outside
spec:
  type: ExternalName
  externalName: example.com
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: local-1
  labels:
    kubernetes.io/service-name: local
addressType: IPv4
ports:
- name: web
  port: 8080
endpoints:
- addresses: ["127.0.0.1"]
  conditions: {ready: false}
  targetRef: {kind: Pod, name: local-pod}
- addresses: ["127.0.0.2"]
)");
    QVERIFY2(set.diagnostics.isEmpty(), qPrintable(joined(set.diagnostics)));
    const Service &local = set.services.at(0);
    QCOMPARE(local.clusterIP, QStringLiteral("None"));
    QVERIFY(!local.hasSelector);
    QCOMPARE(local.ports.at(0).targetPortName, QStringLiteral("http"));
    QCOMPARE(local.ports.at(0).targetPortNumber, 0);
    QCOMPARE(local.ports.at(0).appProtocol, QStringLiteral("kubernetes.io/h2c"));
    QCOMPARE(local.ports.at(1).effectiveTargetPortNumber(), 81);
    QCOMPARE(local.ports.at(1).protocol, QStringLiteral("UDP"));
    QVERIFY(local.findPort(81));
    QCOMPARE(set.services.at(1).type, QStringLiteral("ExternalName"));
    QCOMPARE(set.services.at(1).externalName, QStringLiteral("example.com"));

    const EndpointSlice &slice = set.endpointSlices.first();
    QCOMPARE(slice.serviceName, QStringLiteral("local"));
    QCOMPARE(slice.addressType, QStringLiteral("IPv4"));
    QCOMPARE(slice.ports.first().port, 8080);
    QCOMPARE(slice.endpoints.size(), 2);
    QCOMPARE(slice.endpoints.at(0).addresses, QStringList{QStringLiteral("127.0.0.1")});
    QVERIFY(!slice.endpoints.at(0).ready);
    QCOMPARE(slice.endpoints.at(0).targetPodName, QStringLiteral("local-pod"));
    QVERIFY(slice.endpoints.at(1).ready);
    QCOMPARE(slice.endpoints.at(1).location.line, 38);
}

void TestManifestLoader::deploymentAndPod()
{
    const ManifestSet set = loadYaml(R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web, tier: front}
    spec:
      containers:
      - name: echo
        image: echo:1
        args: ["-port", "3000"]
        ports: [{containerPort: 3000, name: http}]
        env:
        - {name: POD_NAME, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
        - {name: MODE, value: "1"}
---
apiVersion: v1
kind: Pod
metadata:
  name: pinned
spec:
  containers: [{name: c, image: i}]
status:
  podIP: 10.42.0.16
  phase: Running
)");
    QVERIFY2(set.diagnostics.isEmpty(), qPrintable(joined(set.diagnostics)));
    const Deployment &deployment = set.deployments.first();
    QCOMPARE(deployment.replicas, 1);
    QVERIFY(deployment.selector.isSet);
    QCOMPARE(deployment.templateLabels.value(QStringLiteral("tier")), QStringLiteral("front"));
    const Container &container = deployment.containers.first();
    QCOMPARE(container.args, (QStringList{QStringLiteral("-port"), QStringLiteral("3000")}));
    QCOMPARE(container.ports.first().containerPort, 3000);
    QCOMPARE(container.ports.first().name, QStringLiteral("http"));
    QCOMPARE(container.env.at(0).fieldRef, QStringLiteral("metadata.name"));
    QCOMPARE(container.env.at(1).value, QStringLiteral("1"));
    QCOMPARE(container.location.line, 13);
    QCOMPARE(set.pods.first().podIP, QStringLiteral("10.42.0.16"));
    QCOMPARE(set.pods.first().ownerDeployment, QString());
}

void TestManifestLoader::referenceGrant()
{
    const ManifestSet set = loadYaml(R"(apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata:
  name: grant
  namespace: backends
spec:
  from:
  - {group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: apps}
  to:
  - {group: "", kind: Service}
  - {group: "", kind: Service, name: one}
)");
    QVERIFY2(set.diagnostics.isEmpty(), qPrintable(joined(set.diagnostics)));
    const ReferenceGrant &grant = set.referenceGrants.first();
    QCOMPARE(grant.from.first().namespaceName, QStringLiteral("apps"));
    QCOMPARE(grant.to.at(0).group, QString());
    QCOMPARE(grant.to.at(0).name, QString());
    QCOMPARE(grant.to.at(1).name, QStringLiteral("one"));
}

void TestManifestLoader::listKind()
{
    const ManifestSet set = loadYaml("apiVersion: v1\nkind: List\nitems:\n"
                                     "- {apiVersion: v1, kind: Service, metadata: {name: a}, spec: {ports: [{port: 1}]}}\n"
                                     "- {apiVersion: v1, kind: Service, metadata: {name: b}, spec: {ports: [{port: eighty}]}}\n");
    QCOMPARE(set.services.size(), 1);
    QCOMPARE(set.diagnostics.size(), 1);
    QCOMPARE(set.diagnostics.first().toString(),
             QStringLiteral("test.yaml:5:78: items[1].spec.ports[0].port: expected an integer 1-65535, got \"eighty\""));
}

void TestManifestLoader::mergeKeys()
{
    const ManifestSet set = loadYaml(R"(apiVersion: v1
kind: Service
metadata:
  name: merged
spec:
  ports:
  - &common
    name: first
    port: 80
    protocol: TCP
  - <<: *common
    port: 81
    name: second
)");
    QVERIFY2(set.diagnostics.isEmpty(), qPrintable(joined(set.diagnostics)));
    const Service &svc = set.services.first();
    QCOMPARE(svc.ports.at(1).port, 81);
    QCOMPARE(svc.ports.at(1).protocol, QStringLiteral("TCP"));
}

void TestManifestLoader::brokenDocumentDoesNotHideOthers()
{
    const ManifestSet set = loadYaml(service("before") + "---\nkind: [unclosed\n---\n" + service("after"));
    QCOMPARE(set.services.size(), 2);
    QCOMPARE(errorCount(set.diagnostics), 1);
    // Reported at the end of the broken document, not on the next document's `---`.
    QCOMPARE(set.diagnostics.first().toString(), QStringLiteral("test.yaml:9:16: invalid YAML: end of sequence flow not found"));
}

void TestManifestLoader::lineEndingsAndDirectives()
{
    // CRLF files keep their line numbers; directives and `...` end markers do not confuse the
    // split into documents; a document may start on its `---` line.
    const ManifestSet set = loadYaml("apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: crlf\r\nspec:\r\n  ports:\r\n"
                                     "  - port: eighty\r\n---\r\n%YAML 1.2\n---\n"
                                     "apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 1}]}\n...\n"
                                     "%YAML 1.2\n--- {apiVersion: v1, kind: Service, metadata: {name: b}, spec: {ports: [{port: 2}]}}\n");
    QCOMPARE(joined(set.diagnostics), QStringLiteral("test.yaml:7:11: spec.ports[0].port: expected an integer 1-65535, got \"eighty\""));
    QCOMPARE(set.services.size(), 2);
    QCOMPARE(set.services.at(0).meta.location.line, 12);
    QCOMPARE(set.services.at(1).meta.location.line, 17);
}

void TestManifestLoader::unreadableFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("secret.yaml"));
    QVERIFY(writeFile(path, service("s")));
    QVERIFY(QFile::setPermissions(path, QFileDevice::Permissions()));
    QFile probe(path);
    if (probe.open(QIODevice::ReadOnly))
        QSKIP("running with privileges that ignore file permissions");
    const ManifestSet set = ManifestLoader().loadPaths({path});
    QCOMPARE(set.diagnostics.size(), 1);
    QCOMPARE(set.diagnostics.first().toString(), path + QStringLiteral(": cannot read the file: permission denied"));
    QVERIFY(set.files.isEmpty());
}

void TestManifestLoader::robustness_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("expectErrors");
    QTest::newRow("deep flow nesting") << ("a: " + QByteArray(100000, '[')) << true;
    QTest::newRow("deep block nesting") << [] {
        QByteArray text;
        for (int i = 0; i < 3000; ++i)
            text += QByteArray(i, ' ') + "k:\n";
        return text;
    }() << true;
    QTest::newRow("huge number") << service("n").replace("port: 80", "port: 123456789012345678901234567890") << true;
    QTest::newRow("negative huge") << service("n").replace("port: 80", "port: -9223372036854775809") << true;
    QTest::newRow("billion laughs") << [] {
        QByteArray text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\n  labels: &l0 {a: b}\ndata:\n";
        for (int i = 1; i < 40; ++i)
            text += "  k" + QByteArray::number(i) + ": &l" + QByteArray::number(i) + " [*l" + QByteArray::number(i - 1) + ", *l"
                    + QByteArray::number(i - 1) + "]\n";
        return text;
    }() << false;
    QTest::newRow("self-referencing alias") << QByteArray("apiVersion: v1\nkind: Service\nmetadata: &m\n  name: x\n  labels: *m\n") << true;
    QTest::newRow("recursive merge") << QByteArray("apiVersion: v1\nkind: Service\nmetadata: &m\n  <<: *m\n  name: x\nspec: {ports: [{port: 1}]}\n")
                                     << false;
    QTest::newRow("undefined alias") << QByteArray("a: *nowhere\n") << true;
    QTest::newRow("only markers") << QByteArray("---\n---\n...\n---\n") << false;
    QTest::newRow("scalar document") << QByteArray("just text\n") << true;
    QTest::newRow("null bytes") << QByteArray("kind: Service\n\0\0\0", 17) << true;
    QTest::newRow("long line") << QByteArray(2000000, 'x') << true;
    QTest::newRow("many documents") << service("a").repeated(1).append(QByteArray("---\n{}\n").repeated(5000)) << true;
}

void TestManifestLoader::robustness()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, expectErrors);
    const ManifestSet set = loadYaml(input);
    QCOMPARE(hasErrors(set.diagnostics), expectErrors);
    for (const Diagnostic &d : set.diagnostics) {
        QVERIFY(!d.message.isEmpty());
        QVERIFY(d.location.line >= 0);
    }
}

void TestManifestLoader::mutatedSeedNeverCrashes()
{
    // Seeded, so a failure can be replayed: byte flips, cuts and splices of the seed manifests.
    QByteArray seed;
    for (const char *name : {"01-backends.yaml", "02-gateway-route.yaml", "03-session-sticky-policy.yaml"}) {
        QFile file(test::sharedDir() + QStringLiteral("/seed/") + QString::fromLatin1(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        seed += file.readAll() + "\n---\n";
    }
    QRandomGenerator random(20240105);
    const QByteArray alphabet = " \t\n:-[]{}\"'&*!|>#%@`,?0123456789abcxyz\\";
    for (int round = 0; round < 400; ++round) {
        QByteArray text = seed;
        const int edits = 1 + int(random.bounded(8));
        for (int e = 0; e < edits && !text.isEmpty(); ++e) {
            const qsizetype at = qsizetype(random.bounded(quint32(text.size())));
            switch (random.bounded(4)) {
            case 0:
                text[at] = alphabet.at(qsizetype(random.bounded(quint32(alphabet.size()))));
                break;
            case 1:
                text.remove(at, qsizetype(random.bounded(20)));
                break;
            case 2:
                text.insert(at, text.mid(qsizetype(random.bounded(quint32(text.size()))), 30));
                break;
            default:
                text.insert(at, alphabet.at(qsizetype(random.bounded(quint32(alphabet.size())))));
                break;
            }
        }
        const ManifestSet set = loadYaml(text);
        for (const Diagnostic &d : set.diagnostics)
            QVERIFY2(!d.message.isEmpty(), qPrintable(QString::fromUtf8(text)));
    }
}

QTEST_GUILESS_MAIN(TestManifestLoader)
#include "tst_manifestloader.moc"
