#include "health/tenantlatency.h"

#include "catalog/catalog.h"
#include "metrics/metricnames.h"
#include "workspace/workspace.h"

#include <QSet>

#include <algorithm>
#include <tuple>

namespace feastconsole {

void TenantObjectives::remember(const QString &tenant)
{
    if (!m_order.contains(tenant))
        m_order.append(tenant);
}

void TenantObjectives::setStore(const QString &tenant, const QString &onlineStoreType, const QString &redisType)
{
    m_storeTypes.insert(tenant, redisType.compare(u"redis_cluster", Qt::CaseInsensitive) == 0
                                    ? QStringLiteral("redis cluster") : onlineStoreType);
    m_slos.insert(tenant, defaultSlo(onlineStoreType, redisType));
    remember(tenant);
}

void TenantObjectives::setSlo(const QString &tenant, const SloThreshold &slo)
{
    m_slos.insert(tenant, slo);
    remember(tenant);
}

void TenantObjectives::setLabel(const QString &tenant, const QString &label)
{
    if (label.isEmpty() || label == tenant)
        m_labels.remove(tenant);
    else
        m_labels.insert(tenant, label);
}

SloThreshold TenantObjectives::slo(const QString &tenant) const
{
    return m_slos.value(tenant, defaultSlo(m_storeTypes.value(tenant)));
}

QString TenantObjectives::storeType(const QString &tenant) const
{
    return m_storeTypes.value(tenant);
}

QString TenantObjectives::label(const QString &tenant) const
{
    return m_labels.value(tenant, tenant);
}

QStringList TenantObjectives::tenants() const
{
    return m_order;
}

namespace {

void setStoreOf(TenantObjectives &objectives, const QString &tenant, const CatalogPart &part)
{
    const QVariantMap &online = part.snapshot().repo.onlineStore;
    const QString type = online.value(QStringLiteral("type")).toString();
    if (!type.isEmpty())
        objectives.setStore(tenant, type, online.value(QStringLiteral("redis_type")).toString());
}

} // namespace

TenantObjectives tenantObjectives(const Catalog &catalog, const Workspace &workspace)
{
    TenantObjectives objectives;
    for (const CatalogPartPtr &part : catalog.parts()) {
        for (const QString &tenant : part->tenants())
            setStoreOf(objectives, tenant, *part);
    }
    for (const ConnectionSpec &c : workspace.connections) {
        const QString key = sourceTenantOf(c);
        const CatalogPartPtr part = catalog.part(c.name);
        objectives.setLabel(key, metricsTenantLabel(key, c.tenant, part ? part->tenants() : QStringList{}));
        if (part && c.tenant.isEmpty())
            setStoreOf(objectives, key, *part); // a named tenant got its store type with the catalog's tenants
    }
    for (auto it = workspace.slo.cbegin(); it != workspace.slo.cend(); ++it)
        objectives.setSlo(it.key(), *it);
    return objectives;
}

QStringList dashboardTenants(const TenantObjectives &objectives, const MetricStore *store)
{
    QStringList all = objectives.tenants();
    QSet<QString> withData;
    if (store) {
        const QList<SeriesKey> keys = store->keys();
        for (const SeriesKey &key : keys) {
            withData.insert(key.tenant);
            if (!all.contains(key.tenant))
                all.append(key.tenant);
        }
    }
    const QStringList labels = objectives.labels();
    all.removeIf([&](const QString &t) { return !withData.contains(t) && !objectives.hasLabel(t) && labels.contains(t); });
    return all;
}

TenantLatency worstRecentLatency(const MetricStore &store, const QString &tenant, qint64 atMs, qint64 maxAgeMs)
{
    TenantLatency worst;
    QList<SeriesKey> keys = store.keys();
    std::sort(keys.begin(), keys.end(), [](const SeriesKey &a, const SeriesKey &b) {
        return std::tie(a.metric, a.source, a.target) < std::tie(b.metric, b.source, b.target);
    });
    for (const SeriesKey &key : std::as_const(keys)) {
        if (key.tenant != tenant)
            continue;
        std::optional<LatencyFigure> *slot = key.metric == metricnames::latencyP50Ms() ? &worst.p50
            : key.metric == metricnames::latencyP99Ms()                                ? &worst.p99
                                                                                       : nullptr;
        const TimeSeries *series = slot ? store.series(key) : nullptr;
        if (!series)
            continue;
        const std::optional<double> value = latestValue(*series, atMs, maxAgeMs);
        if (!value)
            continue;
        worst.figures.append(LatencyFigure{*value, key});
        if (!*slot || *value > (*slot)->value)
            *slot = LatencyFigure{*value, key};
    }
    return worst;
}

SloStatus sloStatusOf(const TenantLatency &latency, const SloThreshold &slo)
{
    auto value = [](const std::optional<LatencyFigure> &f) { return f ? std::optional<double>(f->value) : std::nullopt; };
    return sloStatus(value(latency.p50), value(latency.p99), slo);
}

} // namespace feastconsole
