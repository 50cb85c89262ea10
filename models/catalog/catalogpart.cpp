#include "catalog/catalogpart.h"

namespace feastconsole {

std::shared_ptr<const CatalogPart> CatalogPart::build(const ConnectionSpec &spec, SnapshotPtr snapshot)
{
    std::shared_ptr<CatalogPart> part(new CatalogPart);
    part->m_registry = spec.name;
    part->m_mode = spec.mode;
    part->m_snapshot = std::move(snapshot);
    const RegistrySnapshot &snap = *part->m_snapshot;

    QHash<QString, int> projectIds;
    for (const QString &project : snap.projects()) {
        projectIds.insert(project, int(part->m_projects.size()));
        part->m_projects.append(project);
    }
    part->m_projectTags.resize(size_t(part->m_projects.size()));
    for (const CatalogObject &o : snap.objects) {
        if (o.kind == ObjectKind::Project && projectIds.contains(o.name))
            part->m_projectTags[size_t(projectIds.value(o.name))] = o.tags;
    }

    QHash<QString, int> tenantIds;
    for (qsizetype p = 0; p < part->m_projects.size(); ++p) {
        QString tenant;
        if (spec.mode == ConnectionMode::Isolated) {
            tenant = spec.tenant;
        } else if (!spec.tenantTag.isEmpty()) {
            tenant = tagValue(part->m_projectTags[size_t(p)], spec.tenantTag);
        }
        if (tenant.isEmpty())
            tenant = part->m_projects[p];
        auto it = tenantIds.find(tenant);
        if (it == tenantIds.end()) {
            it = tenantIds.insert(tenant, int(part->m_tenants.size()));
            part->m_tenants.append(tenant);
        }
        part->m_projectTenant.push_back(it.value());
    }

    part->m_objectProject.reserve(snap.objects.size());
    for (const CatalogObject &o : snap.objects)
        part->m_objectProject.push_back(projectIds.value(o.project, -1));

    part->m_index.build(*part);
    return part;
}

QString CatalogPart::tenantOf(QStringView project) const
{
    const qsizetype p = m_projects.indexOf(project);
    return p < 0 ? QString() : m_tenants[m_projectTenant[size_t(p)]];
}

} // namespace feastconsole
