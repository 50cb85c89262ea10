#pragma once

#include <QByteArray>
#include <QSettings>
#include <QStringList>

namespace feastconsole {

// Every setting the desktop keeps, typed, over one QSettings. Nothing else
// reads or writes QSettings.
class AppSettings
{
public:
    AppSettings();

    QStringList recentWorkspaces() const;
    void addRecentWorkspace(const QString &path); // most recent first, at most 10
    QString lastWorkspace() const;

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray splitterState() const;
    void setSplitterState(const QByteArray &state);
    // Hidden columns of list pages, by kind id.
    QList<int> hiddenColumns(const QString &kind) const;
    void setHiddenColumns(const QString &kind, const QList<int> &columns);

    // The latency dashboard's value scale: "robust", "full" or "log" (chartscale.h).
    QString latencyValueScale() const;
    void setLatencyValueScale(const QString &id);

    static constexpr int maxRecent = 10;

private:
    mutable QSettings m_settings;
};

} // namespace feastconsole
