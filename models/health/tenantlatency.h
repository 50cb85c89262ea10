#pragma once

#include "metrics/latencyseries.h"
#include "metrics/metricstore.h"
#include "metrics/thresholds.h"

#include <QHash>
#include <QStringList>

#include <optional>

namespace feastconsole {

class Catalog;
struct Workspace;

// Each tenant's latency objectives: the deployment guide's default for its
// online store (defaultSlo()), replaced by what the workspace's `slo:` holds,
// and the name the dashboards show for a tenant key of the metrics. The
// latency dashboard, the overview and the CLI read the same objectives.
class TenantObjectives
{
public:
    // The tenant's online store type sets its default SLO.
    void setStore(const QString &tenant, const QString &onlineStoreType, const QString &redisType = {});
    void setSlo(const QString &tenant, const SloThreshold &slo);
    void setLabel(const QString &tenant, const QString &label);

    SloThreshold slo(const QString &tenant) const;
    QString storeType(const QString &tenant) const; // empty when unknown
    QString label(const QString &tenant) const;     // the tenant itself without a label
    bool hasLabel(const QString &tenant) const { return m_labels.contains(tenant); }
    QStringList labels() const { return m_labels.values(); }
    QStringList tenants() const;                    // in the order they were named

private:
    void remember(const QString &tenant);
    QHash<QString, SloThreshold> m_slos;
    QHash<QString, QString> m_storeTypes;
    QHash<QString, QString> m_labels;
    QStringList m_order;
};

// The objectives of every tenant the catalog and the workspace know: store
// types from each part's online store, a connection without a `tenant` keyed
// by its name (that is how the feeds key its figures) and labelled with the
// tenant the catalog found, then the workspace's `slo:` entries.
TenantObjectives tenantObjectives(const Catalog &catalog, const Workspace &workspace);

// The tenants a latency dashboard lists: every named one, then every tenant
// key with figures; a tenant the catalog names that another key already shows
// under its label (a connection without `tenant`) and that has no figures of
// its own is listed once.
QStringList dashboardTenants(const TenantObjectives &objectives, const MetricStore *store);

// One recent latency figure and the series it came from.
struct LatencyFigure {
    double value = 0;
    SeriesKey key;
};

// A tenant's worst recent p50 and p99 of any server and source, and every
// source's figure (for tooltips and listings).
struct TenantLatency {
    std::optional<LatencyFigure> p50, p99;
    QList<LatencyFigure> figures;
};

// Figures no older than maxAgeMs at atMs; series sorted by metric, source and
// target so ties resolve the same way every time.
TenantLatency worstRecentLatency(const MetricStore &store, const QString &tenant, qint64 atMs, qint64 maxAgeMs);
SloStatus sloStatusOf(const TenantLatency &latency, const SloThreshold &slo);

} // namespace feastconsole
