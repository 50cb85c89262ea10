#include "permissions/permissionsource.h"

#include "catalog/catalog.h"
#include "permissions/permissionproto.h"
#include "registry/workspacesession.h"

namespace feastconsole {

PermissionSource permissionSourceOf(const ConnectionSpec &spec, const CatalogPart &part)
{
    PermissionSource s;
    s.spec = spec;
    s.permissions = permissionsOf(part.snapshot());
    s.resources = resourcesOf(part.snapshot());
    for (const QString &project : part.projects())
        s.tenants.insert(project, part.tenantOf(project));
    return s;
}

ConnectionSpec connectionSpecOf(const WorkspaceSession &session, const QString &connection)
{
    for (const ConnectionSpec &spec : session.workspace().connections) {
        if (spec.name == connection)
            return spec;
    }
    ConnectionSpec spec;
    spec.name = connection;
    return spec;
}

QList<PermissionSource> permissionSources(const Catalog &catalog, const WorkspaceSession &session)
{
    QList<PermissionSource> out;
    for (const QString &name : catalog.connections()) {
        if (const CatalogPartPtr part = catalog.part(name))
            out.append(permissionSourceOf(connectionSpecOf(session, name), *part));
    }
    return out;
}

PermissionSourceResults *newPermissionSourceResults(const Catalog *catalog, const WorkspaceSession *session,
                                                    QThreadPool *pool, QObject *parent)
{
    return new PermissionSourceResults(catalog, pool, [session](const QString &connection, const CatalogPartPtr &part) {
        return [spec = connectionSpecOf(*session, connection), part] { return permissionSourceOf(spec, *part); };
    }, parent);
}

QList<PermissionSource> permissionSources(const PermissionSourceResults &results)
{
    QList<PermissionSource> out;
    for (const QString &connection : results.connectionsWithResults())
        out.append(*results.result(connection));
    return out;
}

WorkspaceAccessMatrix computeWorkspaceAccessMatrix(const QList<PermissionSource> &sources,
                                                   const QList<PermissionUser> &identities, const QString &project,
                                                   std::optional<ResourceType> type, JobProgress *progress)
{
    // The matrix points into the scope's permission sets: keep both in one block.
    struct Holder {
        PermissionScope scope;
        AccessMatrix matrix;
    };
    auto holder = std::make_shared<Holder>();
    QList<Permission> all;
    QList<MatrixResource> resources;
    WorkspaceAccessMatrix result;
    for (const PermissionSource &s : sources) {
        holder->scope.add(s.spec.name, s.permissions);
        all += s.permissions;
        for (const PermissionResource &r : s.resources) {
            if ((!project.isEmpty() && r.project != project) || (type && r.type != *type))
                continue;
            resources.append({s.spec.name, r});
            result.tenants.insert(s.spec.name + u'\n' + r.project, s.tenants.value(r.project));
        }
    }
    holder->matrix = AccessMatrix::compute(principalsOf(all, identities), resources, holder->scope, progress);
    result.matrix = std::shared_ptr<const AccessMatrix>(holder, &holder->matrix);
    return result;
}

AccessScope accessScopeOf(const QList<PermissionSource> &sources, const QString &fallbackRegistry)
{
    AccessScope scope;
    for (const PermissionSource &s : sources)
        scope.addRegistry(s.spec.name, s.permissions, s.resources);
    scope.setFallbackRegistry(fallbackRegistry);
    return scope;
}

} // namespace feastconsole
