#include "permissionpages.h"

#include "accessmatrixview.h"
#include "catalog.h"
#include "mainwindow.h"
#include "permissionproto.h"
#include "permissionspage.h"
#include "workspacesession.h"

namespace feastconsole {

QList<PermissionSource> permissionSources(const Catalog &catalog, const WorkspaceSession &session)
{
    QList<PermissionSource> out;
    for (const QString &name : catalog.connections()) {
        const CatalogPartPtr part = catalog.part(name);
        if (!part)
            continue;
        PermissionSource s;
        s.spec.name = name;
        for (const ConnectionSpec &spec : session.workspace().connections) {
            if (spec.name == name)
                s.spec = spec;
        }
        s.permissions = permissionsOf(part->snapshot());
        s.resources = resourcesOf(part->snapshot());
        for (const QString &project : part->projects())
            s.tenants.insert(project, part->tenantOf(project));
        out.append(std::move(s));
    }
    return out;
}

void installPermissionPages(MainWindow &window, Catalog &catalog, WorkspaceSession &session)
{
    auto *permissions = new PermissionsPage(&catalog, &session);
    permissions->setObjectName(QStringLiteral("permissionsPage"));
    window.setPage(PageLocation::Page::Permissions, permissions,
                   [permissions](const PageLocation &location) { permissions->setLocation(location); });
    auto *matrix = new AccessMatrixView(&catalog, &session);
    matrix->setObjectName(QStringLiteral("accessMatrixView"));
    window.setPage(PageLocation::Page::AccessMatrix, matrix,
                   [matrix](const PageLocation &location) { matrix->setLocation(location); });
}

} // namespace feastconsole
