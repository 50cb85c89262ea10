#include "permissionsource.h"

#include "catalog.h"
#include "permissionproto.h"
#include "workspacesession.h"

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

} // namespace feastconsole
