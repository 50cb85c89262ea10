#include "metrics/healthfacts.h"

#include "catalog/catalog.h"
#include "registry/materializationsource.h"
#include "permissions/permissionsource.h"

namespace feastconsole {

ConnectionFacts gatherHealthFacts(const ConnectionSpec &spec, const CatalogPart &part)
{
    ConnectionFacts facts;
    facts.connection = spec.name;
    QHash<QString, qsizetype> row; // tenant -> index in facts.tenants
    auto tenantFacts = [&](const QString &tenant) -> TenantFacts & {
        auto it = row.constFind(tenant);
        if (it == row.cend()) {
            it = row.insert(tenant, facts.tenants.size());
            facts.tenants.append(TenantFacts{tenant, 0, 0, 0, {}, {}});
        }
        return facts.tenants[*it];
    };
    for (const QString &tenant : part.tenants())
        tenantFacts(tenant);
    for (const QString &project : part.projects())
        ++tenantFacts(part.tenantOf(project)).projects;

    const RegistrySnapshot &snapshot = part.snapshot();
    for (qsizetype i = 0; i < qsizetype(snapshot.objects.size()); ++i) {
        const CatalogObject &object = snapshot.objects[size_t(i)];
        const int project = part.projectIdOf(i);
        if (object.kind == ObjectKind::Project || project < 0)
            continue;
        TenantFacts &t = tenantFacts(part.tenants().at(part.tenantIdOfProject(project)));
        ++t.objects;
        t.features += object.featureCount;
    }
    for (const ViewMaterialization &view : materializationViews(part))
        tenantFacts(view.tenant).views.push_back(viewFreshnessOf(view));

    const PermissionSource source = permissionSourceOf(spec, part);
    for (const LintFinding &finding : lintPermissions(PermissionLintInput{spec, source.permissions, source.resources}))
        tenantFacts(finding.tenant).findings.append(finding);
    return facts;
}

} // namespace feastconsole
