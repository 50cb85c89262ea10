#pragma once

#include "pagelocation.h"
#include "permissionsource.h"

namespace feastconsole {

class Catalog;
class MainWindow;
class WorkspaceSession;

// Registers the Permissions page and the Access matrix page with the main
// window (Go menu: Permissions, Access matrix).
void installPermissionPages(MainWindow &window, Catalog &catalog, WorkspaceSession &session);

} // namespace feastconsole
