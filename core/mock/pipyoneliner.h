#pragma once

#include "http/httpheaders.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace gw {

// The Pipy scripts that tutorials put in a container's command, read the way Pipy would run them:
//   pipy().listen(8080).serveHTTP(new Message({status: 200, headers: {'content-type': 'text/plain'}}, 'Hello, world'))
// Only this shape is understood (a fixed answer on one port): single, double or back quotes, any
// whitespace, an optional `() =>` before the Message, and Message(), Message(body), Message(head)
// or Message(head, body). Anything else is reported with the column where reading stopped.
class PipyOneLiner final
{
public:
    static std::optional<PipyOneLiner> parse(const QString &script, QString *error);

    int port = 0;
    int status = 200;
    QByteArray reason;           // the head's statusText, when given
    HttpHeaders headers;
    QByteArray body;

private:
    explicit PipyOneLiner(const QString &script) : m_text(script) {}

    bool parseScript();
    bool parseChain();
    bool parseListen();
    bool parseServeHttp();
    bool parseMessage();
    bool parseHead();
    bool parseHeaders();
    bool parseString(QString &value);
    bool parseInteger(int &value);
    bool parseKey(QString &key);
    bool parseIdentifier(QString &name);
    bool expect(QStringView token);
    bool accept(QStringView token);
    bool fail(const QString &expected);
    void skipSpace();
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_text.at(m_pos); }

    QString m_text;
    qsizetype m_pos = 0;
    bool m_listened = false;
    bool m_served = false;
    QString m_error;
};

} // namespace gw
