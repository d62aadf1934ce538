#pragma once

#include "client/cookiejar.h"

#include <QAbstractTableModel>
#include <functional>

namespace gw::ui {

// One simulated client's cookie jar as a table: name, value (editable: a user can forge or mistype
// a session cookie and watch the gateway re-pin), domain, path, and the time left on the lab
// clock. The jar is shared with a client on another thread, so the model reads snapshots of it.
class CookieJarModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CookieJarModel)

public:
    enum Column { NameColumn, ValueColumn, DomainColumn, PathColumn, ExpiresColumn, ColumnCount };
    using Clock = std::function<qint64()>;

    explicit CookieJarModel(Clock clock, QObject *parent = nullptr);

    void setJar(CookieJar *jar);
    CookieJar *jar() const { return m_jar; }
    // Reads the jar again: one reset when the set of cookies changed, one dataChanged otherwise.
    void refresh();
    void addCookie(const QByteArray &name, const QByteArray &value, const QString &domain);
    void removeCookie(int row);
    void clearJar();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Clock m_clock;
    CookieJar *m_jar = nullptr;
    QList<CookieJar::Cookie> m_cookies;
};

} // namespace gw::ui
