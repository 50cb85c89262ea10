#include "catalog/pagelocation.h"

#include <QCoreApplication>

namespace feastconsole {

PageLocation PageLocation::list(const QString &connection, const QString &tenant, const QString &project,
                                std::optional<ObjectKind> kind)
{
    PageLocation l;
    l.page = Page::List;
    l.connection = connection;
    l.tenant = tenant;
    l.project = project;
    l.kind = kind;
    return l;
}

PageLocation PageLocation::object(const QString &connection, const QString &project, ObjectKind kind,
                                  const QString &name, const QString &feature)
{
    PageLocation l;
    l.page = Page::Object;
    l.connection = connection;
    l.project = project;
    l.kind = kind;
    l.name = name;
    l.feature = feature;
    return l;
}

QString PageLocation::title() const
{
    auto tr = [](const char *text) { return QCoreApplication::translate("PageLocation", text); };
    switch (page) {
    case Page::Overview: return tr("Overview");
    case Page::List: {
        const QString what = kind ? kindTitle(*kind) : tr("Everything");
        const QString where = !project.isEmpty() ? project : !tenant.isEmpty() ? tenant : connection;
        return where.isEmpty() ? what : QStringLiteral("%1 · %2").arg(what, where);
    }
    case Page::Object:
        return feature.isEmpty() ? QStringLiteral("%1 %2").arg(kind ? kindName(*kind) : QString(), name)
                                 : QStringLiteral("%1 %2:%3").arg(kindName(ObjectKind::Feature), name, feature);
    case Page::Search: return query.isEmpty() ? tr("Search") : tr("Search: %1").arg(query);
    case Page::Lineage: return tr("Lineage · %1").arg(project.isEmpty() ? connection : project);
    case Page::Compare: return tr("Compare");
    case Page::Permissions: return tr("Permissions · %1").arg(project.isEmpty() ? connection : project);
    case Page::AccessMatrix: return tr("Access matrix");
    case Page::Materialization: return tr("Materialization");
    case Page::Latency: return tr("Latency");
    }
    return {};
}

void NavigationHistory::visit(const PageLocation &location)
{
    if (const PageLocation *now = current(); now && *now == location)
        return;
    m_pages.resize(m_current + 1);
    m_pages.append(location);
    if (m_pages.size() > m_capacity)
        m_pages.removeFirst();
    m_current = m_pages.size() - 1;
}

PageLocation NavigationHistory::back()
{
    if (canGoBack())
        --m_current;
    return m_current >= 0 ? m_pages[m_current] : PageLocation();
}

PageLocation NavigationHistory::forward()
{
    if (canGoForward())
        ++m_current;
    return m_current >= 0 ? m_pages[m_current] : PageLocation();
}

} // namespace feastconsole
