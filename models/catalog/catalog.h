#pragma once

#include "catalog/catalogpart.h"
#include "workspace/connectionstatus.h"

#include <QObject>

#include <functional>
#include <vector>

namespace feastconsole {

// One row of the flattened catalog, as listed by the CLI and the simple window.
struct CatalogItem {
    QString registry;
    QString tenant;
    QString project;
    ObjectKind kind = ObjectKind::Project;
    QString name;
    QString featureView; // features only
    QString dtype;       // features only
    QString description;
    QString owner;
    Tags tags;
    const CatalogPart *part = nullptr;
    qsizetype object = -1;
    qsizetype feature = -1;
};

CatalogItem itemFor(const CatalogPart &part, qsizetype object, qsizetype feature);

struct CatalogFilter {
    std::optional<ObjectKind> kind;
    QString project;
    QString tenant;
    QString registry;
    bool accepts(const CatalogItem &item) const;
};

struct SearchResults {
    std::vector<CatalogPartPtr> parts; // keeps the hits' parts alive
    std::vector<SearchHit> hits;       // best first
    qsizetype total = 0;               // all matches, beyond the limit
};

// The catalog across every connection of a workspace. Lives in the GUI (or
// CLI) thread; parts arrive whole from loaders and replace one connection's
// data without touching the others. A connection that fails after a good
// load keeps its part, flagged stale.
class Catalog : public QObject
{
    Q_OBJECT
public:
    explicit Catalog(QObject *parent = nullptr);

    QStringList connections() const { return m_order; }
    void addConnection(const QString &name);
    void removeConnection(const QString &name);

    void setPart(const QString &connection, CatalogPartPtr part);
    void setStatus(const QString &connection, const ConnectionStatus &status);

    CatalogPartPtr part(const QString &connection) const;
    ConnectionStatus status(const QString &connection) const;
    std::vector<CatalogPartPtr> parts() const;

    // Every object and feature, in connection order, filtered.
    std::vector<CatalogItem> items(const CatalogFilter &filter = {}) const;
    // The same, one item at a time, for listings too big to hold at once.
    void forEachItem(const CatalogFilter &filter, const std::function<void(const CatalogItem &)> &visit) const;
    SearchResults search(const QString &text, int limit = 50) const;
    static SearchResults search(const std::vector<CatalogPartPtr> &parts, const SearchQuery &query,
                                const std::atomic_bool *cancel = nullptr);

Q_SIGNALS:
    void connectionsChanged();
    void partChanged(const QString &connection);
    void statusChanged(const QString &connection);

private:
    struct Entry {
        CatalogPartPtr part;
        ConnectionStatus status;
    };
    QStringList m_order;
    QHash<QString, Entry> m_entries;
};

} // namespace feastconsole
