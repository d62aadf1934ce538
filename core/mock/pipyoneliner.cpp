#include "pipyoneliner.h"

#include "http/httpsyntax.h"

namespace gw {

using namespace Qt::StringLiterals;

std::optional<PipyOneLiner> PipyOneLiner::parse(const QString &script, QString *error)
{
    PipyOneLiner result(script);
    if (!result.parseScript()) {
        if (error)
            *error = result.m_error;
        return std::nullopt;
    }
    return result;
}

bool PipyOneLiner::fail(const QString &expected)
{
    if (!m_error.isEmpty())
        return false;
    skipSpace();
    QString found;
    if (atEnd()) {
        found = u"the end of the script"_s;
    } else {
        const QString next = m_text.mid(m_pos, 16);
        found = u'"' + next + (m_pos + 16 < m_text.size() ? u"…"_s : QString()) + u'"';
    }
    m_error = u"expected "_s + expected + u" at column "_s + QString::number(m_pos + 1) + u", found "_s + found;
    return false;
}

void PipyOneLiner::skipSpace()
{
    while (!atEnd() && peek().isSpace())
        ++m_pos;
}

bool PipyOneLiner::accept(QStringView token)
{
    skipSpace();
    if (QStringView(m_text).sliced(m_pos).startsWith(token)) {
        m_pos += token.size();
        return true;
    }
    return false;
}

bool PipyOneLiner::expect(QStringView token)
{
    return accept(token) || fail(u'\'' + token.toString() + u'\'');
}

bool PipyOneLiner::parseIdentifier(QString &name)
{
    skipSpace();
    const qsizetype start = m_pos;
    auto isStart = [](QChar c) { return c.isLetter() || c == u'_' || c == u'$'; };
    if (atEnd() || !isStart(peek()))
        return false;
    while (!atEnd() && (isStart(peek()) || peek().isDigit()))
        ++m_pos;
    name = m_text.mid(start, m_pos - start);
    return true;
}

bool PipyOneLiner::parseInteger(int &value)
{
    skipSpace();
    const qsizetype start = m_pos;
    while (!atEnd() && peek() >= u'0' && peek() <= u'9')
        ++m_pos;
    if (m_pos == start || m_pos - start > 9) {
        m_pos = start;
        return false;
    }
    value = QStringView(m_text).sliced(start, m_pos - start).toInt();
    return true;
}

bool PipyOneLiner::parseString(QString &value)
{
    skipSpace();
    const QChar quote = peek();
    if (quote != u'\'' && quote != u'"' && quote != u'`')
        return false;
    const qsizetype start = m_pos++;
    value.clear();
    while (!atEnd()) {
        const QChar c = m_text.at(m_pos++);
        if (c == quote)
            return true;
        if (quote == u'`' && c == u'$' && peek() == u'{') {
            m_pos = start;
            return fail(u"a plain string (template substitutions are not simulated)"_s);
        }
        if (c == u'\n' && quote != u'`')
            break;
        if (c != u'\\') {
            value += c;
            continue;
        }
        if (atEnd())
            break;
        const QChar e = m_text.at(m_pos++);
        switch (e.unicode()) {
        case 'n': value += u'\n'; break;
        case 'r': value += u'\r'; break;
        case 't': value += u'\t'; break;
        case 'b': value += u'\b'; break;
        case 'f': value += u'\f'; break;
        case 'v': value += u'\v'; break;
        case '0': value += QChar(0); break;
        case 'x':
        case 'u': {
            const qsizetype digits = e == u'x' ? 2 : 4;
            bool ok = false;
            const uint code = QStringView(m_text).sliced(m_pos, qMin(digits, m_text.size() - m_pos)).toUInt(&ok, 16);
            if (!ok || m_pos + digits > m_text.size()) {
                m_pos -= 2;
                return fail(u"a \\x or \\u escape with hexadecimal digits"_s);
            }
            value += QChar(char16_t(code));
            m_pos += digits;
            break;
        }
        default: value += e; break;
        }
    }
    m_pos = start;
    return fail(u"a string closed by "_s + quote);
}

bool PipyOneLiner::parseKey(QString &key)
{
    return parseIdentifier(key) || parseString(key);
}

bool PipyOneLiner::parseScript()
{
    QString name;
    const qsizetype start = m_pos;
    if (!parseIdentifier(name) || name != u"pipy") {
        m_pos = start;
        return fail(u"pipy()"_s);
    }
    if (!expect(u"(") || !expect(u")"))
        return false;
    while (accept(u".")) {
        if (!parseChain())
            return false;
    }
    accept(u";");
    skipSpace();
    if (!atEnd())
        return fail(m_served ? u"the end of the script"_s : u"'.serveHTTP(new Message(...))'"_s);
    if (!m_listened)
        return fail(u"'.listen(<port>)'"_s);
    if (!m_served)
        return fail(u"'.serveHTTP(new Message(...))'"_s);
    return true;
}

bool PipyOneLiner::parseChain()
{
    const qsizetype start = m_pos;
    QString name;
    if (parseIdentifier(name)) {
        if (name == u"listen" && !m_listened)
            return parseListen();
        if (name == u"serveHTTP" && m_listened && !m_served)
            return parseServeHttp();
    }
    m_pos = start;
    return fail(m_listened ? u"'serveHTTP(new Message(...))'"_s : u"'listen(<port>)'"_s);
}

bool PipyOneLiner::parseListen()
{
    if (!expect(u"("))
        return false;
    const qsizetype start = m_pos;
    QString address;
    int value = 0;
    bool ok = true;
    if (parseString(address)) {
        // '0.0.0.0:8080', '[::]:8080' or '8080'
        value = address.sliced(address.lastIndexOf(u':') + 1).toInt(&ok);
    } else if (!parseInteger(value)) {
        ok = false;
    }
    if (!ok || value < 1 || value > 65535) {
        m_pos = start;
        return fail(u"a port number 1-65535"_s);
    }
    port = value;
    m_listened = true;
    return expect(u")");
}

bool PipyOneLiner::parseServeHttp()
{
    if (!expect(u"("))
        return false;
    // Pipy also takes a function returning the message: () => new Message(...)
    if (accept(u"(")) {
        if (!expect(u")") || !expect(u"=>"))
            return false;
    }
    if (!parseMessage())
        return false;
    m_served = true;
    return expect(u")");
}

bool PipyOneLiner::parseMessage()
{
    const qsizetype start = m_pos;
    QString word;
    if (!parseIdentifier(word) || word != u"new") {
        m_pos = start;
        return fail(u"'new Message(...)'"_s);
    }
    const qsizetype afterNew = m_pos;
    if (!parseIdentifier(word) || word != u"Message") {
        m_pos = afterNew;
        return fail(u"'Message(...)'"_s);
    }
    if (!expect(u"("))
        return false;
    if (accept(u")"))
        return true;
    QString text;
    skipSpace();
    if (peek() == u'{') {
        if (!parseHead())
            return false;
        if (accept(u",")) {
            if (!parseString(text))
                return fail(u"the body as a string"_s);
            body = text.toUtf8();
        }
    } else if (parseString(text)) {
        body = text.toUtf8();
    } else {
        return fail(u"a head object {status: ...} or a body string"_s);
    }
    return expect(u")");
}

bool PipyOneLiner::parseHead()
{
    if (!expect(u"{"))
        return false;
    while (!accept(u"}")) {
        const qsizetype keyStart = m_pos;
        QString key;
        if (!parseKey(key))
            return fail(u"a property name or '}'"_s);
        if (!expect(u":"))
            return false;
        const qsizetype valueStart = m_pos;
        if (key == u"status") {
            if (!parseInteger(status) || status < 100 || status > 999) {
                m_pos = valueStart;
                return fail(u"a status code 100-999"_s);
            }
        } else if (key == u"statusText") {
            QString text;
            if (!parseString(text))
                return fail(u"statusText as a string"_s);
            reason = text.toUtf8();
        } else if (key == u"headers") {
            if (!parseHeaders())
                return false;
        } else {
            m_pos = keyStart;
            return fail(u"status, statusText or headers"_s);
        }
        if (!accept(u",")) {
            if (!expect(u"}"))
                return false;
            break;
        }
    }
    return true;
}

bool PipyOneLiner::parseHeaders()
{
    if (!expect(u"{"))
        return false;
    while (!accept(u"}")) {
        const qsizetype nameStart = m_pos;
        QString name;
        if (!parseKey(name))
            return fail(u"a header name or '}'"_s);
        const QByteArray nameBytes = name.toUtf8();
        if (!HttpSyntax::isToken(nameBytes)) {
            m_pos = nameStart;
            return fail(u"a valid header name"_s);
        }
        if (!expect(u":"))
            return false;
        const qsizetype valueStart = m_pos;
        QString value;
        int number = 0;
        if (parseInteger(number))
            value = QString::number(number);
        else if (!parseString(value))
            return fail(u"a header value as a string or number"_s);
        const QByteArray valueBytes = value.toUtf8();
        for (char c : valueBytes) {
            if (!HttpSyntax::isFieldValueChar(static_cast<uchar>(c))) {
                m_pos = valueStart;
                return fail(u"a header value without control characters"_s);
            }
        }
        headers.append(nameBytes, valueBytes);
        if (!accept(u",")) {
            if (!expect(u"}"))
                return false;
            break;
        }
    }
    return true;
}

} // namespace gw
