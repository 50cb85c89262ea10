#pragma once

#include "connectionspec.h"
#include "pagelocation.h"
#include "permission.h"

namespace feastconsole {

class Catalog;
class MainWindow;
class WorkspaceSession;

// One connection's permissions and resources as read from the catalog.
struct PermissionSource {
    ConnectionSpec spec;
    QList<Permission> permissions;       // every project's, registry order
    QList<PermissionResource> resources; // every resource
    QHash<QString, QString> tenants;     // project -> tenant
};
QList<PermissionSource> permissionSources(const Catalog &catalog, const WorkspaceSession &session);

// Registers the Permissions page and the Access matrix page with the main
// window (Go menu: Permissions, Access matrix).
void installPermissionPages(MainWindow &window, Catalog &catalog, WorkspaceSession &session);

} // namespace feastconsole
