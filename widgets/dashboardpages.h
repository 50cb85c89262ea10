#pragma once

class QThreadPool;

namespace feastconsole {

class Catalog;
class DashboardFeeds;
class MainWindow;
class WorkspaceSession;

// Registers the SRE pages with the main window: materialization status
// (Go › Materialization status) and the latency dashboard (Go › Latency
// dashboard). Each tenant's SLO defaults follow its online store type, read
// from the connection's feature_store.yaml when the console has it. The
// dashboard's window drives the Prometheus sources of the feeds; its PromQL…
// and Probe… buttons open the template editor (edits go to the workspace)
// and the probe dialog. What the pages compute from each loaded part runs on
// `analysis` (one thread: the catalog's loads keep the other cores).
void installDashboardPages(MainWindow &window, Catalog &catalog, WorkspaceSession &session, DashboardFeeds &feeds,
                           QThreadPool &analysis);

} // namespace feastconsole
