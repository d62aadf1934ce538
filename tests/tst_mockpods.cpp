#include "http/httpresponseparser.h"
#include "mock/echoresponder.h"
#include "mock/mockbehaviour.h"
#include "mock/mockpodhost.h"
#include "testpaths.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <optional>

using namespace gw;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 5000;

struct Reply
{
    HttpResponse response;
    QByteArray raw;             // every byte received, for exact comparisons
    qint64 elapsedMs = 0;       // from the request's write to the complete answer
};

// A blocking client: the pods run on the host's own thread, so the test thread may wait on its socket.
std::optional<Reply> fetch(quint16 port, const QByteArray &request, const QByteArray &method = "GET")
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(kWaitMs))
        return std::nullopt;
    Reply reply;
    QElapsedTimer timer;
    timer.start();
    socket.write(request);
    HttpResponseParser parser;
    parser.setRequestMethod(method);
    QByteArray buffer;
    while (socket.waitForReadyRead(kWaitMs)) {
        const QByteArray bytes = socket.readAll();
        reply.raw += bytes;
        buffer += bytes;
        if (parser.parse(buffer) == HttpResponseParser::Result::Complete) {
            reply.elapsedMs = timer.elapsed();
            reply.response = parser.takeResponse();
            return reply;
        }
    }
    return std::nullopt;
}

QByteArray get(const QByteArray &target, const QByteArray &extraHeaders = {})
{
    return "GET " + target + " HTTP/1.1\r\nHost: backend.example\r\n" + extraHeaders + "\r\n";
}

Container pipyContainer(const QStringList &command, const QStringList &args = {})
{
    Container container;
    container.name = u"pipy"_s;
    container.image = u"flomesh/pipy:0.99.0-2"_s;
    container.command = command;
    container.args = args;
    container.location = SourceLocation{u"01-backends.yaml"_s, 22, 5};
    return container;
}

Container imageContainer(const QString &image)
{
    Container container;
    container.name = u"app"_s;
    container.image = image;
    container.location = SourceLocation{u"pods.yaml"_s, 9, 7};
    return container;
}

MockPod makePod(const QString &ns, const QString &name, const QString &ip, int port, const Container &container)
{
    Diagnostics diagnostics;
    MockPod pod;
    pod.namespaceName = ns;
    pod.podName = name;
    pod.podIP = ip;
    pod.containerPort = port;
    pod.behaviour = MockBehaviour::fromContainer(container, u"spec.containers[0]"_s, diagnostics);
    return pod;
}

// The `command:` lists of the seed's Pods, read from the file itself so the test follows the seed.
// They are YAML flow sequences of double-quoted strings, which JSON reads as well.
QList<QStringList> seedCommands()
{
    QFile file(test::sharedDir() + u"/seed/01-backends.yaml"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QStringList> commands;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const QByteArray trimmed = line.trimmed();
        if (!trimmed.startsWith("command:"))
            continue;
        const QJsonArray array = QJsonDocument::fromJson(trimmed.sliced(8).trimmed()).array();
        QStringList command;
        for (const QJsonValue &value : array)
            command.append(value.toString());
        commands.append(command);
    }
    return commands;
}

} // namespace

class TestMockPods final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pipyScripts_data();
    void pipyScripts();
    void malformedPipyScripts_data();
    void malformedPipyScripts();
    void images_data();
    void images();
    void goDurations_data();
    void goDurations();
    void echoJsonShape();

    void seedPodsAnswerExactly();
    void echoOverSockets();
    void echoSetHeader();
    void echoDelay();
    void headRequestToPipyPod();
    void stopAndStartPod();
    void slowPod();
    void setPodsKeepsUnchangedServers();

private:
    MockPod echoPod() const
    {
        return makePod(u"gateway-conformance-infra"_s, u"infra-backend-v1-7d9c6b-x1"_s, u"10.0.0.5"_s, 3000,
                       imageContainer(u"registry.k8s.io/gateway-api/conformance/echo-basic:v0.1.0"_s));
    }
};

void TestMockPods::pipyScripts_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("port");
    QTest::addColumn<int>("status");
    QTest::addColumn<HttpHeaders>("headers");
    QTest::addColumn<QByteArray>("body");

    auto inCommand = [](const QString &script) { return QStringList{u"pipy"_s, u"-e"_s, script}; };
    HttpHeaders twoHeaders;
    twoHeaders.append("content-type", "text/plain");
    twoHeaders.append("x-a", "b");

    QTest::addRow("seed pipy-1, single quotes")
        << inCommand(u"pipy().listen(8080).serveHTTP(new Message({status: 200},'Hello, world'))"_s) << QStringList()
        << 8080 << 200 << HttpHeaders() << QByteArray("Hello, world");
    QTest::addRow("seed pipy-2")
        << inCommand(u"pipy().listen(8080).serveHTTP(new Message({status: 503},'Service unavailable'))"_s) << QStringList()
        << 8080 << 503 << HttpHeaders() << QByteArray("Service unavailable");
    QTest::addRow("double quotes")
        << inCommand(u"pipy().listen(8081).serveHTTP(new Message({status: 404}, \"Not here\"))"_s) << QStringList()
        << 8081 << 404 << HttpHeaders() << QByteArray("Not here");
    QTest::addRow("headers in both quote styles")
        << inCommand(u"pipy().listen(80).serveHTTP(new Message({status: 201, headers: {'content-type': 'text/plain', \"x-a\": \"b\"}}, 'made'))"_s)
        << QStringList() << 80 << 201 << twoHeaders << QByteArray("made");
    QTest::addRow("status only")
        << inCommand(u"pipy().listen(8080).serveHTTP(new Message({status: 204}))"_s) << QStringList() << 8080 << 204 << HttpHeaders() << QByteArray();
    QTest::addRow("body only")
        << inCommand(u"pipy().listen(8080).serveHTTP(new Message('just a body'))"_s) << QStringList()
        << 8080 << 200 << HttpHeaders() << QByteArray("just a body");
    QTest::addRow("head without status")
        << inCommand(u"pipy().listen(8080).serveHTTP(new Message({headers: {'x-a': 'b'}}, 'x'))"_s) << QStringList()
        << 8080 << 200 << [] { HttpHeaders h; h.append("x-a", "b"); return h; }() << QByteArray("x");
    QTest::addRow("empty message") << inCommand(u"pipy().listen(8080).serveHTTP(new Message())"_s) << QStringList()
                                   << 8080 << 200 << HttpHeaders() << QByteArray();
    QTest::addRow("whitespace everywhere")
        << inCommand(u"  pipy ( )\n  .listen ( 8080 )\n  .serveHTTP (\n    new Message ( { status : 200 , } , 'x' )\n  ) ;  "_s)
        << QStringList() << 8080 << 200 << HttpHeaders() << QByteArray("x");
    QTest::addRow("script in args") << QStringList{u"pipy"_s}
                                    << QStringList{u"-e"_s, u"pipy().listen(9000).serveHTTP(new Message({status: 200}, 'a'))"_s}
                                    << 9000 << 200 << HttpHeaders() << QByteArray("a");
    QTest::addRow("--eval in args, no command") << QStringList()
                                                << QStringList{u"--eval"_s, u"pipy().listen(9000).serveHTTP(new Message('b'))"_s}
                                                << 9000 << 200 << HttpHeaders() << QByteArray("b");
    QTest::addRow("--eval=script") << QStringList{u"pipy"_s, u"--eval=pipy().listen(9001).serveHTTP(new Message('c'))"_s}
                                   << QStringList() << 9001 << 200 << HttpHeaders() << QByteArray("c");
    QTest::addRow("arrow function")
        << inCommand(u"pipy().listen(8080).serveHTTP(() => new Message({status: 202}, 'later'))"_s) << QStringList()
        << 8080 << 202 << HttpHeaders() << QByteArray("later");
    QTest::addRow("escapes and UTF-8")
        << inCommand(u"pipy().listen(8080).serveHTTP(new Message('it\\'s \\\"ok\\\"\\n caf\u00e9'))"_s) << QStringList()
        << 8080 << 200 << HttpHeaders() << QByteArray("it's \"ok\"\n caf\xc3\xa9");
    QTest::addRow("listen on an address string")
        << inCommand(u"pipy().listen('0.0.0.0:9090').serveHTTP(new Message('d'))"_s) << QStringList()
        << 9090 << 200 << HttpHeaders() << QByteArray("d");
    QTest::addRow("numeric header value")
        << inCommand(u"pipy().listen(8080).serveHTTP(new Message({status: 200, headers: {'x-n': 42}}, ''))"_s) << QStringList()
        << 8080 << 200 << [] { HttpHeaders h; h.append("x-n", "42"); return h; }() << QByteArray();
}

void TestMockPods::pipyScripts()
{
    QFETCH(QStringList, command);
    QFETCH(QStringList, args);
    QFETCH(int, port);
    QFETCH(int, status);
    QFETCH(HttpHeaders, headers);
    QFETCH(QByteArray, body);

    Diagnostics diagnostics;
    const MockBehaviour behaviour = MockBehaviour::fromContainer(pipyContainer(command, args), u"spec.containers[0]"_s, diagnostics);
    QVERIFY2(diagnostics.isEmpty(), qPrintable(diagnostics.value(0).toString()));
    QCOMPARE(behaviour.kind, MockBehaviour::Kind::StaticResponse);
    QVERIFY(behaviour.imageRecognised);
    QCOMPARE(behaviour.listenPort, port);
    QCOMPARE(behaviour.status, status);
    QCOMPARE(behaviour.headers, headers);
    QCOMPARE(behaviour.body, body);
}

void TestMockPods::malformedPipyScripts_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("messagePart");

    auto inCommand = [](const QString &script) { return QStringList{u"pipy"_s, u"-e"_s, script}; };
    QTest::addRow("no serveHTTP") << inCommand(u"pipy().listen(8080)"_s) << QStringList() << u"spec.containers[0].command"_s
                                  << u"expected '.serveHTTP(new Message(...))' at column 20, found the end of the script"_s;
    QTest::addRow("unterminated string")
        << inCommand(u"pipy().listen(8080).serveHTTP(new Message({status: 200}, 'Hello))"_s) << QStringList()
        << u"spec.containers[0].command"_s << u"expected a string closed by ' at column 58"_s;
    QTest::addRow("unsupported chain call")
        << inCommand(u"pipy().listen(8080).dump().serveHTTP(new Message('x'))"_s) << QStringList()
        << u"spec.containers[0].command"_s << u"expected 'serveHTTP(new Message(...))' at column 21, found \"dump()"_s;
    QTest::addRow("status not a number")
        << inCommand(u"pipy().listen(8080).serveHTTP(new Message({status: 'ok'}, 'x'))"_s) << QStringList()
        << u"spec.containers[0].command"_s << u"expected a status code 100-999 at column 52"_s;
    QTest::addRow("unknown head key")
        << inCommand(u"pipy().listen(8080).serveHTTP(new Message({code: 200}, 'x'))"_s) << QStringList()
        << u"spec.containers[0].command"_s << u"expected status, statusText or headers at column 44"_s;
    QTest::addRow("template substitution")
        << inCommand(u"pipy().listen(8080).serveHTTP(new Message(`${1}`))"_s) << QStringList()
        << u"spec.containers[0].command"_s << u"template substitutions are not simulated"_s;
    QTest::addRow("port out of range") << inCommand(u"pipy().listen(70000).serveHTTP(new Message('x'))"_s) << QStringList()
                                       << u"spec.containers[0].command"_s << u"expected a port number 1-65535 at column 15"_s;
    QTest::addRow("not a one-liner") << QStringList{u"pipy"_s, u"/etc/pipy/main.js"_s} << QStringList()
                                     << u"spec.containers[0].command"_s << u"found no -e script"_s;
    QTest::addRow("malformed in args") << QStringList{u"pipy"_s} << QStringList{u"-e"_s, u"pipy().listen(8080).serveHTTP("_s}
                                       << u"spec.containers[0].args"_s << u"expected 'new Message(...)' at column 31, found the end of the script"_s;
}

void TestMockPods::malformedPipyScripts()
{
    QFETCH(QStringList, command);
    QFETCH(QStringList, args);
    QFETCH(QString, field);
    QFETCH(QString, messagePart);

    Diagnostics diagnostics;
    const Container container = pipyContainer(command, args);
    MockBehaviour::fromContainer(container, u"spec.containers[0]"_s, diagnostics);
    QCOMPARE(diagnostics.size(), 1);
    const Diagnostic &diagnostic = diagnostics.first();
    QVERIFY(diagnostic.isError());
    QCOMPARE(diagnostic.location, container.location);
    QCOMPARE(diagnostic.fieldPath, field);
    QVERIFY2(diagnostic.message.contains(messagePart), qPrintable(diagnostic.message));
    QVERIFY2(diagnostic.message.contains(u"pipy().listen(8080).serveHTTP(new Message"_s), qPrintable(diagnostic.message));
    QVERIFY(diagnostic.toString().startsWith(u"01-backends.yaml:22:5: "_s + field + u": expected"_s));
}

void TestMockPods::images_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<bool>("recognised");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("description");

    QTest::addRow("conformance echo-basic") << u"registry.k8s.io/gateway-api/conformance/echo-basic:v0.1.0"_s << true << 3000 << u"echo-basic"_s;
    QTest::addRow("staging echo-basic") << u"gcr.io/k8s-staging-gateway-api/echo-basic:v20231214-v1.0.0-140-gf544a46e"_s << true << 3000
                                        << u"echo-basic"_s;
    QTest::addRow("echoserver") << u"gcr.io/k8s-staging-ingressconformance/echoserver:v20221109-7ee2f3e"_s << true << 3000 << u"echo-basic"_s;
    QTest::addRow("nginx") << u"nginx:1.25"_s << false << 3000 << u"echo (image nginx:1.25 is not simulated)"_s;
    QTest::addRow("registry with port") << u"localhost:5000/team/api@sha256:abcd"_s << false << 3000
                                        << u"echo (image localhost:5000/team/api@sha256:abcd is not simulated)"_s;
}

void TestMockPods::images()
{
    QFETCH(QString, image);
    QFETCH(bool, recognised);
    QFETCH(int, port);
    QFETCH(QString, description);

    Diagnostics diagnostics;
    const Container container = imageContainer(image);
    const MockBehaviour behaviour = MockBehaviour::fromContainer(container, u"spec.template.spec.containers[1]"_s, diagnostics);
    QCOMPARE(behaviour.kind, MockBehaviour::Kind::Echo);
    QCOMPARE(behaviour.imageRecognised, recognised);
    QCOMPARE(behaviour.listenPort, port);
    QCOMPARE(behaviour.image, image);
    QCOMPARE(behaviour.describe(), description);
    if (recognised) {
        QVERIFY(diagnostics.isEmpty());
        return;
    }
    QCOMPARE(diagnostics.size(), 1);
    QVERIFY(!diagnostics.first().isError());
    QCOMPARE(diagnostics.first().fieldPath, u"spec.template.spec.containers[1].image"_s);
    QCOMPARE(diagnostics.first().location, container.location);
    QVERIFY(diagnostics.first().message.contains(image));
    QVERIFY(diagnostics.first().message.contains(u"answered with an echo"_s));

    Diagnostics none;
    Container seed = pipyContainer({u"pipy"_s, u"-e"_s, u"pipy().listen(8080).serveHTTP(new Message({status: 200},'Hello, world'))"_s});
    QCOMPARE(MockBehaviour::fromContainer(seed, u"spec.containers[0]"_s, none).describe(), u"pipy 200 \"Hello, world\""_s);
}

void TestMockPods::goDurations_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("nanoseconds");

    QTest::addRow("seconds") << QByteArray("1s") << true << qint64(1'000'000'000);
    QTest::addRow("milliseconds") << QByteArray("500ms") << true << qint64(500'000'000);
    QTest::addRow("fraction") << QByteArray("1.5s") << true << qint64(1'500'000'000);
    QTest::addRow("leading dot") << QByteArray(".5s") << true << qint64(500'000'000);
    QTest::addRow("compound") << QByteArray("1h2m3s") << true << qint64(3723'000'000'000);
    QTest::addRow("micro sign") << QByteArray("3\xc2\xb5s") << true << qint64(3000);
    QTest::addRow("zero") << QByteArray("0") << true << qint64(0);
    QTest::addRow("negative") << QByteArray("-2s") << true << qint64(-2'000'000'000);
    QTest::addRow("missing unit") << QByteArray("10") << false << qint64(0);
    QTest::addRow("unknown unit") << QByteArray("3days") << false << qint64(0);
    QTest::addRow("empty") << QByteArray("") << false << qint64(0);
    QTest::addRow("dot only") << QByteArray(".s") << false << qint64(0);
}

void TestMockPods::goDurations()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(qint64, nanoseconds);
    qint64 parsed = -1;
    QByteArray error;
    QCOMPARE(EchoResponder::parseGoDuration(text, parsed, &error), valid);
    if (valid)
        QCOMPARE(parsed, nanoseconds);
    else
        QVERIFY(error.startsWith("time: ") && error.endsWith(QByteArray('"' + text + '"')));
}

void TestMockPods::echoJsonShape()
{
    HttpRequest request;
    request.method = "GET";
    request.target = "/a<b>?x=1";
    request.headers.append("Host", "gw.example:8080");
    request.headers.append("user-agent", "curl/8.5");
    request.headers.append("X-MULTI", "1");
    request.headers.append("x-multi", "2");
    const EchoResponder::Answer answer = EchoResponder::answer(request, u"ns"_s, u"pod-1"_s);
    QCOMPARE(answer.delayMs, 0);
    QCOMPARE(answer.response.status, 200);
    // json.MarshalIndent(v, "", " ") with sorted header names and HTML-safe escapes, as Go writes it.
    QCOMPARE(answer.response.body, QByteArray("{\n"
                                              " \"path\": \"/a\\u003cb\\u003e?x=1\",\n"
                                              " \"host\": \"gw.example:8080\",\n"
                                              " \"method\": \"GET\",\n"
                                              " \"proto\": \"HTTP/1.1\",\n"
                                              " \"headers\": {\n"
                                              "  \"User-Agent\": [\n"
                                              "   \"curl/8.5\"\n"
                                              "  ],\n"
                                              "  \"X-Multi\": [\n"
                                              "   \"1\",\n"
                                              "   \"2\"\n"
                                              "  ]\n"
                                              " },\n"
                                              " \"namespace\": \"ns\",\n"
                                              " \"ingress\": \"\",\n"
                                              " \"service\": \"\",\n"
                                              " \"pod\": \"pod-1\"\n"
                                              "}"));
    QCOMPARE(EchoResponder::canonicalHeaderKey("x-echo-SET-header"), QByteArray("X-Echo-Set-Header"));

    HttpRequest bad = request;
    bad.target = "/?delay=soon";
    const EchoResponder::Answer error = EchoResponder::answer(bad, u"ns"_s, u"pod-1"_s);
    QCOMPARE(error.response.status, 500);
    QCOMPARE(error.response.body, QByteArray("{\"message\":\"time: invalid duration \\\"soon\\\"\"}"));
}

void TestMockPods::seedPodsAnswerExactly()
{
    const QList<QStringList> commands = seedCommands();
    QCOMPARE(commands.size(), 2);
    const MockPod pipy1 = makePod(u"server"_s, u"pipy-1"_s, u"10.42.0.16"_s, 8080, pipyContainer(commands.at(0)));
    const MockPod pipy2 = makePod(u"server"_s, u"pipy-2"_s, u"10.42.0.17"_s, 8080, pipyContainer(commands.at(1)));
    QCOMPARE(pipy1.behaviour.kind, MockBehaviour::Kind::StaticResponse);

    MockPodHost host;
    QVERIFY(host.setPods({pipy1, pipy2}).isEmpty());
    const quint16 port1 = host.localPort(u"10.42.0.16:8080"_s);
    const quint16 port2 = host.localPort(u"10.42.0.17:8080"_s);
    QVERIFY(port1 != 0 && port2 != 0 && port1 != port2);

    const std::optional<Reply> hello = fetch(port1, get("/"));
    QVERIFY(hello);
    QCOMPARE(hello->raw, QByteArray("HTTP/1.1 200 OK\r\ncontent-length: 12\r\n\r\nHello, world"));
    const std::optional<Reply> unavailable = fetch(port2, get("/anything?x=1"));
    QVERIFY(unavailable);
    QCOMPARE(unavailable->raw, QByteArray("HTTP/1.1 503 Service Unavailable\r\ncontent-length: 19\r\n\r\nService unavailable"));
    QCOMPARE(unavailable->response.body, QByteArray("Service unavailable"));

    const QList<MockPodHost::Endpoint> endpoints = host.endpoints();
    QCOMPARE(endpoints.size(), 2);
    QCOMPARE(endpoints.at(0).endpointKey, u"10.42.0.16:8080"_s);
    QCOMPARE(endpoints.at(0).podKey, u"server/pipy-1"_s);
    QCOMPARE(endpoints.at(0).localPort, port1);
    QVERIFY(endpoints.at(0).running);
    QCOMPARE(endpoints.at(0).delayMs, 0);
}

void TestMockPods::echoOverSockets()
{
    MockPodHost host;
    QVERIFY(host.setPods({echoPod()}).isEmpty());
    const quint16 port = host.localPort(u"10.0.0.5:3000"_s);
    QVERIFY(port != 0);

    const std::optional<Reply> reply = fetch(port, get("/some/path?x=1&y=two", "X-Custom: a\r\nx-custom: b\r\nAccept: */*\r\n"));
    QVERIFY(reply);
    QCOMPARE(reply->response.status, 200);
    QCOMPARE(reply->response.headers.value("content-type"), QByteArray("application/json"));
    QCOMPARE(reply->response.headers.value("content-length"), QByteArray::number(reply->response.body.size()));

    QJsonParseError error;
    const QJsonObject json = QJsonDocument::fromJson(reply->response.body, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(json.value(u"path"_s).toString(), u"/some/path?x=1&y=two"_s);
    QCOMPARE(json.value(u"host"_s).toString(), u"backend.example"_s);
    QCOMPARE(json.value(u"method"_s).toString(), u"GET"_s);
    QCOMPARE(json.value(u"proto"_s).toString(), u"HTTP/1.1"_s);
    QCOMPARE(json.value(u"namespace"_s).toString(), u"gateway-conformance-infra"_s);
    QCOMPARE(json.value(u"pod"_s).toString(), u"infra-backend-v1-7d9c6b-x1"_s);
    const QJsonObject headers = json.value(u"headers"_s).toObject();
    QCOMPARE(headers.value(u"X-Custom"_s).toArray(), (QJsonArray{u"a"_s, u"b"_s}));
    QCOMPARE(headers.value(u"Accept"_s).toArray(), (QJsonArray{u"*/*"_s}));
    QVERIFY(!headers.contains(u"Host"_s));

    const std::optional<Reply> post = fetch(port, "POST /form HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc");
    QVERIFY(post);
    const QJsonObject postJson = QJsonDocument::fromJson(post->response.body).object();
    QCOMPARE(postJson.value(u"method"_s).toString(), u"POST"_s);
    QCOMPARE(postJson.value(u"headers"_s).toObject().value(u"Content-Length"_s).toArray(), (QJsonArray{u"3"_s}));
}

void TestMockPods::echoSetHeader()
{
    MockPodHost host;
    QVERIFY(host.setPods({echoPod()}).isEmpty());
    const quint16 port = host.localPort(u"10.0.0.5:3000"_s);

    const std::optional<Reply> reply = fetch(port, get("/", "X-Echo-Set-Header: X-Foo:bar, X-Baz: qux ,X-Foo:again\r\n"));
    QVERIFY(reply);
    QCOMPARE(reply->response.headers.value("X-Foo"), QByteArray("bar,again"));
    QCOMPARE(reply->response.headers.value("X-Baz"), QByteArray("qux"));

    // An empty value (what the conformance client sends when there is nothing to set) adds nothing.
    const std::optional<Reply> plain = fetch(port, get("/", "X-Echo-Set-Header: \r\n"));
    QVERIFY(plain);
    QCOMPARE(plain->response.headers.size(), 3);     // Content-Type, X-Content-Type-Options, Content-Length
}

void TestMockPods::echoDelay()
{
    MockPodHost host;
    QVERIFY(host.setPods({echoPod()}).isEmpty());
    const quint16 port = host.localPort(u"10.0.0.5:3000"_s);

    const std::optional<Reply> delayed = fetch(port, get("/?delay=200ms"));
    QVERIFY(delayed);
    QCOMPARE(delayed->response.status, 200);
    QVERIFY2(delayed->elapsedMs >= 195, qPrintable(QString::number(delayed->elapsedMs)));
    QCOMPARE(QJsonDocument::fromJson(delayed->response.body).object().value(u"path"_s).toString(), u"/?delay=200ms"_s);

    // While one answer waits, the same pod answers others at once: the delay is a timer, not a sleep.
    QTcpSocket slow;
    slow.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(slow.waitForConnected(kWaitMs));
    slow.write(get("/?delay=1s"));
    QVERIFY(slow.waitForBytesWritten(kWaitMs));
    const std::optional<Reply> quick = fetch(port, get("/quick"));
    QVERIFY(quick);
    QVERIFY2(quick->elapsedMs < 900, qPrintable(QString::number(quick->elapsedMs)));
}

void TestMockPods::headRequestToPipyPod()
{
    MockPodHost host;
    const MockPod pod = makePod(u"server"_s, u"pipy-1"_s, u"10.42.0.16"_s, 8080,
                                pipyContainer({u"pipy"_s, u"-e"_s, u"pipy().listen(8080).serveHTTP(new Message({status: 200},'Hello, world'))"_s}));
    QVERIFY(host.setPods({pod}).isEmpty());
    const std::optional<Reply> reply = fetch(host.localPort(pod.endpointKey()), "HEAD / HTTP/1.1\r\nHost: h\r\n\r\n", "HEAD");
    QVERIFY(reply);
    QCOMPARE(reply->raw, QByteArray("HTTP/1.1 200 OK\r\ncontent-length: 12\r\n\r\n"));
}

void TestMockPods::stopAndStartPod()
{
    MockPodHost host;
    QSignalSpy changed(&host, &MockPodHost::podStateChanged);
    const MockPod pod = echoPod();
    QVERIFY(host.setPods({pod}).isEmpty());
    const quint16 port = host.localPort(pod.endpointKey());

    // A kept-alive connection that is open when the pod stops is closed too.
    QTcpSocket open;
    open.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(open.waitForConnected(kWaitMs));
    open.write(get("/first"));
    QVERIFY(open.waitForReadyRead(kWaitMs));
    open.readAll();

    changed.clear();
    QVERIFY(host.stopPod(pod.podKey()));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().toString(), pod.podKey());
    QCOMPARE(host.localPort(pod.endpointKey()), quint16(0));
    QVERIFY(!host.endpoints().first().running);
    if (open.state() == QAbstractSocket::ConnectedState)
        QVERIFY(open.waitForDisconnected(kWaitMs));

    QTcpSocket refused;
    refused.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!refused.waitForConnected(kWaitMs));
    QCOMPARE(refused.error(), QAbstractSocket::ConnectionRefusedError);

    QVERIFY(host.startPod(pod.podKey()));
    QCOMPARE(host.localPort(pod.endpointKey()), port);
    const std::optional<Reply> again = fetch(port, get("/again"));
    QVERIFY(again);
    QCOMPARE(again->response.status, 200);

    QVERIFY(!host.stopPod(u"server/unknown"_s));
    QVERIFY(!host.startPod(u"server/unknown"_s));
}

void TestMockPods::slowPod()
{
    MockPodHost host;
    const MockPod pod = makePod(u"server"_s, u"pipy-2"_s, u"10.42.0.17"_s, 8080,
                                pipyContainer({u"pipy"_s, u"-e"_s, u"pipy().listen(8080).serveHTTP(new Message({status: 503},'Service unavailable'))"_s}));
    QVERIFY(host.setPods({pod}).isEmpty());
    const quint16 port = host.localPort(pod.endpointKey());

    QVERIFY(host.slowPod(pod.podKey(), 300));
    QCOMPARE(host.endpoints().first().delayMs, 300);
    const std::optional<Reply> slow = fetch(port, get("/"));
    QVERIFY(slow);
    QCOMPARE(slow->response.status, 503);
    QVERIFY2(slow->elapsedMs >= 295, qPrintable(QString::number(slow->elapsedMs)));

    QVERIFY(host.slowPod(pod.podKey(), 0));
    const std::optional<Reply> fast = fetch(port, get("/"));
    QVERIFY(fast);
    QVERIFY2(fast->elapsedMs < 295, qPrintable(QString::number(fast->elapsedMs)));
}

void TestMockPods::setPodsKeepsUnchangedServers()
{
    MockPodHost host;
    const MockPod echo = echoPod();
    MockPod pipy = makePod(u"server"_s, u"pipy-1"_s, u"10.42.0.16"_s, 8080,
                           pipyContainer({u"pipy"_s, u"-e"_s, u"pipy().listen(8080).serveHTTP(new Message('one'))"_s}));
    QVERIFY(host.setPods({echo, pipy}).isEmpty());
    const quint16 echoPort = host.localPort(echo.endpointKey());
    QVERIFY(host.slowPod(echo.podKey(), 5));

    // Reload with the echo pod unchanged and the pipy pod's answer changed.
    pipy = makePod(u"server"_s, u"pipy-1"_s, u"10.42.0.16"_s, 8080,
                   pipyContainer({u"pipy"_s, u"-e"_s, u"pipy().listen(8080).serveHTTP(new Message('two'))"_s}));
    QVERIFY(host.setPods({echo, pipy}).isEmpty());
    QCOMPARE(host.localPort(echo.endpointKey()), echoPort);
    QCOMPARE(host.endpoints().at(0).delayMs, 5);     // state kept with the server
    const std::optional<Reply> two = fetch(host.localPort(pipy.endpointKey()), get("/"));
    QVERIFY(two);
    QCOMPARE(two->response.body, QByteArray("two"));

    // Two pods claiming one endpoint: the second is reported, not served.
    MockPod twin = pipy;
    twin.podName = u"pipy-twin"_s;
    const QStringList errors = host.setPods({pipy, twin});
    QCOMPARE(errors.size(), 1);
    QVERIFY(errors.first().contains(u"server/pipy-twin"_s));
    QCOMPARE(host.endpoints().size(), 1);
    QCOMPARE(host.localPort(echo.endpointKey()), quint16(0));

    QVERIFY(host.setPods({}).isEmpty());
    QVERIFY(host.endpoints().isEmpty());
}

QTEST_GUILESS_MAIN(TestMockPods)
#include "tst_mockpods.moc"
