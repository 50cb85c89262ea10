#pragma once

#include "metrics/healthfacts.h"
#include "registry/materializationsource.h"
#include "permissions/permissionsource.h"
#include "health/workspacehealth.h"

#include <QObject>
#include <QThreadPool>

#include <memory>

namespace feastconsole {

class Catalog;
class DashboardFeeds;
class MetricStore;
class WorkspaceSession;

// The composition root's graph: the objects every long-running front end (the
// desktop, the web console's server) shares, built once and in one order.
// The catalog and the workspace session that loads it; the metric store and
// the dashboard feeds that fill it (scrapes, Prometheus, probes); one analysis
// thread (the catalog's loads keep the other cores) and what is computed there
// from each loaded part: permission sources, materialization views, health
// facts. Front ends read these and never build their own.
class ConsoleCore : public QObject
{
    Q_OBJECT
public:
    explicit ConsoleCore(QObject *parent = nullptr);
    ~ConsoleCore() override;

    Catalog &catalog() const { return *m_catalog; }
    WorkspaceSession &session() const { return *m_session; }
    MetricStore &store() const { return *m_store; }
    DashboardFeeds &feeds() const { return *m_feeds; }
    QThreadPool &analysis() const { return *m_analysis; }
    const PermissionSourceResults &permissionSources() const { return *m_permissionSources; }
    const MaterializationResults &materializationViews() const { return *m_materialization; }
    const PartResults<ConnectionFacts> &healthFacts() const { return *m_healthFacts; }

    // The overview's answer to "is everything all right?" at nowMs: per
    // connection and tenant, from the facts gathered so far and the store.
    QList<TenantHealth> health(qint64 nowMs) const;

    // Every connection has finished its load and everything computed from the
    // loaded parts has arrived: what a test or a benchmark waits for before
    // it reads the pages.
    bool isSettled() const;

Q_SIGNALS:
    // Something the health depends on changed (facts, metrics, thresholds).
    void healthInputsChanged();

private:
    std::unique_ptr<QThreadPool> m_analysis;
    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<WorkspaceSession> m_session;
    std::unique_ptr<MetricStore> m_store;
    std::unique_ptr<DashboardFeeds> m_feeds;
    PermissionSourceResults *m_permissionSources;
    MaterializationResults *m_materialization;
    PartResults<ConnectionFacts> *m_healthFacts;
};

} // namespace feastconsole
