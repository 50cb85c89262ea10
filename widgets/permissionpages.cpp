#include "permissionpages.h"

#include "accessmatrixview.h"
#include "catalog.h"
#include "mainwindow.h"
#include "permissionspage.h"
#include "workspacesession.h"

namespace feastconsole {

void installPermissionPages(MainWindow &window, Catalog &catalog, WorkspaceSession &session,
                            const PermissionSourceResults &sources)
{
    auto *permissions = new PermissionsPage(&catalog, &session, &sources);
    permissions->setObjectName(QStringLiteral("permissionsPage"));
    window.setPage(PageLocation::Page::Permissions, permissions,
                   [permissions](const PageLocation &location) { permissions->setLocation(location); });
    auto *matrix = new AccessMatrixView(&catalog, &session, &sources);
    matrix->setObjectName(QStringLiteral("accessMatrixView"));
    window.setPage(PageLocation::Page::AccessMatrix, matrix,
                   [matrix](const PageLocation &location) { matrix->setLocation(location); });
}

} // namespace feastconsole
