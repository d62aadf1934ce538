#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QMutex>
#include <QString>
#include <optional>

namespace gw {

// A simulated client's cookies, as a browser keeps them (RFC 6265 §5.3-5.4, without public-suffix
// rules): Set-Cookie stores, replaces or (with an expiry in the past) deletes; expiry is judged on
// the lab's clock, so fast-forwarding the clock expires cookies. Thread-safe: the app shows and
// edits a jar while its client runs elsewhere.
class CookieJar
{
public:
    struct Cookie
    {
        QByteArray name;
        QByteArray value;
        QString domain;              // lower-case host (host-only) or Domain attribute without leading dot
        bool hostOnly = true;
        QByteArray path = "/";
        qint64 expiresAtMs = -1;     // -1: a session cookie (kept until cleared)
        qint64 createdAtMs = 0;
        bool secure = false;
        bool httpOnly = false;

        bool isExpired(qint64 nowMs) const { return expiresAtMs >= 0 && expiresAtMs <= nowMs; }
        friend bool operator==(const Cookie &, const Cookie &) = default;
    };

    CookieJar() = default;
    CookieJar(const CookieJar &other);
    CookieJar &operator=(const CookieJar &other);

    // Applies every Set-Cookie value of a response to a request for `host` + `requestPath`.
    // Max-Age wins over Expires; both are measured from `nowMs`.
    void storeFromResponse(const QString &host, const QByteArray &requestPath, const QList<QByteArray> &setCookieValues, qint64 nowMs);
    // The Cookie header value for a request, or an empty array when no cookie applies.
    QByteArray cookieHeader(const QString &host, const QByteArray &path, qint64 nowMs) const;

    QList<Cookie> cookies() const;                          // every stored cookie, expired ones too
    QList<Cookie> liveCookies(qint64 nowMs) const;
    void set(const Cookie &cookie);                         // replaces the one with the same name/domain/path
    bool remove(const QByteArray &name, const QString &domain, const QByteArray &path);
    void clear();
    bool isEmpty() const;

    // Parses one Set-Cookie value for a response to `host` + `requestPath`; `*valid` is false when the
    // value is no cookie (no name) or names a Domain the host is not in.
    static Cookie parseSetCookie(const QByteArray &value, const QString &host, const QByteArray &requestPath, qint64 nowMs, bool *valid);
    // An Expires date as browsers read it (RFC 6265 §5.1.1): IMF-fixdate, RFC 850, asctime and
    // FSM's space-padded "Fri,  5 Jan 2024 19:15:23 GMT". UTC epoch ms, nullopt when unreadable.
    static std::optional<qint64> parseCookieDate(QByteArrayView text);

private:
    mutable QMutex m_mutex;
    QList<Cookie> m_cookies;
};

} // namespace gw
