#pragma once

#include "catalog/objectkind.h"

#include <QList>
#include <QString>

#include <optional>

namespace feastconsole {

// Where the desktop content area is: one page and what it shows. Scopes
// narrow from left to right: connection, tenant, project, kind.
struct PageLocation {
    enum class Page { Overview, List, Object, Search, Lineage, Compare, Permissions, AccessMatrix, Materialization, Latency };
    Page page = Page::Overview;
    QString connection;
    QString tenant;
    QString project;
    std::optional<ObjectKind> kind; // List: the kind listed; Object: the object's kind
    QString name;                   // Object: its name (a feature: its view's name)
    QString feature;                // Object: a feature of the view `name`
    QString query;                  // Search

    QString title() const;
    friend bool operator==(const PageLocation &, const PageLocation &) = default;

    static PageLocation overview() { return {}; }
    static PageLocation list(const QString &connection, const QString &tenant, const QString &project,
                             std::optional<ObjectKind> kind);
    static PageLocation object(const QString &connection, const QString &project, ObjectKind kind,
                               const QString &name, const QString &feature = {});
};

// Back and forward through visited pages, like a browser: visiting a page
// after going back drops the forward pages. Visiting the current page again
// changes nothing. Bounded; the oldest pages fall off.
class NavigationHistory
{
public:
    explicit NavigationHistory(int capacity = 200) : m_capacity(capacity) {}

    void visit(const PageLocation &location);
    bool canGoBack() const { return m_current > 0; }
    bool canGoForward() const { return m_current + 1 < m_pages.size(); }
    PageLocation back();
    PageLocation forward();
    const PageLocation *current() const { return m_current >= 0 ? &m_pages[m_current] : nullptr; }
    qsizetype size() const { return m_pages.size(); }

private:
    QList<PageLocation> m_pages;
    qsizetype m_current = -1;
    int m_capacity;
};

} // namespace feastconsole
