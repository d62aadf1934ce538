#include "client/simulatedclient.h"
#include "labfixture.h"
#include "testpaths.h"

#include <QDeadlineTimer>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <memory>
#include <optional>

using namespace gw;
using namespace gw::test;

// The simulated client against the running tutorial lab, over real sockets.
class TestSimulatedClient final : public QObject
{
    Q_OBJECT

private:
    static QString sample(const QString &file) { return samplePath(QStringLiteral("session-sticky/") + file); }
    static Simulation::Options serverNamespace()
    {
        Simulation::Options options;
        options.defaultNamespace = QStringLiteral("server");
        return options;
    }
    static ClientRequest requestTo(const Simulation::ListenerAddress &listener)
    {
        ClientRequest request;
        request.connectHost = listener.address;
        request.connectPort = listener.port;
        request.timeoutMs = 10'000;
        return request;
    }
    // Waits on the event loop (not a sleep) until the callback delivered; an empty result on timeout.
    static std::optional<ClientResult> exchange(SimulatedClient &client, const ClientRequest &request, int timeoutMs = 15'000)
    {
        std::optional<ClientResult> result;
        client.send(request, [&result](ClientResult &&r) { result = std::move(r); });
        const QDeadlineTimer deadline(timeoutMs);
        while (!result && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        return result;
    }
    // Sends `second` from the callback of `first`, as a load run does, and waits for both answers.
    static QList<ClientResult> exchangeBackToBack(SimulatedClient &client, const ClientRequest &first, const ClientRequest &second)
    {
        QList<ClientResult> results;
        client.send(first, [&](ClientResult &&result) {
            results.append(std::move(result));
            client.send(second, [&results](ClientResult &&next) { results.append(std::move(next)); });
        });
        const QDeadlineTimer deadline(15'000);
        while (results.size() < 2 && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        return results;
    }
    // The pod a client result reached, from the gateway's flow log: the join every report uses.
    static QString podOf(Simulation &simulation, const ClientResult &result)
    {
        const QList<FlowRecord> records = simulation.flowLog().allRecords();
        for (auto it = records.crbegin(); it != records.crend(); ++it) {
            if (it->clientPort == result.localPort && it->requestOnConnection == result.requestOnConnection)
                return it->podKey;
        }
        return {};
    }

    static ClientRequest localRequest(const QTcpServer &server)
    {
        ClientRequest request;
        request.connectHost = "127.0.0.1";
        request.connectPort = server.serverPort();
        return request;
    }
    // Answers every complete request head on every connection with `response`, closing after it
    // when `close` is set.
    void answerEachRequest(QTcpServer &server, const QByteArray &response, bool close)
    {
        connect(&server, &QTcpServer::newConnection, this, [&server, response, close] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                auto received = std::make_shared<QByteArray>();
                connect(socket, &QTcpSocket::readyRead, socket, [socket, received, response, close] {
                    received->append(socket->readAll());
                    while (received->contains("\r\n\r\n")) {
                        received->remove(0, received->indexOf("\r\n\r\n") + 4);
                        socket->write(response);
                        if (close) {
                            socket->disconnectFromHost();
                            return;
                        }
                    }
                });
            }
        });
    }

private Q_SLOTS:
    void jarPinsToOnePod()
    {
        LabFixture lab(serverNamespace());
        QVERIFY2(lab.start({sample(QStringLiteral("01-backends.yaml")), sample(QStringLiteral("02-gateway-route.yaml")),
                            sample(QStringLiteral("03-session-sticky-policy.yaml"))}), qPrintable(lab.error()));
        const ClientRequest request = requestTo(lab.listener(QStringLiteral("server/simple-fsm-gateway"), QStringLiteral("http")));
        SimulatedClient client(QStringLiteral("alice"), lab.simulation().clock());
        // New connections every time, so only the cookie can keep the client on its pod.
        client.setConnectionPolicy(SimulatedClient::ConnectionPolicy::NewConnectionPerRequest);
        const auto first = exchange(client, request);
        QVERIFY(first);
        QVERIFY2(first->ok, qPrintable(first->error));
        QVERIFY(first->newConnection);
        QCOMPARE(first->clientName, QStringLiteral("alice"));
        QVERIFY(first->response.headers.value("set-cookie").startsWith("_srv_id="));
        QVERIFY(!first->request.headers.contains("cookie"));
        QCOMPARE(first->request.headers.value("host"), request.connectHost + ':' + QByteArray::number(request.connectPort));
        const QString pod = podOf(lab.simulation(), *first);
        QVERIFY(!pod.isEmpty());
        const QList<CookieJar::Cookie> cookies = client.cookieJar().liveCookies(lab.simulation().clock().nowMs());
        QCOMPARE(cookies.size(), 1);
        QCOMPARE(cookies.first().name, QByteArray("_srv_id"));
        // max-age=600 on the lab clock.
        QVERIFY(qAbs(cookies.first().expiresAtMs - first->startedAtMs - 600'000) < 5'000);

        for (int i = 0; i < 4; ++i) {
            const auto next = exchange(client, request);
            QVERIFY(next && next->ok);
            QVERIFY(next->newConnection);
            QCOMPARE(next->request.headers.value("cookie"), QByteArray("_srv_id=" + cookies.first().value));
            QVERIFY(!next->response.headers.contains("set-cookie"));
            QCOMPARE(podOf(lab.simulation(), *next), pod);
            QCOMPARE(next->response.body, first->response.body);
        }

        // Past max-age on the lab clock the jar drops the cookie and the gateway pins afresh.
        lab.simulation().clock().advance(601'000);
        const auto afterExpiry = exchange(client, request);
        QVERIFY(afterExpiry && afterExpiry->ok);
        QVERIFY(!afterExpiry->request.headers.contains("cookie"));
        QVERIFY(afterExpiry->response.headers.contains("set-cookie"));
    }

    void withoutJarNothingIsKept()
    {
        LabFixture lab(serverNamespace());
        QVERIFY2(lab.start({samplePath(QStringLiteral("session-sticky"))}), qPrintable(lab.error()));
        ClientRequest request = requestTo(lab.listener(QStringLiteral("server/simple-fsm-gateway"), QStringLiteral("http")));
        SimulatedClient client(QStringLiteral("curl"), lab.simulation().clock());
        client.setUsesCookieJar(false);
        for (int i = 0; i < 2; ++i) {
            const auto result = exchange(client, request);
            QVERIFY(result && result->ok);
            QVERIFY(result->response.headers.contains("set-cookie"));
            QVERIFY(!result->request.headers.contains("cookie"));
        }
        QVERIFY(client.cookieJar().isEmpty());
        // An explicit Cookie header is sent as given: the tutorial's `curl -b`.
        request.headers.append("Cookie", "_srv_id=7252425551334343");
        const auto pinned = exchange(client, request);
        QVERIFY(pinned && pinned->ok);
        QCOMPARE(pinned->response.body, QByteArray("Hello, world"));
        QVERIFY(!pinned->response.headers.contains("set-cookie"));
        QCOMPARE(podOf(lab.simulation(), *pinned), QStringLiteral("server/pipy-1"));
    }

    void newConnectionPolicyRotates()
    {
        LabFixture lab(serverNamespace());
        QVERIFY2(lab.start({sample(QStringLiteral("01-backends.yaml")), sample(QStringLiteral("02-gateway-route.yaml"))}), qPrintable(lab.error()));
        const ClientRequest request = requestTo(lab.listener(QStringLiteral("server/simple-fsm-gateway"), QStringLiteral("http")));
        SimulatedClient client(QStringLiteral("fresh"), lab.simulation().clock());
        client.setConnectionPolicy(SimulatedClient::ConnectionPolicy::NewConnectionPerRequest);
        QSet<QString> pods;
        QSet<quint16> ports;
        for (int i = 0; i < 4; ++i) {
            const auto result = exchange(client, request);
            QVERIFY(result && result->ok);
            QVERIFY(result->newConnection);
            QCOMPARE(result->requestOnConnection, 1);
            pods.insert(podOf(lab.simulation(), *result));
            ports.insert(result->localPort);
        }
        QCOMPARE(pods, (QSet<QString>{QStringLiteral("server/pipy-1"), QStringLiteral("server/pipy-2")}));
        QCOMPARE(ports.size(), 4);
    }

    void keepAliveStays()
    {
        LabFixture lab(serverNamespace());
        QVERIFY2(lab.start({sample(QStringLiteral("01-backends.yaml")), sample(QStringLiteral("02-gateway-route.yaml"))}), qPrintable(lab.error()));
        const ClientRequest request = requestTo(lab.listener(QStringLiteral("server/simple-fsm-gateway"), QStringLiteral("http")));
        SimulatedClient client(QStringLiteral("browser"), lab.simulation().clock());
        QString pod;
        quint16 port = 0;
        for (int i = 1; i <= 5; ++i) {
            const auto result = exchange(client, request);
            QVERIFY(result && result->ok);
            QCOMPARE(result->newConnection, i == 1);
            QCOMPARE(result->requestOnConnection, i);
            if (i == 1) {
                pod = podOf(lab.simulation(), *result);
                port = result->localPort;
            }
            QCOMPARE(result->localPort, port);
            QCOMPARE(podOf(lab.simulation(), *result), pod);
        }
        // Several requests queued at once go out one after the other on the same connection.
        int answered = 0;
        for (int i = 0; i < 3; ++i) {
            client.send(request, [&answered, port](ClientResult &&result) {
                if (result.ok && result.localPort == port)
                    ++answered;
            });
        }
        QCOMPARE(client.pendingCount(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(answered, 3, 10'000);
        QCOMPARE(client.pendingCount(), 0);
        // disconnectNow: the next request opens a new connection.
        client.disconnectNow();
        const auto fresh = exchange(client, request);
        QVERIFY(fresh && fresh->ok);
        QVERIFY(fresh->newConnection);
        QVERIFY(fresh->localPort != port);
    }

    void connectionRefusedIsReported()
    {
        quint16 closedPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            closedPort = probe.serverPort();
        }
        LabClock clock;
        SimulatedClient client(QStringLiteral("c"), clock);
        ClientRequest request;
        request.connectHost = "127.0.0.1";
        request.connectPort = closedPort;
        const auto result = exchange(client, request);
        QVERIFY(result);
        QVERIFY(!result->ok);
        QCOMPARE(result->error, QStringLiteral("connection refused by 127.0.0.1:%1").arg(closedPort));
        QCOMPARE(result->response.status, 200);   // untouched default: nothing arrived
        QVERIFY(result->response.body.isEmpty());
    }

    void timeoutIsReported()
    {
        // A server that accepts and never answers.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        QList<QTcpSocket *> accepted;
        connect(&silent, &QTcpServer::newConnection, this, [&silent, &accepted] {
            while (QTcpSocket *socket = silent.nextPendingConnection())
                accepted.append(socket);
        });
        LabClock clock;
        SimulatedClient client(QStringLiteral("c"), clock);
        ClientRequest request = localRequest(silent);
        request.timeoutMs = 300;
        const auto result = exchange(client, request);
        QVERIFY(result);
        QVERIFY(!result->ok);
        QCOMPARE(result->error, QStringLiteral("timed out after 300 ms"));
        QVERIFY(result->durationUs >= 290'000);
        QCOMPARE(accepted.size(), 1);
    }

    void serverClosingMidResponseIsReported()
    {
        QTcpServer rude;
        QVERIFY(rude.listen(QHostAddress::LocalHost));
        connect(&rude, &QTcpServer::newConnection, this, [&rude] {
            QTcpSocket *socket = rude.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort");
                socket->disconnectFromHost();
            });
        });
        LabClock clock;
        SimulatedClient client(QStringLiteral("c"), clock);
        ClientRequest request = localRequest(rude);
        const auto result = exchange(client, request);
        QVERIFY(result);
        QVERIFY(!result->ok);
        QCOMPARE(result->error, QStringLiteral("connection closed by the server before the response was complete"));
    }

    void hostNameIsLookedUp()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        answerEachRequest(server, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", false);
        LabClock clock;
        SimulatedClient client(QStringLiteral("c"), clock);
        ClientRequest request;
        request.connectHost = "localhost";
        request.connectPort = server.serverPort();
        const auto result = exchange(client, request);
        QVERIFY(result);
        QVERIFY2(result->ok, qPrintable(result->error));
        QCOMPARE(result->response.body, QByteArray("hello"));
        QCOMPARE(result->request.headers.value("host"), "localhost:" + QByteArray::number(server.serverPort()));
    }

    void largeBodyIsSentWhole()
    {
        // More than the kernel's socket buffers take at once: the rest goes out as the server reads.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        qint64 expected = 0;
        connect(&server, &QTcpServer::newConnection, this, [&server, &expected] {
            QTcpSocket *socket = server.nextPendingConnection();
            auto received = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, socket, [socket, received, &expected] {
                received->append(socket->readAll());
                const qsizetype headEnd = received->indexOf("\r\n\r\n");
                if (headEnd < 0 || received->size() - headEnd - 4 < expected)
                    return;
                const QByteArray count = QByteArray::number(received->size() - headEnd - 4);
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(count.size()) + "\r\n\r\n" + count);
            });
        });
        LabClock clock;
        SimulatedClient client(QStringLiteral("c"), clock);
        ClientRequest request = localRequest(server);
        request.method = "POST";
        request.body = QByteArray(16 * 1024 * 1024, 'x');
        request.headers.append("Content-Length", QByteArray::number(request.body.size()));
        expected = request.body.size();
        const auto result = exchange(client, request);
        QVERIFY(result);
        QVERIFY2(result->ok, qPrintable(result->error));
        QCOMPARE(result->response.body, QByteArray::number(expected));
    }

    void closeDelimitedResponseCompletes()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        answerEachRequest(server, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil the end", true);
        LabClock clock;
        SimulatedClient client(QStringLiteral("c"), clock);
        ClientRequest request = localRequest(server);
        const auto first = exchange(client, request);
        QVERIFY(first);
        QVERIFY2(first->ok, qPrintable(first->error));
        QCOMPARE(first->response.body, QByteArray("until the end"));
        const auto second = exchange(client, request);
        QVERIFY(second);
        QVERIFY2(second->ok, qPrintable(second->error));
        QVERIFY(second->newConnection);
    }

    void connectionClosedUnderTheNextRequestIsRetried()
    {
        // The server closes after each answer without saying so; the client sends its next request
        // from the callback, before it can have seen the close, and must not report that race.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        answerEachRequest(server, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", true);
        LabClock clock;
        SimulatedClient client(QStringLiteral("c"), clock);
        ClientRequest request = localRequest(server);
        const QList<ClientResult> results = exchangeBackToBack(client, request, request);
        QCOMPARE(results.size(), 2);
        for (const ClientResult &result : std::as_const(results)) {
            QVERIFY2(result.ok, qPrintable(result.error));
            QCOMPARE(result.response.body, QByteArray("ok"));
        }
        QVERIFY(results.at(1).newConnection || results.at(1).retried);
        QCOMPARE(results.at(1).requestOnConnection, 1);
    }
    void earlyAnswerToALargeBodyEndsTheConnection()
    {
        // The server refuses the body as soon as it has read the head, and reads no further on
        // that connection: the rest of the body must not be taken for the next request.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        int connections = 0;
        connect(&server, &QTcpServer::newConnection, this, [&server, &connections] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                ++connections;
                auto received = std::make_shared<QByteArray>();
                auto answered = std::make_shared<bool>(false);
                connect(socket, &QTcpSocket::readyRead, socket, [socket, received, answered] {
                    received->append(socket->readAll());
                    if (*answered || !received->contains("\r\n\r\n"))
                        return;
                    *answered = true;
                    socket->write(received->startsWith("POST") ? QByteArray("HTTP/1.1 413 Content Too Large\r\nContent-Length: 0\r\n\r\n")
                                                               : QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
                });
            }
        });
        LabClock clock;
        SimulatedClient client(QStringLiteral("c"), clock);
        ClientRequest post = localRequest(server);
        post.method = "POST";
        post.body = QByteArray(16 * 1024 * 1024, 'x');
        post.headers.append("Content-Length", QByteArray::number(post.body.size()));
        post.timeoutMs = 10'000;
        ClientRequest get = post;
        get.method = "GET";
        get.body.clear();
        get.headers.clear();
        const QList<ClientResult> results = exchangeBackToBack(client, post, get);
        QCOMPARE(results.size(), 2);
        QVERIFY2(results.at(0).ok, qPrintable(results.at(0).error));
        QCOMPARE(results.at(0).response.status, 413);
        QVERIFY2(results.at(1).ok, qPrintable(results.at(1).error));
        QCOMPARE(results.at(1).response.body, QByteArray("ok"));
        QVERIFY(results.at(1).newConnection);
        QVERIFY(!results.at(1).retried);
        QCOMPARE(connections, 2);
    }

    void aShorterTimeoutAfterALongerOneHolds()
    {
        // Answers the first request on a connection and none after it.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        connect(&server, &QTcpServer::newConnection, this, [&server] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                auto requests = std::make_shared<int>(0);
                connect(socket, &QTcpSocket::readyRead, socket, [socket, requests] {
                    const QByteArray data = socket->readAll();
                    if (data.contains("\r\n\r\n") && ++*requests == 1)
                        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                });
            }
        });
        LabClock clock;
        SimulatedClient client(QStringLiteral("c"), clock);
        ClientRequest request = localRequest(server);
        request.timeoutMs = 20'000;
        const auto first = exchange(client, request);
        QVERIFY(first);
        QVERIFY2(first->ok, qPrintable(first->error));
        request.timeoutMs = 300;
        const auto second = exchange(client, request);
        QVERIFY(second);
        QVERIFY(!second->ok);
        QCOMPARE(second->error, QStringLiteral("timed out after 300 ms"));
        // Its own 300 ms, not what was left of the first request's 20 s, and no second try.
        QVERIFY2(second->durationUs < 5'000'000, qPrintable(QString::number(second->durationUs)));
        QVERIFY(!second->retried);
        QVERIFY(!second->newConnection);
    }
};

QTEST_GUILESS_MAIN(TestSimulatedClient)
#include "tst_simulatedclient.moc"
