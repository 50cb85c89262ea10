#pragma once

#include "pagelocation.h"
#include "permissionsource.h"

namespace feastconsole {

class Catalog;
class MainWindow;
class WorkspaceSession;

// Registers the Permissions page and the Access matrix page with the main
// window (Go menu: Permissions, Access matrix).
// `sources`: every connection's permissions, decoded off the GUI thread.
void installPermissionPages(MainWindow &window, Catalog &catalog, WorkspaceSession &session,
                            const PermissionSourceResults &sources);

} // namespace feastconsole
