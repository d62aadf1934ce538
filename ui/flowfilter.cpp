#include "flowfilter.h"

namespace gw::ui {

namespace {

bool containsText(const QString &haystack, const QString &lowerNeedle)
{
    return haystack.contains(lowerNeedle, Qt::CaseInsensitive);
}

} // namespace

FlowFilter::FlowFilter(const QString &text)
    : m_text(text)
{
    for (const QString &token : tokenize(text)) {
        Clause clause;
        QString body = token;
        if (body.startsWith(u'!')) {
            clause.negated = true;
            body.remove(0, 1);
        }
        for (const QString &alternative : body.split(u'|', Qt::SkipEmptyParts)) {
            Term term;
            if (!parseTerm(alternative, &term)) {
                m_clauses.clear();
                return;
            }
            clause.alternatives.append(term);
        }
        if (!clause.alternatives.isEmpty())
            m_clauses.append(clause);
    }
}

QStringList FlowFilter::fieldNames()
{
    return {QStringLiteral("status"), QStringLiteral("method"), QStringLiteral("host"), QStringLiteral("path"), QStringLiteral("client"),
            QStringLiteral("route"), QStringLiteral("pod"), QStringLiteral("service"), QStringLiteral("sticky"), QStringLiteral("cookie")};
}

QStringList FlowFilter::tokenize(const QString &text)
{
    // Splits on spaces outside double quotes; the quotes themselves are dropped.
    QStringList tokens;
    QString current;
    bool quoted = false;
    for (const QChar c : text) {
        if (c == u'"') {
            quoted = !quoted;
        } else if (c.isSpace() && !quoted) {
            if (!current.isEmpty())
                tokens.append(current);
            current.clear();
        } else {
            current.append(c);
        }
    }
    if (!current.isEmpty())
        tokens.append(current);
    return tokens;
}

QString FlowFilter::normalizedSticky(const QString &text)
{
    // "re-pinned", "repinned" and "Re pinned" are the same decision to a person typing.
    QString result;
    for (const QChar c : text) {
        if (c.isLetterOrNumber())
            result.append(c.toLower());
    }
    return result;
}

bool FlowFilter::parseTerm(const QString &text, Term *term)
{
    const qsizetype colon = text.indexOf(u':');
    if (colon <= 0) {
        term->field = Field::Any;
        term->value = text.toLower();
        return true;
    }
    const QString name = text.left(colon).toLower();
    const QString value = text.mid(colon + 1);
    static const QList<QPair<QString, Field>> names{
        {QStringLiteral("status"), Field::Status}, {QStringLiteral("method"), Field::Method}, {QStringLiteral("host"), Field::Host},
        {QStringLiteral("path"), Field::Path},     {QStringLiteral("client"), Field::Client}, {QStringLiteral("route"), Field::Route},
        {QStringLiteral("pod"), Field::Pod},       {QStringLiteral("service"), Field::Service}, {QStringLiteral("sticky"), Field::Sticky},
        {QStringLiteral("cookie"), Field::Cookie}};
    const auto known = std::find_if(names.cbegin(), names.cend(), [&name](const auto &entry) { return entry.first == name; });
    if (known == names.cend()) {
        // A bare word that happens to hold a colon (a URL, host:port) is still a bare word.
        if (name.contains(u'/') || name.contains(u'.') || name.front().isDigit()) {
            term->field = Field::Any;
            term->value = text.toLower();
            return true;
        }
        m_error = QStringLiteral("unknown field '%1' (fields: %2)").arg(name, fieldNames().join(QStringLiteral(", ")));
        return false;
    }
    term->field = known->second;
    if (term->field == Field::Sticky) {
        term->value = normalizedSticky(value);
        return true;
    }
    term->value = value.toLower();
    if (term->field != Field::Status)
        return true;

    QString number = value;
    if (number.size() == 3 && number.endsWith(QStringLiteral("xx"), Qt::CaseInsensitive) && number.front().isDigit()) {
        term->statusOp = StatusOp::Class;
        term->statusValue = number.front().digitValue();
        return true;
    }
    static const QList<QPair<QString, StatusOp>> operators{{QStringLiteral(">="), StatusOp::GreaterEqual},
                                                           {QStringLiteral("<="), StatusOp::LessEqual},
                                                           {QStringLiteral(">"), StatusOp::Greater},
                                                           {QStringLiteral("<"), StatusOp::Less},
                                                           {QStringLiteral("="), StatusOp::Equal}};
    term->statusOp = StatusOp::Equal;
    for (const auto &[prefix, op] : operators) {
        if (number.startsWith(prefix)) {
            term->statusOp = op;
            number = number.mid(prefix.size());
            break;
        }
    }
    bool ok = false;
    term->statusValue = number.toInt(&ok);
    if (!ok) {
        m_error = QStringLiteral("status:%1 is not a status (try status:503, status:5xx or status:>=400)").arg(value);
        return false;
    }
    return true;
}

bool FlowFilter::termMatches(const Term &term, const Fields &fields)
{
    switch (term.field) {
    case Field::Any:
        return QString::number(fields.status).contains(term.value) || containsText(fields.method, term.value)
               || containsText(fields.host, term.value) || containsText(fields.path, term.value) || containsText(fields.client, term.value)
               || containsText(fields.route, term.value) || containsText(fields.pod, term.value) || containsText(fields.service, term.value)
               || containsText(fields.sticky, term.value) || containsText(fields.cookie, term.value);
    case Field::Status:
        switch (term.statusOp) {
        case StatusOp::Equal: return fields.status == term.statusValue;
        case StatusOp::Class: return fields.status / 100 == term.statusValue;
        case StatusOp::Less: return fields.status < term.statusValue;
        case StatusOp::LessEqual: return fields.status <= term.statusValue;
        case StatusOp::Greater: return fields.status > term.statusValue;
        case StatusOp::GreaterEqual: return fields.status >= term.statusValue;
        }
        return false;
    case Field::Method: return fields.method.compare(term.value, Qt::CaseInsensitive) == 0;
    case Field::Host: return containsText(fields.host, term.value);
    case Field::Path: return containsText(fields.path, term.value);
    case Field::Client: return containsText(fields.client, term.value);
    case Field::Route: return containsText(fields.route, term.value);
    case Field::Pod: return containsText(fields.pod, term.value);
    case Field::Service: return containsText(fields.service, term.value);
    case Field::Sticky: return normalizedSticky(fields.sticky).contains(term.value);
    case Field::Cookie: return containsText(fields.cookie, term.value);
    }
    return false;
}

bool FlowFilter::matches(const Fields &fields) const
{
    for (const Clause &clause : m_clauses) {
        const bool any = std::any_of(clause.alternatives.cbegin(), clause.alternatives.cend(),
                                     [&fields](const Term &term) { return termMatches(term, fields); });
        if (any == clause.negated)
            return false;
    }
    return true;
}

} // namespace gw::ui
