#pragma once

#include "workspace/connectionspec.h"
#include "catalog/registrysnapshot.h"
#include "catalog/searchindex.h"

#include <QHash>
#include <QString>

#include <memory>

namespace feastconsole {

// One connection's contribution to the catalog: its snapshot, the tenant of
// each project, and its search index. Built off the GUI thread, then shared
// read-only; refreshing one connection replaces only its part.
class CatalogPart
{
public:
    static std::shared_ptr<const CatalogPart> build(const ConnectionSpec &spec, SnapshotPtr snapshot);

    const QString &registry() const { return m_registry; }
    ConnectionMode mode() const { return m_mode; }
    const RegistrySnapshot &snapshot() const { return *m_snapshot; }
    const SnapshotPtr &snapshotPtr() const { return m_snapshot; }
    const SearchIndex &index() const { return m_index; }

    const QStringList &projects() const { return m_projects; }
    const QStringList &tenants() const { return m_tenants; }
    int projectIdOf(qsizetype objectIndex) const { return m_objectProject[size_t(objectIndex)]; }
    int tenantIdOfProject(int projectId) const { return m_projectTenant[size_t(projectId)]; }
    QString tenantOf(QStringView project) const;
    const Tags &projectTags(int projectId) const { return m_projectTags[size_t(projectId)]; }

private:
    CatalogPart() = default;

    QString m_registry;
    ConnectionMode m_mode = ConnectionMode::Isolated;
    SnapshotPtr m_snapshot;
    QStringList m_projects;
    QStringList m_tenants;
    std::vector<int> m_objectProject;  // per object
    std::vector<int> m_projectTenant;  // per project
    std::vector<Tags> m_projectTags;   // per project
    SearchIndex m_index;
};

using CatalogPartPtr = std::shared_ptr<const CatalogPart>;

} // namespace feastconsole
