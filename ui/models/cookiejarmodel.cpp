#include "cookiejarmodel.h"

#include "sessiontablemodel.h"

#include <QBrush>
#include <QColor>

namespace gw::ui {

namespace {

// Same cookie in the RFC 6265 sense: name, domain and path.
bool sameIdentity(const CookieJar::Cookie &a, const CookieJar::Cookie &b)
{
    return a.name == b.name && a.domain == b.domain && a.path == b.path;
}

} // namespace

CookieJarModel::CookieJarModel(Clock clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(std::move(clock))
{
}

void CookieJarModel::setJar(CookieJar *jar)
{
    beginResetModel();
    m_jar = jar;
    m_cookies = jar ? jar->cookies() : QList<CookieJar::Cookie>();
    endResetModel();
}

void CookieJarModel::refresh()
{
    const QList<CookieJar::Cookie> cookies = m_jar ? m_jar->cookies() : QList<CookieJar::Cookie>();
    bool sameRows = cookies.size() == m_cookies.size();
    for (qsizetype i = 0; sameRows && i < cookies.size(); ++i)
        sameRows = sameIdentity(cookies.at(i), m_cookies.at(i));
    if (!sameRows) {
        beginResetModel();
        m_cookies = cookies;
        endResetModel();
        return;
    }
    m_cookies = cookies;
    // The time left changes every second even when the cookies do not.
    if (!m_cookies.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_cookies.size()) - 1, ColumnCount - 1));
}

void CookieJarModel::addCookie(const QByteArray &name, const QByteArray &value, const QString &domain)
{
    if (!m_jar || name.isEmpty())
        return;
    CookieJar::Cookie cookie;
    cookie.name = name;
    cookie.value = value;
    cookie.domain = domain.toLower();
    cookie.createdAtMs = m_clock();
    m_jar->set(cookie);
    refresh();
}

void CookieJarModel::removeCookie(int row)
{
    if (!m_jar || row < 0 || row >= m_cookies.size())
        return;
    const CookieJar::Cookie &cookie = m_cookies.at(row);
    m_jar->remove(cookie.name, cookie.domain, cookie.path);
    refresh();
}

void CookieJarModel::clearJar()
{
    if (m_jar)
        m_jar->clear();
    refresh();
}

int CookieJarModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_cookies.size());
}

int CookieJarModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CookieJarModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_cookies.size())
        return {};
    const CookieJar::Cookie &cookie = m_cookies.at(index.row());
    const qint64 now = m_clock();
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
        switch (index.column()) {
        case NameColumn: return QString::fromLatin1(cookie.name);
        case ValueColumn: return QString::fromLatin1(cookie.value);
        case DomainColumn: return cookie.domain;
        case PathColumn: return QString::fromLatin1(cookie.path);
        case ExpiresColumn:
            if (cookie.expiresAtMs < 0)
                return tr("session");
            return cookie.isExpired(now) ? tr("expired") : SessionTableModel::durationText(cookie.expiresAtMs - now);
        }
    }
    if (role == Qt::ForegroundRole && cookie.isExpired(now))
        return QBrush(QColor(0x9e, 0x9e, 0x9e));
    return {};
}

bool CookieJarModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!m_jar || role != Qt::EditRole || index.column() != ValueColumn || index.row() >= m_cookies.size())
        return false;
    CookieJar::Cookie cookie = m_cookies.at(index.row());
    cookie.value = value.toString().toLatin1();
    m_jar->set(cookie);
    m_cookies[index.row()] = cookie;
    Q_EMIT dataChanged(index, index);
    return true;
}

Qt::ItemFlags CookieJarModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags result = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == ValueColumn)
        result |= Qt::ItemIsEditable;
    return result;
}

QVariant CookieJarModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case ValueColumn: return tr("Value");
    case DomainColumn: return tr("Domain");
    case PathColumn: return tr("Path");
    case ExpiresColumn: return tr("Expires in");
    }
    return {};
}

} // namespace gw::ui
