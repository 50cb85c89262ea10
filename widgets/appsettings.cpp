#include "appsettings.h"

#include "privatefile.h"

#include <QFileInfo>

namespace feastconsole {

AppSettings::AppSettings()
    : m_settings(QStringLiteral("feast-console"), QStringLiteral("feast-console"))
{
    // Recent workspaces and window state are nobody else's business; QSettings
    // keeps the mode of the file it rewrites.
    restrictToOwner(m_settings.fileName());
}

QStringList AppSettings::recentWorkspaces() const
{
    return m_settings.value(QStringLiteral("workspaces/recent")).toStringList();
}

void AppSettings::addRecentWorkspace(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList recent = recentWorkspaces();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > maxRecent)
        recent.removeLast();
    m_settings.setValue(QStringLiteral("workspaces/recent"), recent);
}

QString AppSettings::lastWorkspace() const
{
    const QStringList recent = recentWorkspaces();
    return recent.isEmpty() ? QString() : recent.front();
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(QStringLiteral("window/geometry")).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings.setValue(QStringLiteral("window/geometry"), geometry);
}

QByteArray AppSettings::windowState() const
{
    return m_settings.value(QStringLiteral("window/state")).toByteArray();
}

void AppSettings::setWindowState(const QByteArray &state)
{
    m_settings.setValue(QStringLiteral("window/state"), state);
}

QByteArray AppSettings::splitterState() const
{
    return m_settings.value(QStringLiteral("window/splitter")).toByteArray();
}

void AppSettings::setSplitterState(const QByteArray &state)
{
    m_settings.setValue(QStringLiteral("window/splitter"), state);
}

QList<int> AppSettings::hiddenColumns(const QString &kind) const
{
    QList<int> columns;
    for (const QVariant &v : m_settings.value(QStringLiteral("lists/%1/hidden").arg(kind)).toList())
        columns.append(v.toInt());
    return columns;
}

void AppSettings::setHiddenColumns(const QString &kind, const QList<int> &columns)
{
    QVariantList list;
    for (int c : columns)
        list.append(c);
    m_settings.setValue(QStringLiteral("lists/%1/hidden").arg(kind), list);
}

} // namespace feastconsole
