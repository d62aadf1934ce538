#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace gw::ui {

// The Traffic view's quick filter, in the spirit of mitmproxy's filter expressions but in words:
//   pipy-1              a bare word: any field contains it (case-insensitive)
//   status:5xx          a status class; also status:503, status:>=400, status:<300
//   method:POST  host:  path:/cart  client:alice  route:fortio  pod:pipy-2  service:pipy
//   sticky:repinned     sticky decision (new, honoured, repinned, none); punctuation is ignored
//   cookie:7252         the sticky cookie sent or issued
//   !term               not;  a|b  either;  terms separated by spaces must all hold
//   "two words"         quotes keep a value together
// It knows nothing of the core's types (the proxy model hands it plain fields), so it is tested
// and reused on its own.
class FlowFilter
{
public:
    struct Fields
    {
        int status = 0;
        QString method;
        QString host;
        QString path;
        QString client;
        QString route;
        QString pod;
        QString service;
        QString sticky;
        QString cookie;
    };

    FlowFilter() = default;
    explicit FlowFilter(const QString &text);

    bool isEmpty() const { return m_clauses.isEmpty(); }
    bool isValid() const { return m_error.isEmpty(); }
    // Why the text is not a filter ("unknown field 'pdo' (fields: status, method, ...)"); empty when valid.
    QString error() const { return m_error; }
    QString text() const { return m_text; }
    bool matches(const Fields &fields) const;

    static QStringList fieldNames();

private:
    enum class Field { Any, Status, Method, Host, Path, Client, Route, Pod, Service, Sticky, Cookie };
    enum class StatusOp { Equal, Class, Less, LessEqual, Greater, GreaterEqual };
    struct Term
    {
        Field field = Field::Any;
        QString value;                 // lower-case (sticky: letters and digits only)
        StatusOp statusOp = StatusOp::Equal;
        int statusValue = 0;
    };
    struct Clause
    {
        bool negated = false;
        QList<Term> alternatives;      // any of them
    };

    static QStringList tokenize(const QString &text);
    bool parseTerm(const QString &text, Term *term);
    static bool termMatches(const Term &term, const Fields &fields);
    static QString normalizedSticky(const QString &text);

    QString m_text;
    QString m_error;
    QList<Clause> m_clauses;
};

} // namespace gw::ui
