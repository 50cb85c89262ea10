#pragma once

namespace feastconsole {

class Catalog;
class MainWindow;
class MetricStore;

// Registers the SRE pages with the main window: materialization status
// (Go › Materialization status) and the latency dashboard (Go › Latency
// dashboard). Each tenant's SLO defaults follow its online store type, read
// from the connection's feature_store.yaml when the console has it.
void installDashboardPages(MainWindow &window, Catalog &catalog, MetricStore &store);

} // namespace feastconsole
