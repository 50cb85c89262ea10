#pragma once

namespace feastconsole {

class ConsoleCore;
class MainWindow;

// The desktop's wiring: the main window's pages over the core's shared
// objects, with their "open this" requests routed through the window.
void installDesktopPages(MainWindow &window, ConsoleCore &core);

// Its parts, for tests that need one group of pages:
// Permissions and the access matrix (Go › Permissions, Access matrix).
void installPermissionPages(MainWindow &window, ConsoleCore &core);
// The SRE pages: materialization status and the latency dashboard (its window
// drives the feeds' Prometheus sources; PromQL… and Probe… open the template
// editor, whose edits go to the workspace, and the probe dialog), and the
// overview's health. Each tenant's SLO defaults follow its online store type.
void installDashboardPages(MainWindow &window, ConsoleCore &core);
// Lineage and compare.
void installAnalysisPages(MainWindow &window, ConsoleCore &core);

} // namespace feastconsole
