#include "simulatedclient.h"

#include "clientconnection.h"
#include "common/labclock.h"
#include "http/httpwriter.h"

namespace gw {

SimulatedClient::SimulatedClient(const QString &name, const LabClock &clock, QObject *parent)
    : QObject(parent)
    , m_name(name)
    , m_clock(clock)
{
}

namespace {
// The client whose `done` callback is running on this thread, cleared by its destructor: tells
// onFinished whether `done` deleted the client, without a QPointer's shared block per request.
thread_local SimulatedClient *t_inCallback = nullptr;
} // namespace

SimulatedClient::~SimulatedClient()
{
    if (t_inCallback == this)
        t_inCallback = nullptr;
}

void SimulatedClient::send(const ClientRequest &request, Callback done)
{
    m_queue.append(Pending{request, std::move(done)});
    if (!m_busy && !m_inCallback && !m_kickPosted) {
        // Queued, so that `done` never runs inside `send`; a `send` from inside `done` needs no
        // event at all (onFinished starts it), which keeps a load run at one event per response.
        m_kickPosted = true;
        QMetaObject::invokeMethod(this, [this] {
            m_kickPosted = false;
            if (!m_busy && !m_queue.isEmpty())
                startNext();
        }, Qt::QueuedConnection);
    }
}

void SimulatedClient::disconnectNow()
{
    if (!m_busy)
        m_connection.reset();
}

void SimulatedClient::dropConnection()
{
    m_connection.reset();
}

void SimulatedClient::startNext()
{
    m_current = m_queue.takeFirst();
    m_busy = true;
    if (m_policy == ConnectionPolicy::NewConnectionPerRequest)
        m_connection.reset();
    transmit(false);
}

void SimulatedClient::transmit(bool retry)
{
    const ClientRequest &request = m_current.request;
    if (m_hostFor.first != request.connectHost || m_hostFor.second != request.connectPort || m_host.isEmpty()) {
        m_hostFor = {request.connectHost, request.connectPort};
        m_host = request.connectHost + ':' + QByteArray::number(request.connectPort);
    }
    const QByteArray host = request.hostHeader.isEmpty() ? m_host : request.hostHeader;
    HttpRequest wireRequest;
    wireRequest.method = request.method;
    wireRequest.target = request.target;
    wireRequest.headers.reserve(request.headers.size() + 2);
    wireRequest.headers.append(QByteArrayLiteral("Host"), host);
    const QByteArray explicitCookie = request.headers.combinedValue("cookie", "; ");
    for (const HttpHeaders::Field &field : request.headers.fields()) {
        if (field.name.compare("cookie", Qt::CaseInsensitive) != 0)
            wireRequest.headers.append(field.name, field.value);
    }
    // One Cookie header, as browsers send: the jar's cookies first, so an explicit cookie of the
    // same name comes last and wins with FSM (its getCookies keeps the last duplicate).
    QByteArray cookie;
    if (m_usesJar)
        cookie = m_jar.cookieHeader(cachedCookieHost(request), request.target, m_clock.nowMs());
    if (!explicitCookie.isEmpty())
        cookie = cookie.isEmpty() ? explicitCookie : cookie + "; " + explicitCookie;
    if (!cookie.isEmpty())
        wireRequest.headers.append(QByteArrayLiteral("Cookie"), cookie);
    wireRequest.body = request.body;

    m_wire.resize(0);   // keeps the buffer's capacity for the next request
    HttpWriter::appendRequest(m_wire, wireRequest);

    m_result = ClientResult();
    m_result.clientName = m_name;
    m_result.request = std::move(wireRequest);
    m_result.retried = retry;
    if (!m_connection || !m_connection->isUsable()) {
        m_connection = std::make_unique<ClientConnection>(request.connectHost, request.connectPort, [this](ClientConnection::Outcome &&outcome) {
            onFinished(outcome.ok, outcome.error, std::move(outcome.response), outcome.closedBeforeAnyResponse);
        });
        m_result.newConnection = true;
    }
    m_result.requestOnConnection = m_connection->nextRequestNumber();
    m_result.startedAtMs = m_clock.nowMs();
    m_elapsed.start();
    m_connection->exchange(m_wire, request.method, request.timeoutMs);
}

const QString &SimulatedClient::cachedCookieHost(const ClientRequest &request)
{
    // Every request of a load run goes to the same host: work the name out once.
    const QByteArray &addressed = request.hostHeader.isEmpty() ? request.connectHost : request.hostHeader;
    if (m_cookieHost.isEmpty() || m_cookieHostFor != addressed) {
        m_cookieHostFor = addressed;
        m_cookieHost = cookieHost(request);
    }
    return m_cookieHost;
}

QString SimulatedClient::cookieHost(const ClientRequest &request)
{
    // The jar files cookies under the host the user addressed, as a browser does with the URL's host.
    QByteArray host = request.hostHeader.isEmpty() ? request.connectHost : request.hostHeader;
    if (!host.startsWith('[')) {
        const qsizetype colon = host.lastIndexOf(':');
        if (colon >= 0)
            host.truncate(colon);
    }
    return QString::fromLatin1(host).toLower();
}

void SimulatedClient::onFinished(bool ok, const QString &error, HttpResponse &&response, bool closedBeforeAnyResponse)
{
    // A kept-alive connection the server closed while idle fails before any byte comes back; like
    // a browser, try once more on a fresh connection rather than report the race as an error.
    if (!ok && closedBeforeAnyResponse && !m_result.newConnection && !m_result.retried) {
        m_connection.reset();
        transmit(true);
        return;
    }
    m_result.durationUs = m_elapsed.nsecsElapsed() / 1000;
    m_result.localPort = m_connection ? m_connection->localPort() : 0;
    m_result.ok = ok;
    m_result.error = error;
    if (ok) {
        if (m_usesJar) {
            const QList<QByteArray> setCookies = response.headers.values("set-cookie");
            if (!setCookies.isEmpty())
                m_jar.storeFromResponse(cachedCookieHost(m_current.request), m_current.request.target, setCookies, m_clock.nowMs());
        }
        if (m_policy == ConnectionPolicy::NewConnectionPerRequest || !response.keepAlive())
            dropConnection();
        m_result.response = std::move(response);
    } else {
        dropConnection();
    }
    Callback done = std::move(m_current.done);
    m_current = Pending();
    m_busy = false;
    SimulatedClient *const outer = t_inCallback;
    t_inCallback = this;
    m_inCallback = true;
    if (done)
        done(std::move(m_result));
    const bool alive = t_inCallback == this;
    t_inCallback = outer;
    if (!alive)
        return;
    m_inCallback = false;
    if (!m_busy && !m_queue.isEmpty())
        startNext();
}

} // namespace gw
