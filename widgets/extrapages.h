#pragma once

namespace feastconsole {

class Catalog;
class MainWindow;
class WorkspaceSession;

// Registers the pages built by their own components (lineage, compare) with
// the main window and routes their "open this object" requests.
void installExtraPages(MainWindow &window, Catalog &catalog, WorkspaceSession &session);

} // namespace feastconsole
