#include "scenarioloader.h"

#include "manifest/yamlfieldreader.h"
#include "manifest/yamlscalar.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

#include <yaml-cpp/yaml.h>

#include <limits>

namespace gw {

namespace {

using Presence = YamlFieldReader::Presence;
constexpr qint64 MaxFileSize = 4 * 1024 * 1024;
constexpr int MaxRepeat = 100'000;
constexpr qint64 MaxLoadRequests = 10'000'000;

// Turns one parsed scenario document into a Scenario, reporting every problem it finds.
class Parser
{
public:
    Parser(YamlFieldReader &reader, Scenario &scenario, const QString &baseDir)
        : m_reader(reader)
        , m_scenario(scenario)
        , m_baseDir(baseDir)
    {
    }

    void parse(const YamlField &root)
    {
        if (!root.node.IsMap()) {
            m_reader.error(root, u"expected a mapping with name, manifests and steps, got " + YamlScalar::describe(root.node));
            return;
        }
        checkKeys(root, {"name", "manifests", "namespace", "seed", "podHeader", "steps", "load"});
        if (const auto name = nonEmptyText(m_reader.field(root, "name"), Presence::Required))
            m_scenario.name = *name;
        const YamlField manifests = m_reader.field(root, "manifests");
        m_scenario.manifests = files(manifests, Presence::Required);
        if (manifests.present && m_scenario.manifests.isEmpty() && manifests.node.IsSequence())
            m_reader.error(manifests, QStringLiteral("expected at least one manifest file or folder"));
        const YamlField namespaceField = m_reader.field(root, "namespace");
        if (const auto ns = nonEmptyText(namespaceField, Presence::Optional)) {
            static const QRegularExpression dnsLabel(QStringLiteral("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"));
            if (!dnsLabel.match(*ns).hasMatch())
                m_reader.error(namespaceField, u"expected a namespace name (lower-case letters, digits and '-', at most 63), got " + YamlScalar::quoted(*ns));
            else
                m_scenario.namespaceName = *ns;
        }
        if (const auto seed = m_reader.integer(root, "seed", YamlFieldReader::IntRange{0, std::numeric_limits<quint32>::max()}))
            m_scenario.seed = quint32(*seed);
        const YamlField podHeader = m_reader.field(root, "podHeader");
        if (const auto header = nonEmptyText(podHeader, Presence::Optional)) {
            if (!isToken(*header))
                m_reader.error(podHeader, u"expected a header name, got " + YamlScalar::quoted(*header));
            else
                m_scenario.podHeader = header->toLatin1();
        }

        const YamlField steps = m_reader.field(root, "steps");
        const YamlField load = m_reader.field(root, "load");
        if (!steps.present && !load.present)
            m_reader.error(root, QStringLiteral("expected steps, a load phase or both; the scenario has neither"));
        if (const auto items = m_reader.list(steps)) {
            if (items->isEmpty() && !load.present)
                m_reader.error(steps, QStringLiteral("expected at least one step"));
            for (const YamlField &item : *items)
                parseStep(item);
        }
        if (m_reader.mapping(load))
            parseLoad(load);
    }

private:
    // Every key of `mapping` must be one of `known`, and none may be written twice.
    void checkKeys(const YamlField &mapping, std::initializer_list<const char *> known)
    {
        QSet<QString> allowed;
        for (const char *key : known)
            allowed.insert(QString::fromUtf8(key));
        QSet<QString> seen;
        for (auto it = mapping.node.begin(); it != mapping.node.end(); ++it) {
            const QString key = it->first.IsScalar() ? QString::fromStdString(it->first.Scalar()) : QString();
            const YamlField at{it->second, it->first.Mark(), mapping.path.isEmpty() ? key : mapping.path + u'.' + key, true};
            if (!allowed.contains(key)) {
                QStringList names(allowed.cbegin(), allowed.cend());
                names.sort();
                m_reader.error(at, u"unknown field " + YamlScalar::quoted(key) + u"; expected one of: " + names.join(u", "));
                continue;
            }
            if (seen.contains(key))
                m_reader.error(at, u"the field " + YamlScalar::quoted(key) + u" is written twice");
            seen.insert(key);
        }
    }

    // Any scalar as text: a header value or a body may well be written as a bare number.
    std::optional<QString> text(const YamlField &field, Presence presence)
    {
        if (!field.present || field.node.IsNull()) {
            if (presence == Presence::Required)
                m_reader.missing(field);
            return std::nullopt;
        }
        if (!field.node.IsScalar()) {
            m_reader.error(field, u"expected a string, got " + YamlScalar::describe(field.node));
            return std::nullopt;
        }
        return QString::fromStdString(field.node.Scalar());
    }

    std::optional<QString> nonEmptyText(const YamlField &field, Presence presence)
    {
        auto value = text(field, presence);
        if (value && value->trimmed().isEmpty()) {
            m_reader.error(field, QStringLiteral("expected a non-empty string"));
            return std::nullopt;
        }
        return value;
    }

    static bool isToken(const QString &text)
    {
        static const QRegularExpression token(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
        return token.match(text).hasMatch();
    }

    std::optional<QRegularExpression> regex(const YamlField &field, const QString &pattern)
    {
        QRegularExpression expression(pattern);
        if (!expression.isValid()) {
            m_reader.error(field, u"invalid regular expression " + YamlScalar::quoted(pattern) + u": " + expression.errorString()
                                      + u" at offset " + QString::number(expression.patternErrorOffset()));
            return std::nullopt;
        }
        return expression;
    }

    std::optional<double> duration(const YamlField &field, Presence presence)
    {
        const auto value = text(field, presence);
        if (!value)
            return std::nullopt;
        const auto ms = Comparison::parseDurationMs(*value);
        if (!ms) {
            m_reader.error(field, u"expected a duration with a unit (us, ms, s, m) such as \"500ms\", got " + YamlScalar::quoted(*value));
            return std::nullopt;
        }
        return ms;
    }

    QString resolve(const QString &path) const
    {
        return QFileInfo(path).isAbsolute() ? QDir::cleanPath(path) : QDir::cleanPath(m_baseDir + u'/' + path);
    }

    // A file name or a list of them, each of which must exist.
    QStringList files(const YamlField &field, Presence presence)
    {
        QList<YamlField> items;
        if (field.present && field.node.IsScalar()) {
            items.append(field);
        } else if (const auto list = m_reader.list(field, presence)) {
            items = *list;
        }
        QStringList resolved;
        for (const YamlField &item : items) {
            const auto name = nonEmptyText(item, Presence::Required);
            if (!name)
                continue;
            const QString path = resolve(*name);
            if (!QFileInfo::exists(path)) {
                m_reader.error(item, u"no such file or folder: " + QDir::toNativeSeparators(path));
                continue;
            }
            resolved.append(path);
        }
        return resolved;
    }

    void parseStep(const YamlField &item)
    {
        ScenarioStep step;
        step.location = m_reader.location(item);
        if (!m_reader.mapping(item, Presence::Required))
            return;
        checkKeys(item, {"name", "client", "newConnection", "request", "repeat", "expect", "apply", "delete", "stopPod", "crashPod",
                         "startPod", "restartPod", "slowPod", "advanceClock"});
        const YamlField nameField = m_reader.field(item, "name");
        if (const auto name = nonEmptyText(nameField, Presence::Required)) {
            step.name = *name;
            if (m_scenario.stepIndex(*name) >= 0)
                m_reader.error(nameField, u"another step is already named " + YamlScalar::quoted(*name) + u"; step names must be unique");
        }

        static constexpr const char *actionKeys[] = {"apply", "delete", "stopPod", "crashPod", "startPod", "restartPod", "slowPod", "advanceClock"};
        QStringList actionsGiven;
        for (const char *key : actionKeys) {
            if (m_reader.field(item, key).present)
                actionsGiven.append(QString::fromUtf8(key));
        }
        const YamlField request = m_reader.field(item, "request");
        if (actionsGiven.size() > 1) {
            m_reader.error(item, u"a step takes one action, got " + actionsGiven.join(u" and ") + u"; split them into steps");
        } else if (actionsGiven.size() == 1 && request.present) {
            m_reader.error(item, u"a step is either a request or an action, got request and " + actionsGiven.first());
        } else if (actionsGiven.isEmpty() && !request.present) {
            m_reader.error(item, QStringLiteral("a step needs a request or an action (apply, delete, stopPod, crashPod, startPod, restartPod, slowPod, advanceClock)"));
        }

        if (actionsGiven.size() == 1) {
            step.action = parseAction(item, actionsGiven.first());
            for (const char *key : {"client", "newConnection", "repeat", "expect"}) {
                const YamlField extra = m_reader.field(item, key);
                if (extra.present)
                    m_reader.error(extra, u"only request steps take " + QString::fromUtf8(key) + u"; this step is an " + actionsGiven.first() + u" action");
            }
        } else if (request.present) {
            if (const auto client = nonEmptyText(m_reader.field(item, "client"), Presence::Optional))
                step.client = *client;
            if (const auto fresh = m_reader.boolean(item, "newConnection"))
                step.newConnection = *fresh;
            if (const auto repeat = m_reader.integer(item, "repeat", YamlFieldReader::IntRange{1, MaxRepeat}))
                step.repeat = int(*repeat);
            step.request = parseRequest(request, true);
            const YamlField expect = m_reader.field(item, "expect");
            if (m_reader.mapping(expect))
                step.expect = parseExpect(expect);
        }
        m_scenario.steps.append(step);
    }

    std::optional<ScenarioAction> parseAction(const YamlField &item, const QString &keyword)
    {
        const QByteArray key = keyword.toUtf8();
        const YamlField field = m_reader.field(item, key.constData());
        ScenarioAction action;
        const int errorsBefore = m_reader.errorCount();
        if (keyword == u"apply" || keyword == u"delete") {
            action.kind = keyword == u"apply" ? ScenarioAction::Kind::Apply : ScenarioAction::Kind::Delete;
            action.files = files(field, Presence::Required);
            if (field.node.IsSequence() && field.node.size() == 0)
                m_reader.error(field, QStringLiteral("expected at least one manifest file"));
        } else if (keyword == u"stopPod" || keyword == u"crashPod" || keyword == u"startPod" || keyword == u"restartPod") {
            action.kind = keyword == u"stopPod"    ? ScenarioAction::Kind::StopPod
                          : keyword == u"crashPod" ? ScenarioAction::Kind::CrashPod
                          : keyword == u"startPod" ? ScenarioAction::Kind::StartPod
                                                   : ScenarioAction::Kind::RestartPod;
            if (field.node.IsMap()) {
                checkKeys(field, {"pod", "newIp"});
                if (const auto pod = nonEmptyText(m_reader.field(field, "pod"), Presence::Required))
                    action.pod = *pod;
                if (const auto newIp = m_reader.boolean(field, "newIp"))
                    action.newIp = *newIp;
                if (action.newIp && action.kind != ScenarioAction::Kind::StartPod && action.kind != ScenarioAction::Kind::RestartPod)
                    m_reader.error(m_reader.field(field, "newIp"), u"newIp applies to startPod and restartPod, not " + keyword);
            } else if (const auto pod = nonEmptyText(field, Presence::Required)) {
                action.pod = *pod;
            }
        } else if (keyword == u"slowPod") {
            action.kind = ScenarioAction::Kind::SlowPod;
            if (m_reader.mapping(field, Presence::Required)) {
                checkKeys(field, {"pod", "delay"});
                if (const auto pod = nonEmptyText(m_reader.field(field, "pod"), Presence::Required))
                    action.pod = *pod;
                if (const auto delay = duration(m_reader.field(field, "delay"), Presence::Required)) {
                    if (*delay > 600'000)
                        m_reader.error(m_reader.field(field, "delay"), QStringLiteral("expected a delay of at most 10m"));
                    action.delayMs = int(*delay);
                }
            }
        } else {
            action.kind = ScenarioAction::Kind::AdvanceClock;
            if (const auto ms = duration(field, Presence::Required))
                action.clockMs = qint64(*ms);
        }
        if (m_reader.errorCount() != errorsBefore)
            return std::nullopt;
        return action;
    }

    ScenarioRequest parseRequest(const YamlField &field, bool inherits)
    {
        ScenarioRequest request;
        request.location = m_reader.location(field);
        if (!m_reader.mapping(field, inherits ? Presence::Required : Presence::Optional))
            return request;
        checkKeys(field, {"gateway", "listener", "method", "path", "host", "headers", "body", "timeout"});
        if (const auto gateway = nonEmptyText(m_reader.field(field, "gateway"), Presence::Optional))
            request.gateway = *gateway;
        if (const auto listener = nonEmptyText(m_reader.field(field, "listener"), Presence::Optional))
            request.listener = *listener;
        const YamlField methodField = m_reader.field(field, "method");
        if (const auto method = nonEmptyText(methodField, Presence::Optional)) {
            if (!isToken(*method))
                m_reader.error(methodField, u"expected an HTTP method such as GET, got " + YamlScalar::quoted(*method));
            else
                request.method = method->toLatin1();
        }
        const YamlField pathField = m_reader.field(field, "path");
        if (const auto path = nonEmptyText(pathField, Presence::Optional)) {
            static const QRegularExpression target(QStringLiteral("^/[\\x21-\\x7e]*$"));
            if (!target.match(*path).hasMatch())
                m_reader.error(pathField, u"expected a path starting with '/' without spaces (percent-encode them), got " + YamlScalar::quoted(*path));
            else
                request.path = path->toLatin1();
        }
        if (const auto host = nonEmptyText(m_reader.field(field, "host"), Presence::Optional))
            request.host = host->toUtf8();
        const YamlField headers = m_reader.field(field, "headers");
        if (m_reader.mapping(headers)) {
            for (auto it = headers.node.begin(); it != headers.node.end(); ++it) {
                const QString name = QString::fromStdString(it->first.Scalar());
                const YamlField value{it->second, it->second.IsNull() ? it->first.Mark() : it->second.Mark(), headers.path + u'.' + name, true};
                if (!isToken(name)) {
                    m_reader.error(YamlField{it->first, it->first.Mark(), headers.path, true}, u"expected a header name, got " + YamlScalar::quoted(name));
                    continue;
                }
                if (const auto headerValue = text(value, Presence::Required))
                    request.headers.append(name.toLatin1(), headerValue->toUtf8());
            }
        }
        if (const auto body = text(m_reader.field(field, "body"), Presence::Optional))
            request.body = body->toUtf8();
        const YamlField timeout = m_reader.field(field, "timeout");
        if (const auto ms = duration(timeout, Presence::Optional)) {
            if (*ms < 1 || *ms > 600'000)
                m_reader.error(timeout, QStringLiteral("expected a timeout between 1ms and 10m"));
            else
                request.timeoutMs = int(*ms);
        }
        return request;
    }

    std::optional<int> status(const YamlField &field)
    {
        const auto value = m_reader.integer(field, YamlFieldReader::IntRange{100, 599}, Presence::Required);
        if (!value)
            return std::nullopt;
        return int(*value);
    }

    ScenarioExpectation parseExpect(const YamlField &field)
    {
        ScenarioExpectation expect;
        checkKeys(field, {"status", "body", "headers", "setCookie", "pod", "samePodAs", "differentPodFrom", "duration"});
        const YamlField statusField = m_reader.field(field, "status");
        if (statusField.present && statusField.node.IsSequence()) {
            if (statusField.node.size() == 0)
                m_reader.error(statusField, QStringLiteral("expected at least one status"));
            const QList<YamlField> items = m_reader.list(statusField).value_or(QList<YamlField>());
            for (const YamlField &item : items) {
                if (const auto code = status(item))
                    expect.statuses.append(*code);
            }
        } else if (statusField.present) {
            if (const auto code = status(statusField))
                expect.statuses.append(*code);
        }

        const YamlField body = m_reader.field(field, "body");
        if (body.present && body.node.IsMap()) {
            checkKeys(body, {"equals", "contains", "regex"});
            if (body.node.size() == 0)
                m_reader.error(body, QStringLiteral("expected equals, contains or regex"));
            for (const auto &[key, kind] : {std::pair{"equals", TextExpectation::Kind::Equals}, std::pair{"contains", TextExpectation::Kind::Contains},
                                            std::pair{"regex", TextExpectation::Kind::Regex}}) {
                const YamlField part = m_reader.field(body, key);
                const auto value = text(part, Presence::Optional);
                if (!value)
                    continue;
                TextExpectation expectation{kind, *value, {}};
                if (kind == TextExpectation::Kind::Regex) {
                    const auto compiled = regex(part, *value);
                    if (!compiled)
                        continue;
                    expectation.regex = *compiled;
                }
                expect.body.append(expectation);
            }
        } else if (const auto equals = text(body, Presence::Optional)) {
            expect.body.append(TextExpectation{TextExpectation::Kind::Equals, *equals, {}});
        }

        const YamlField headers = m_reader.field(field, "headers");
        if (m_reader.mapping(headers)) {
            for (auto it = headers.node.begin(); it != headers.node.end(); ++it) {
                const QString name = QString::fromStdString(it->first.Scalar());
                const YamlField value{it->second, it->second.IsNull() ? it->first.Mark() : it->second.Mark(), headers.path + u'.' + name, true};
                if (!isToken(name)) {
                    m_reader.error(YamlField{it->first, it->first.Mark(), headers.path, true}, u"expected a header name, got " + YamlScalar::quoted(name));
                    continue;
                }
                HeaderExpectation header;
                header.name = name.toLatin1();
                const YamlScalar::Kind kind = YamlScalar::kind(value.node);
                if (kind == YamlScalar::Kind::Null || (kind == YamlScalar::Kind::Boolean && !*YamlScalar::toBoolean(value.node.Scalar()))) {
                    header.absent = true;
                } else if (kind == YamlScalar::Kind::Mapping) {
                    checkKeys(value, {"regex", "absent"});
                    const auto absent = m_reader.boolean(value, "absent");
                    const auto pattern = text(m_reader.field(value, "regex"), Presence::Optional);
                    if (absent.value_or(false) == pattern.has_value()) {
                        m_reader.error(value, QStringLiteral("expected either regex or absent: true"));
                        continue;
                    }
                    header.absent = absent.value_or(false);
                    if (pattern) {
                        const auto compiled = regex(m_reader.field(value, "regex"), *pattern);
                        if (!compiled)
                            continue;
                        header.pattern = *pattern;
                        header.regex = *compiled;
                    }
                } else if (const auto pattern = text(value, Presence::Required)) {
                    const auto compiled = regex(value, *pattern);
                    if (!compiled)
                        continue;
                    header.pattern = *pattern;
                    header.regex = *compiled;
                } else {
                    continue;
                }
                expect.headers.append(header);
            }
        }

        const YamlField setCookie = m_reader.field(field, "setCookie");
        if (setCookie.present) {
            const YamlScalar::Kind kind = YamlScalar::kind(setCookie.node);
            if (kind == YamlScalar::Kind::Boolean) {
                expect.setCookie.mode = *YamlScalar::toBoolean(setCookie.node.Scalar()) ? SetCookieExpectation::Mode::Any : SetCookieExpectation::Mode::None;
            } else if (kind == YamlScalar::Kind::Mapping) {
                checkKeys(setCookie, {"name", "value", "maxAge"});
                expect.setCookie.mode = SetCookieExpectation::Mode::Match;
                if (const auto name = nonEmptyText(m_reader.field(setCookie, "name"), Presence::Required))
                    expect.setCookie.name = name->toLatin1();
                const YamlField valueField = m_reader.field(setCookie, "value");
                if (const auto pattern = text(valueField, Presence::Optional)) {
                    if (const auto compiled = regex(valueField, *pattern)) {
                        expect.setCookie.valuePattern = *pattern;
                        expect.setCookie.valueRegex = *compiled;
                    }
                }
                if (const auto maxAge = m_reader.integer(setCookie, "maxAge", YamlFieldReader::Int32))
                    expect.setCookie.maxAge = *maxAge;
            } else {
                m_reader.error(setCookie, u"expected false, true or a mapping with name, value and maxAge, got " + YamlScalar::describe(setCookie.node));
            }
        }

        const YamlField pod = m_reader.field(field, "pod");
        if (pod.present && pod.node.IsMap()) {
            checkKeys(pod, {"name", "prefix"});
            const auto name = nonEmptyText(m_reader.field(pod, "name"), Presence::Optional);
            const auto prefix = nonEmptyText(m_reader.field(pod, "prefix"), Presence::Optional);
            if (name.has_value() == prefix.has_value())
                m_reader.error(pod, QStringLiteral("expected either name or prefix"));
            else
                expect.pod = PodExpectation{name ? *name : *prefix, prefix.has_value()};
        } else if (const auto name = nonEmptyText(pod, Presence::Optional)) {
            expect.pod = PodExpectation{*name, false};
        }

        for (const char *key : {"samePodAs", "differentPodFrom"}) {
            const YamlField reference = m_reader.field(field, key);
            const auto target = nonEmptyText(reference, Presence::Optional);
            if (!target)
                continue;
            const qsizetype index = m_scenario.stepIndex(*target);
            if (index < 0) {
                m_reader.error(reference, u"expected the name of an earlier request step, got " + YamlScalar::quoted(*target)
                                              + u" (steps are referred to before they run only by mistake)");
                continue;
            }
            if (m_scenario.steps[index].isAction()) {
                m_reader.error(reference, u"the step " + YamlScalar::quoted(*target) + u" is an action; it reached no pod");
                continue;
            }
            (qstrcmp(key, "samePodAs") == 0 ? expect.samePodAs : expect.differentPodFrom) = *target;
        }

        const YamlField durationField = m_reader.field(field, "duration");
        if (const auto bound = text(durationField, Presence::Optional)) {
            QString error;
            if (const auto comparison = Comparison::parse(*bound, Comparison::Unit::Milliseconds, &error))
                expect.duration = *comparison;
            else
                m_reader.error(durationField, error);
        }
        return expect;
    }

    void parseLoad(const YamlField &load)
    {
        ScenarioLoad &plan = m_scenario.load;
        plan.present = true;
        plan.location = m_reader.location(load);
        checkKeys(load, {"clients", "requestsPerClient", "concurrency", "newConnection", "request", "thresholds"});
        if (const auto clients = m_reader.integer(load, "clients", YamlFieldReader::IntRange{1, 1'000'000}, Presence::Required))
            plan.clients = int(*clients);
        if (const auto requests = m_reader.integer(load, "requestsPerClient", YamlFieldReader::IntRange{1, 1'000'000}, Presence::Required))
            plan.requestsPerClient = int(*requests);
        if (const auto concurrency = m_reader.integer(load, "concurrency", YamlFieldReader::IntRange{1, 10'000}))
            plan.concurrency = int(*concurrency);
        else
            plan.concurrency = std::min(plan.clients, 32);
        if (qint64(plan.clients) * plan.requestsPerClient > MaxLoadRequests)
            m_reader.error(m_reader.field(load, "requestsPerClient"),
                           u"expected at most " + QString::number(MaxLoadRequests) + u" requests in all (clients × requestsPerClient)");
        if (const auto fresh = m_reader.boolean(load, "newConnection"))
            plan.newConnection = *fresh;
        const YamlField request = m_reader.field(load, "request");
        if (request.present)
            plan.request = parseRequest(request, false);
        const YamlField thresholds = m_reader.field(load, "thresholds");
        if (m_reader.mapping(thresholds)) {
            for (auto it = thresholds.node.begin(); it != thresholds.node.end(); ++it) {
                const QString metricName = QString::fromStdString(it->first.Scalar());
                const YamlField value{it->second, it->second.IsNull() ? it->first.Mark() : it->second.Mark(), thresholds.path + u'.' + metricName, true};
                const auto metric = ScenarioThreshold::metricFromName(metricName);
                if (!metric) {
                    m_reader.error(YamlField{it->first, it->first.Mark(), value.path, true},
                                   u"unknown threshold " + YamlScalar::quoted(metricName) + u"; expected one of: " + ScenarioThreshold::metricNames().join(u", "));
                    continue;
                }
                const auto expression = text(value, Presence::Required);
                if (!expression)
                    continue;
                QString error;
                const auto comparison = Comparison::parse(*expression, ScenarioThreshold::unitOf(*metric), &error);
                if (!comparison) {
                    m_reader.error(value, error);
                    continue;
                }
                plan.thresholds.append(ScenarioThreshold{*metric, metricName, *comparison, m_reader.location(value)});
            }
        }
    }

    YamlFieldReader &m_reader;
    Scenario &m_scenario;
    QString m_baseDir;
};

} // namespace

ScenarioLoader::Result ScenarioLoader::loadFile(const QString &path)
{
    Result result;
    result.scenario.file = path;
    const QFileInfo info(path);
    if (!info.exists()) {
        result.diagnostics.append(Diagnostic::error(SourceLocation{path, 0, 0}, QString(), QStringLiteral("cannot read the scenario: no such file")));
        return result;
    }
    if (!info.isFile() || info.size() > MaxFileSize) {
        result.diagnostics.append(Diagnostic::error(SourceLocation{path, 0, 0}, QString(),
                                                    QStringLiteral("cannot read the scenario: not a regular file of at most 4 MiB")));
        return result;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.diagnostics.append(Diagnostic::error(SourceLocation{path, 0, 0}, QString(), u"cannot read the scenario: " + file.errorString()));
        return result;
    }
    return loadText(path, file.readAll(), info.absolutePath());
}

ScenarioLoader::Result ScenarioLoader::loadText(const QString &fileName, const QByteArray &text, const QString &baseDir)
{
    Result result;
    result.scenario.file = fileName;
    result.scenario.baseDir = baseDir;
    YamlFieldReader reader(fileName, 0, result.diagnostics);
    std::vector<YAML::Node> documents;
    try {
        documents = YAML::LoadAll(std::string(text.constData(), size_t(text.size())));
    } catch (const YAML::ParserException &e) {
        reader.error(YamlField{YAML::Node(), e.mark, QString(), false}, u"invalid YAML: " + QString::fromStdString(e.msg));
        return result;
    } catch (const std::exception &e) {
        reader.error(YamlField{}, u"invalid YAML: " + QString::fromStdString(e.what()));
        return result;
    }
    std::erase_if(documents, [](const YAML::Node &node) { return node.IsNull(); });
    if (documents.empty()) {
        reader.error(YamlField{}, QStringLiteral("the scenario is empty: expected name, manifests and steps"));
        return result;
    }
    if (documents.size() > 1)
        reader.error(reader.root(documents[1]), QStringLiteral("expected one YAML document per scenario file, got another one here"));
    try {
        Parser(reader, result.scenario, baseDir).parse(reader.root(documents.front()));
    } catch (const std::exception &e) {
        reader.error(reader.root(documents.front()), u"cannot read the scenario: " + QString::fromStdString(e.what()));
    }
    return result;
}

} // namespace gw
