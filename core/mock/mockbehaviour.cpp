#include "mockbehaviour.h"

#include "pipyoneliner.h"

namespace gw {

using namespace Qt::StringLiterals;

namespace {

// The repository part of an image reference: "flomesh/pipy" of "registry:5000/flomesh/pipy:0.99.0-2@sha256:…".
QString repository(const QString &image)
{
    QString name = image.section(u'@', 0, 0);
    const qsizetype slash = name.lastIndexOf(u'/');
    const qsizetype colon = name.lastIndexOf(u':');
    if (colon > slash)
        name.truncate(colon);
    return name.toLower();
}

bool isEchoImage(const QString &repo)
{
    return repo.contains(u"gateway-api/conformance/echo-basic") || repo.endsWith(u"/echo-basic") || repo == u"echo-basic"
        || repo.contains(u"echoserver");
}

bool isPipyImage(const QString &repo)
{
    return repo.section(u'/', -1).contains(u"pipy");
}

// echo-basic listens on $HTTP_PORT, 3000 by default.
int echoPort(const Container &container)
{
    for (const Container::EnvVar &env : container.env) {
        if (env.name == u"HTTP_PORT" && env.fieldRef.isEmpty()) {
            bool ok = false;
            const int port = env.value.toInt(&ok);
            if (ok && port > 0 && port < 65536)
                return port;
        }
    }
    return 3000;
}

struct ScriptArgument
{
    QString script;
    bool inArgs = false;
    bool found = false;
};

// `pipy -e <script>`, `--eval <script>`, `-e=<script>` / `--eval=<script>`, in command or args
// (a container's argv is command followed by args).
ScriptArgument findScript(const Container &container)
{
    const QStringList argv = container.command + container.args;
    for (qsizetype i = 0; i < argv.size(); ++i) {
        const QString &arg = argv.at(i);
        const bool inArgs = i >= container.command.size();
        if ((arg == u"-e" || arg == u"--eval") && i + 1 < argv.size())
            return {argv.at(i + 1), i + 1 >= container.command.size(), true};
        for (const QString &prefix : {u"-e="_s, u"--eval="_s}) {
            if (arg.startsWith(prefix))
                return {arg.sliced(prefix.size()), inArgs, true};
        }
    }
    return {};
}

QString quotedBody(const QByteArray &body)
{
    QString text = QString::fromUtf8(body);
    constexpr qsizetype kMax = 40;
    const bool cut = text.size() > kMax;
    if (cut)
        text.truncate(kMax);
    text.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s).replace(u'\n', u"\\n"_s).replace(u'\r', u"\\r"_s);
    return u'"' + text + (cut ? u"…\""_s : u"\""_s);
}

} // namespace

MockBehaviour MockBehaviour::fromContainer(const Container &container, const QString &fieldPath, Diagnostics &diagnostics)
{
    MockBehaviour behaviour;
    behaviour.image = container.image;
    const QString repo = repository(container.image);

    if (isPipyImage(repo)) {
        const ScriptArgument argument = findScript(container);
        const QString field = fieldPath + (argument.inArgs ? u".args"_s : u".command"_s);
        const QString example = u"pipy -e \"pipy().listen(8080).serveHTTP(new Message({status: 200}, 'Hello, world'))\""_s;
        if (!argument.found) {
            diagnostics.append(Diagnostic::error(container.location, field,
                u"expected a Pipy one-liner given with -e, such as "_s + example + u"; found no -e script"_s));
            return behaviour;
        }
        QString error;
        const std::optional<PipyOneLiner> script = PipyOneLiner::parse(argument.script, &error);
        if (!script) {
            diagnostics.append(Diagnostic::error(container.location, field,
                u"expected a Pipy one-liner of the form "_s + example + u": "_s + error));
            return behaviour;
        }
        behaviour.kind = Kind::StaticResponse;
        behaviour.status = script->status;
        behaviour.reason = script->reason;
        behaviour.headers = script->headers;
        behaviour.body = script->body;
        behaviour.listenPort = script->port;
        return behaviour;
    }

    behaviour.kind = Kind::Echo;
    behaviour.listenPort = echoPort(container);
    if (!isEchoImage(repo)) {
        behaviour.imageRecognised = false;
        const QString shown = container.image.isEmpty() ? u"(no image)"_s : u'"' + container.image + u'"';
        diagnostics.append(Diagnostic::warning(container.location, fieldPath + u".image"_s,
            u"image "_s + shown + u" is not simulated; the pod is answered with an echo of each request, as echo-basic would"_s));
    }
    return behaviour;
}

QString MockBehaviour::describe() const
{
    if (kind == Kind::StaticResponse)
        return u"pipy "_s + QString::number(status) + u' ' + quotedBody(body);
    if (imageRecognised)
        return u"echo-basic"_s;
    return u"echo (image "_s + image + u" is not simulated)"_s;
}

} // namespace gw
