#include "conformancerunner.h"

#include "conformancestatuscheck.h"
#include "lab/simulation.h"
#include "lab/statusyaml.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>
#include <QUrl>
#include <cmath>

namespace gw {

namespace {

QString caseName(int index, const ConformanceCatalogue::Case &testCase)
{
    QString text = QStringLiteral("case %1 %2 %3").arg(index + 1).arg(QString::fromLatin1(testCase.request.method), QString::fromUtf8(testCase.request.path));
    if (testCase.request.host)
        text += QStringLiteral(" (Host %1)").arg(QString::fromUtf8(*testCase.request.host));
    return text;
}

// roundtripper.IsTimeoutError: 408 and 504 count as the same outcome.
bool isTimeout(int status)
{
    return status == 408 || status == 504;
}

QString joinedValues(const QJsonObject &echoHeaders, const QString &name, bool *present)
{
    for (auto it = echoHeaders.constBegin(); it != echoHeaders.constEnd(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) != 0)
            continue;
        *present = true;
        QStringList values;
        for (const QJsonValue &value : it.value().toArray())
            values << value.toString();
        return values.join(u',');
    }
    *present = false;
    return {};
}

QString withoutWhitespace(QString text)
{
    text.remove(u' ');
    text.remove(u'\t');
    return text;
}

// Waits until `done` says so or the deadline passes, waking whenever a mock pod logs a request:
// mirrored copies are sent alongside the primary request and may land a moment after its answer.
template<typename Done>
bool waitForLog(const MockRequestLog &log, Done &&done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        const quint64 next = log.nextSequence();
        if (done())
            return true;
        if (!log.waitFor(next, deadline))
            return done();
    }
}

int countLogged(const MockRequestLog &log, quint64 since, const QString &podPrefix, const QByteArray &target)
{
    int count = 0;
    for (const MockRequestLog::Entry &entry : log.since(since)) {
        if (entry.podKey.startsWith(podPrefix) && entry.target == target)
            ++count;
    }
    return count;
}

} // namespace

QString ConformanceRunner::TestResult::line() const
{
    QString text = QStringLiteral("%1 %2 (%3): %4 of %5 cases").arg(passed() ? QStringLiteral("PASS") : QStringLiteral("FAIL"), name, support).arg(casesPassed).arg(cases);
    if (statusChecks > 0)
        text += QStringLiteral(", %1 of %2 status checks").arg(statusPassed).arg(statusChecks);
    if (!firstDifference.isEmpty())
        text += QStringLiteral(": ") + firstDifference;
    for (const QString &step : trail)
        text += QStringLiteral("\n    ") + step;
    return text;
}

QString ConformanceRunner::Summary::lastLine() const
{
    return QStringLiteral("conformance: passed %1 of %2 cases (core %3 of %4, extended %5 of %6)")
        .arg(passed)
        .arg(total)
        .arg(corePassed)
        .arg(coreTotal)
        .arg(extendedPassed)
        .arg(extendedTotal);
}

ConformanceRunner::ConformanceRunner(Options options)
    : m_options(std::move(options))
{
}

ConformanceRunner::Summary ConformanceRunner::run(const ConformanceCatalogue &catalogue, const QStringList &only,
                                                  const std::function<void(const TestResult &)> &onTest)
{
    Summary summary;
    for (const ConformanceCatalogue::Test &test : catalogue.tests) {
        if (!only.isEmpty() && !only.contains(test.name))
            continue;
        const TestResult result = runTest(test);
        summary.tests.append(result);
        summary.passed += result.casesPassed;
        summary.total += result.cases;
        summary.statusPassed += result.statusPassed;
        summary.statusTotal += result.statusChecks;
        if (result.isCore()) {
            summary.corePassed += result.casesPassed;
            summary.coreTotal += result.cases;
            summary.coreStatusFailed = summary.coreStatusFailed || result.statusPassed != result.statusChecks
                                       || (result.cases == 0 && !result.passed());
        } else {
            summary.extendedPassed += result.casesPassed;
            summary.extendedTotal += result.cases;
        }
        if (onTest)
            onTest(result);
    }
    return summary;
}

QString ConformanceRunner::prepare(Simulation &simulation, const ConformanceCatalogue::Test &test)
{
    if (test.name != u"HTTPRouteServiceTypes")
        return {};
    // httproute-service-types.go fills the manual EndpointSlices itself (Go code, not YAML) with the
    // addresses of infra-backend-v1's pods; the lab does the same before the cases run.
    const QString ns = QStringLiteral("gateway-conformance-infra");
    QByteArray endpoints;
    for (const ClusterPod &pod : simulation.cluster().pods()) {
        if (pod.namespaceName == ns && pod.labels.value(QStringLiteral("app")) == u"infra-backend-v1") {
            endpoints += "- addresses: [\"" + pod.ip.toLatin1() + "\"]\n  conditions: {ready: true}\n  targetRef: {kind: Pod, name: "
                         + pod.name.toLatin1() + ", namespace: " + ns.toLatin1() + "}\n";
        }
    }
    if (endpoints.isEmpty())
        return QStringLiteral("infra-backend-v1 has no pods to fill the manual EndpointSlices with");
    QByteArray text;
    for (const EndpointSlice &slice : simulation.cluster().manifests().endpointSlices) {
        if (slice.meta.namespaceName != ns || slice.addressType != u"IPv4"
            || (slice.serviceName != u"manual-endpointslices" && slice.serviceName != u"headless-manual-endpointslices"))
            continue;
        text += "---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: " + slice.meta.name.toLatin1() + "\n  namespace: "
                + ns.toLatin1() + "\n  labels: {kubernetes.io/service-name: " + slice.serviceName.toLatin1() + "}\naddressType: IPv4\nports:\n";
        for (const EndpointSlice::Port &port : slice.ports)
            text += "- {name: " + port.name.toLatin1() + ", port: " + QByteArray::number(port.port) + ", protocol: " + port.protocol.toLatin1() + "}\n";
        text += "endpoints:\n" + endpoints;
    }
    const Diagnostics diagnostics = simulation.applyText(QStringLiteral("(HTTPRouteServiceTypes endpoint slices)"), text);
    return hasErrors(diagnostics) ? QStringLiteral("the manual EndpointSlices did not load") : QString();
}

ConformanceRunner::TestResult ConformanceRunner::runTest(const ConformanceCatalogue::Test &test)
{
    TestResult result;
    result.name = test.name;
    result.support = test.support;
    result.cases = int(test.cases.size());
    result.statusChecks = int(test.statusChecks.size());
    const auto note = [&result](const QString &difference) {
        if (result.firstDifference.isEmpty())
            result.firstDifference = difference;
    };

    Simulation::Options options;
    options.substitutions.append({QStringLiteral("{GATEWAY_CLASS_NAME}"), m_options.gatewayClass});
    options.portOffset = m_options.portOffset;
    Simulation simulation(options);
    const Diagnostics diagnostics = simulation.load(test.manifests);
    if (hasErrors(diagnostics)) {
        for (const Diagnostic &diagnostic : diagnostics) {
            if (diagnostic.isError()) {
                note(QStringLiteral("the manifests do not load: %1").arg(diagnostic.toString()));
                break;
            }
        }
        return result;
    }
    if (const QString problem = prepare(simulation, test); !problem.isEmpty()) {
        note(problem);
        return result;
    }
    const QStringList bindErrors = simulation.start();
    if (!bindErrors.isEmpty()) {
        note(bindErrors.first());
        return result;
    }

    if (!test.statusChecks.isEmpty()) {
        const QString yaml = StatusYaml::render(simulation.cluster().manifests(), simulation.statuses(), simulation.config()->builtAt);
        QString error;
        const auto items = ConformanceStatusCheck::parseItems(yaml, &error);
        for (const QJsonValue &value : test.statusChecks) {
            const QJsonObject check = value.toObject();
            const QString failure = items ? ConformanceStatusCheck::failure(*items, check) : QStringLiteral("the status YAML does not parse: ") + error;
            if (failure.isEmpty())
                ++result.statusPassed;
            else
                note(QStringLiteral("status %1: %2").arg(ConformanceStatusCheck::describe(check), failure));
        }
    }

    for (int i = 0; i < test.cases.size(); ++i) {
        const ConformanceCatalogue::Case &testCase = test.cases[i];
        if (testCase.before) {
            const ConformanceCatalogue::Before &before = *testCase.before;
            if (before.action != u"delete" || !simulation.deleteObject(before.kind, before.namespaceName, before.name)) {
                note(QStringLiteral("%1: cannot %2 %3 %4/%5 first").arg(caseName(i, testCase), before.action, before.kind, before.namespaceName, before.name));
                continue;
            }
        }
        const quint64 logStart = simulation.mockPods().requestLog().nextSequence();
        const quint64 flowStart = simulation.flowLog().lastId();
        QString error;
        const Exchange exchange = fire(simulation, testCase, {}, &error);
        QString difference = error.isEmpty() ? compare(testCase, exchange) : error;
        if (difference.isEmpty())
            difference = checkMirrors(simulation, testCase, logStart);
        if (difference.isEmpty())
            difference = checkMirrorPercentage(simulation, testCase);
        if (difference.isEmpty() && i == 0 && test.distribution)
            difference = checkDistribution(simulation, test, testCase);
        if (difference.isEmpty() && i == 0 && test.invariant)
            difference = checkInvariant(simulation, test, testCase);
        if (difference.isEmpty()) {
            ++result.casesPassed;
            continue;
        }
        if (result.firstDifference.isEmpty()) {
            // The flow is recorded just after the answer is written, on the data plane's thread: it
            // lands within microseconds, so yielding until it does is enough.
            QList<FlowRecord> flows;
            const QDeadlineTimer deadline(1000);
            while ((flows = simulation.flowLog().recordsAfter(flowStart, 1)).isEmpty() && !deadline.hasExpired())
                QThread::yieldCurrentThread();
            if (!flows.isEmpty())
                result.trail = flows.first().decisionTrail();
        }
        note(QStringLiteral("%1: %2").arg(caseName(i, testCase), difference));
    }
    return result;
}

ConformanceRunner::Exchange ConformanceRunner::fire(Simulation &simulation, const ConformanceCatalogue::Case &testCase, const QByteArray &pathOverride,
                                                    QString *error) const
{
    Exchange exchange;
    const auto config = simulation.config();
    const ListenSocketConfig *socket = nullptr;
    for (const ListenSocketConfig &candidate : config->sockets) {
        if (candidate.gatewayKey == testCase.gateway && candidate.listenerPort == testCase.port)
            socket = &candidate;
    }
    if (!socket) {
        *error = QStringLiteral("Gateway %1 serves no listener on port %2").arg(testCase.gateway).arg(testCase.port);
        return exchange;
    }
    const ConformanceCatalogue::Request &request = testCase.request;
    const QByteArray host = request.host ? *request.host : socket->address + ':' + QByteArray::number(socket->bindPort);
    QByteArray bytes = request.method + ' ' + (pathOverride.isEmpty() ? request.path : pathOverride) + " HTTP/1.1\r\nHost: " + host + "\r\n";
    for (const auto &[name, value] : request.headers)
        bytes += name + ": " + value + "\r\n";
    // The suite's client always sends this header; echo-basic copies the pairs onto its answer.
    QByteArray echoSet;
    for (const auto &[name, value] : request.backendSetResponseHeaders)
        echoSet += (echoSet.isEmpty() ? QByteArray() : QByteArray(",")) + name + ':' + value;
    bytes += "X-Echo-Set-Header: " + echoSet + "\r\nConnection: close\r\n";
    if (request.method == "POST" || request.method == "PUT" || request.method == "PATCH")
        bytes += "Content-Length: 0\r\n";
    bytes += "\r\n";
    exchange.reply = ConformanceClient::exchange(socket->address, socket->bindPort, bytes, request.method, m_options.requestTimeoutMs);
    if (!exchange.reply.ok) {
        *error = exchange.reply.error;
        return exchange;
    }
    const QJsonDocument document = QJsonDocument::fromJson(exchange.reply.response.body);
    if (document.isObject())
        exchange.echo = document.object();
    return exchange;
}

QString ConformanceRunner::compare(const ConformanceCatalogue::Case &testCase, const Exchange &exchange) const
{
    const ConformanceCatalogue::Expect &expect = testCase.expect;
    const ConformanceCatalogue::Request &request = testCase.request;
    const HttpResponse &response = exchange.reply.response;
    const int status = response.status;
    const bool statusOk = expect.statuses.contains(status)
                          || (isTimeout(status) && std::any_of(expect.statuses.cbegin(), expect.statuses.cend(), [](int s) { return isTimeout(s); }));
    if (!statusOk) {
        QStringList wanted;
        for (int s : expect.statuses)
            wanted << QString::number(s);
        return QStringLiteral("expected status %1, got %2").arg(wanted.join(QStringLiteral(" or ")), QString::number(status));
    }

    if (status == 200) {
        // The request the backend must have seen: the one sent, unless the case says otherwise.
        ConformanceCatalogue::BackendRequest expected;
        if (expect.backendRequest) {
            expected = *expect.backendRequest;
        } else {
            expected.host = request.host ? QString::fromUtf8(*request.host) : QString();
            expected.method = request.method;
            expected.path = request.path;
            for (const auto &[name, value] : request.headers)
                expected.headers.append({QString::fromUtf8(name), QString::fromUtf8(value)});
        }
        // An empty expected path means the gateway may answer itself (CORS preflight): nothing to compare.
        if (!expected.path.isEmpty()) {
            const QJsonObject &echo = exchange.echo;
            if (echo.isEmpty())
                return QStringLiteral("the 200 answer is not echo-basic's JSON: %1").arg(QString::fromUtf8(response.body.left(80)));
            if (!expected.host.isEmpty() && echo.value(u"host").toString() != expected.host)
                return QStringLiteral("expected the backend to see Host %1, it saw %2").arg(expected.host, echo.value(u"host").toString());
            if (echo.value(u"path").toString() != QString::fromUtf8(expected.path))
                return QStringLiteral("expected the backend to see path %1, it saw %2").arg(QString::fromUtf8(expected.path), echo.value(u"path").toString());
            if (echo.value(u"method").toString() != QString::fromLatin1(expected.method))
                return QStringLiteral("expected the backend to see method %1, it saw %2").arg(QString::fromLatin1(expected.method), echo.value(u"method").toString());
            if (expect.backendNamespace && echo.value(u"namespace").toString() != *expect.backendNamespace)
                return QStringLiteral("expected namespace %1, got %2").arg(*expect.backendNamespace, echo.value(u"namespace").toString());
            const QJsonObject headers = echo.value(u"headers").toObject();
            for (const auto &[name, value] : expected.headers) {
                bool present = false;
                const QString actual = joinedValues(headers, name, &present);
                if (!present)
                    return QStringLiteral("expected the backend to see header %1").arg(name);
                if (actual != value)
                    return QStringLiteral("expected the backend to see %1: %2, it saw %3").arg(name, value, actual);
            }
            for (const QString &name : expected.absentHeaders) {
                bool present = false;
                const QString actual = joinedValues(headers, name, &present);
                if (present)
                    return QStringLiteral("expected the backend not to see header %1, it saw %2").arg(name, actual);
            }
            if (expect.backend && !echo.value(u"pod").toString().startsWith(*expect.backend))
                return QStringLiteral("expected a pod of %1, got %2").arg(*expect.backend, echo.value(u"pod").toString());
        }
        const auto responseValue = [&response](const QString &name, bool *present) {
            const QByteArray key = name.toLatin1();
            *present = response.headers.contains(key);
            return QString::fromUtf8(response.headers.combinedValue(key, ","));
        };
        for (const auto &[name, value] : expect.responseHeaders) {
            bool present = false;
            const QString actual = responseValue(name, &present);
            const bool same = expect.responseHeadersIgnoreWhitespace ? withoutWhitespace(actual) == withoutWhitespace(value) : actual == value;
            if (!present)
                return QStringLiteral("expected response header %1").arg(name);
            if (!same)
                return QStringLiteral("expected response header %1: %2, got %3").arg(name, value, actual);
        }
        for (const auto &[name, values] : expect.responseHeadersOneOf) {
            bool present = false;
            const QString actual = responseValue(name, &present);
            const bool same = std::any_of(values.cbegin(), values.cend(), [&](const QString &candidate) {
                return expect.responseHeadersIgnoreWhitespace ? withoutWhitespace(actual) == withoutWhitespace(candidate) : actual == candidate;
            });
            if (!present)
                return QStringLiteral("expected response header %1").arg(name);
            if (!same)
                return QStringLiteral("expected response header %1 to be one of %2, got %3").arg(name, values.join(QStringLiteral(" | ")), actual);
        }
        for (const QString &name : expect.responseAbsentHeaders) {
            bool present = false;
            const QString actual = responseValue(name, &present);
            if (present)
                return QStringLiteral("expected no response header %1, got %2").arg(name, actual);
        }
        return {};
    }
    if (status >= 300 && status < 400 && expect.redirect) {
        const ConformanceCatalogue::Redirect &redirect = *expect.redirect;
        const QUrl location(QString::fromUtf8(response.headers.value("location")));
        if (!location.isValid() || location.scheme().isEmpty())
            return QStringLiteral("the redirect has no absolute Location: %1").arg(QString::fromUtf8(response.headers.value("location")));
        const QString gotPort = location.port() < 0 ? QString() : QString::number(location.port());
        if (redirect.host && location.host() != *redirect.host)
            return QStringLiteral("expected a redirect to host %1, got %2").arg(*redirect.host, location.host());
        const QString scheme = redirect.scheme.value_or(QStringLiteral("http"));
        if (location.scheme() != scheme)
            return QStringLiteral("expected a redirect with scheme %1, got %2").arg(scheme, location.scheme());
        if (redirect.port && !redirect.port->isEmpty()) {
            if (gotPort != *redirect.port)
                return QStringLiteral("expected a redirect to port %1, got \"%2\"").arg(*redirect.port, gotPort);
        } else {
            const QString implied = scheme == u"https" ? QStringLiteral("443") : QStringLiteral("80");
            if (!gotPort.isEmpty() && gotPort != implied)
                return QStringLiteral("expected a redirect without a port (or %1), got %2").arg(implied, gotPort);
        }
        QByteArray requestPath = request.path;
        if (const qsizetype question = requestPath.indexOf('?'); question >= 0)
            requestPath.truncate(question);
        const QString path = redirect.path.value_or(QString::fromUtf8(requestPath));
        if (location.path() != path)
            return QStringLiteral("expected a redirect to path %1, got %2").arg(path, location.path());
    }
    return {};
}

QString ConformanceRunner::checkMirrors(Simulation &simulation, const ConformanceCatalogue::Case &testCase, quint64 logStart) const
{
    const MockRequestLog &log = simulation.mockPods().requestLog();
    for (const ConformanceCatalogue::Mirror &mirror : testCase.expect.mirroredTo) {
        if (mirror.percent)
            continue;
        const QString prefix = mirror.namespaceName + u'/' + mirror.name;
        if (!waitForLog(log, [&] { return countLogged(log, logStart, prefix, testCase.request.path) > 0; }, 3000))
            return QStringLiteral("no copy of the request reached %1").arg(prefix);
    }
    return {};
}

QString ConformanceRunner::checkMirrorPercentage(Simulation &simulation, const ConformanceCatalogue::Case &testCase) const
{
    // httproute-request-percentage-mirror.go: 500 more requests, then the mirror pod's log must show
    // percent% of them within ±5 % (relative).
    constexpr int Requests = 500;
    constexpr double Tolerance = 0.05;
    QList<const ConformanceCatalogue::Mirror *> percentMirrors;
    for (const ConformanceCatalogue::Mirror &mirror : testCase.expect.mirroredTo) {
        if (mirror.percent)
            percentMirrors.append(&mirror);
    }
    if (percentMirrors.isEmpty())
        return {};
    const MockRequestLog &log = simulation.mockPods().requestLog();
    const quint64 start = log.nextSequence();
    for (int i = 0; i < Requests; ++i) {
        QString error;
        const Exchange exchange = fire(simulation, testCase, {}, &error);
        if (!error.isEmpty())
            return error;
        if (const QString difference = compare(testCase, exchange); !difference.isEmpty())
            return QStringLiteral("request %1 of %2: %3").arg(i + 1).arg(Requests).arg(difference);
    }
    for (const ConformanceCatalogue::Mirror *mirror : std::as_const(percentMirrors)) {
        const QString prefix = mirror->namespaceName + u'/' + mirror->name;
        const double expected = Requests * *mirror->percent / 100.0;
        const double low = expected * (1 - Tolerance), high = expected * (1 + Tolerance);
        int count = 0;
        waitForLog(log, [&] { return (count = countLogged(log, start, prefix, testCase.request.path)) >= low; }, 3000);
        // Copies still on their way would count too: recount until the pods have been quiet a moment.
        for (quint64 next = log.nextSequence(); log.waitFor(next, QDeadlineTimer(100)); next = log.nextSequence())
            count = countLogged(log, start, prefix, testCase.request.path);
        if (count < low || count > high)
            return QStringLiteral("%1 received %2 mirrored copies of %3 requests, expected %4 (±5 %)").arg(prefix).arg(count).arg(Requests).arg(expected);
    }
    return {};
}

QString ConformanceRunner::checkDistribution(Simulation &simulation, const ConformanceCatalogue::Test &test, const ConformanceCatalogue::Case &testCase) const
{
    const ConformanceCatalogue::Distribution &distribution = *test.distribution;
    QHash<QString, int> seen;
    for (int i = 0; i < distribution.requests; ++i) {
        QString error;
        const Exchange exchange = fire(simulation, testCase, distribution.path, &error);
        if (!error.isEmpty())
            return error;
        if (exchange.reply.response.status != 200)
            return QStringLiteral("request %1 of %2 got status %3").arg(i + 1).arg(distribution.requests).arg(exchange.reply.response.status);
        const QString pod = exchange.echo.value(u"pod").toString();
        QString backend = QStringLiteral("(unknown pod %1)").arg(pod);
        for (const auto &[prefix, share] : distribution.expected) {
            if (pod.startsWith(prefix))
                backend = prefix;
        }
        ++seen[backend];
    }
    for (const auto &[prefix, share] : distribution.expected) {
        const double actual = double(seen.value(prefix)) / distribution.requests;
        if (share == 0 && seen.value(prefix) > 0)
            return QStringLiteral("%1 has weight 0 but received %2 requests").arg(prefix).arg(seen.value(prefix));
        if (std::abs(actual - share) > distribution.tolerance)
            return QStringLiteral("%1 received %2 of the requests, expected %3 ± %4").arg(prefix).arg(actual).arg(share).arg(distribution.tolerance);
    }
    for (auto it = seen.cbegin(); it != seen.cend(); ++it) {
        if (it.key().startsWith(u'('))
            return QStringLiteral("a request reached %1").arg(it.key());
    }
    return {};
}

QString ConformanceRunner::checkInvariant(Simulation &simulation, const ConformanceCatalogue::Test &test, const ConformanceCatalogue::Case &testCase) const
{
    const ConformanceCatalogue::Invariant &invariant = *test.invariant;
    for (int i = 0; i < invariant.requests; ++i) {
        QString error;
        const Exchange exchange = fire(simulation, testCase, invariant.path, &error);
        if (!error.isEmpty())
            return error;
        // The only invariant catalogued: one "Backend" header, a prefix of the pod that served it.
        const QJsonArray values = exchange.echo.value(u"headers").toObject().value(u"Backend").toArray();
        const QString pod = exchange.echo.value(u"pod").toString();
        if (values.size() != 1)
            return QStringLiteral("request %1 of %2 reached %3 with %4 Backend headers, expected one").arg(i + 1).arg(invariant.requests).arg(pod).arg(values.size());
        if (!pod.startsWith(values.first().toString()))
            return QStringLiteral("request %1 of %2 reached %3 with Backend: %4").arg(i + 1).arg(invariant.requests).arg(pod, values.first().toString());
    }
    return {};
}

} // namespace gw
