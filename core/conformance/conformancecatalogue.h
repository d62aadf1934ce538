#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <optional>

namespace gw {

// The Gateway API conformance suite's plain-HTTP cases as data (shared/conformance/cases.json; how to
// read it: spec/gateway-api.md §4). Manifest paths are relative to the catalogue file's folder.
class ConformanceCatalogue
{
public:
    struct Request
    {
        std::optional<QByteArray> host;          // nullopt: the gateway's own address
        QByteArray method = QByteArrayLiteral("GET");
        QByteArray path = QByteArrayLiteral("/");
        QList<QPair<QByteArray, QByteArray>> headers;
        QList<QPair<QByteArray, QByteArray>> backendSetResponseHeaders;   // echoed back via X-Echo-Set-Header
    };
    // What the backend must have seen (checked on 200 only, as CompareRoundTrip does).
    struct BackendRequest
    {
        QString host;                            // empty: not compared
        QByteArray method = QByteArrayLiteral("GET");
        QByteArray path;                         // empty: nothing is compared (the gateway may answer itself)
        QList<QPair<QString, QString>> headers;
        QStringList absentHeaders;
    };
    struct Redirect
    {
        std::optional<QString> scheme;
        std::optional<QString> host;
        std::optional<QString> port;
        std::optional<QString> path;
    };
    struct Mirror
    {
        QString name;                            // Deployment (pod-name prefix)
        QString namespaceName;
        std::optional<int> percent;
    };
    struct Expect
    {
        QList<int> statuses{200};                // any of them
        std::optional<QString> backend;          // pod-name prefix
        std::optional<QString> backendNamespace;
        std::optional<BackendRequest> backendRequest;
        QList<QPair<QString, QString>> responseHeaders;
        QList<QPair<QString, QStringList>> responseHeadersOneOf;
        QStringList responseAbsentHeaders;
        bool responseHeadersIgnoreWhitespace = false;
        std::optional<Redirect> redirect;
        QList<Mirror> mirroredTo;
    };
    // An action the suite takes before the case, such as deleting a ReferenceGrant.
    struct Before
    {
        QString action;                          // "delete"
        QString kind;
        QString namespaceName;
        QString name;
    };
    struct Case
    {
        QString gateway;                         // namespace/name
        int port = 80;                           // listener port
        Request request;
        Expect expect;
        std::optional<Before> before;
    };
    // HTTPRouteWeight: many requests must split by backend within an absolute tolerance.
    struct Distribution
    {
        int requests = 0;
        double tolerance = 0;
        QByteArray path;
        QList<QPair<QString, double>> expected;  // backend prefix → share
    };
    // HTTPRouteRequestHeaderModifierBackendWeights: a property every one of many requests must hold.
    struct Invariant
    {
        int requests = 0;
        QByteArray path;
        QString check;
    };
    struct Test
    {
        QString name;
        QString support;                         // "core" or "extended"
        QStringList manifests;                   // absolute paths
        QList<Case> cases;
        QJsonArray statusChecks;
        std::optional<Distribution> distribution;
        std::optional<Invariant> invariant;
    };

    // Reads the catalogue; nullopt and `error` when the file is missing or not the expected JSON.
    static std::optional<ConformanceCatalogue> load(const QString &path, QString *error);

    QList<Test> tests;
};

} // namespace gw
