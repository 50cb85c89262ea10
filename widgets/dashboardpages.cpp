#include "dashboardpages.h"

#include "catalog.h"
#include "latencydashboard.h"
#include "mainwindow.h"
#include "materializationpage.h"
#include "metricstore.h"

namespace feastconsole {

namespace {

void applyStoreTypes(LatencyDashboard &dashboard, const Catalog &catalog)
{
    for (const CatalogPartPtr &part : catalog.parts()) {
        const QVariantMap &online = part->snapshot().repo.onlineStore;
        const QString type = online.value(QStringLiteral("type")).toString();
        if (type.isEmpty())
            continue;
        const QString redisType = online.value(QStringLiteral("redis_type")).toString();
        for (const QString &tenant : part->tenants())
            dashboard.setTenantStore(tenant, type, redisType);
    }
}

} // namespace

void installDashboardPages(MainWindow &window, Catalog &catalog, MetricStore &store)
{
    auto *materialization = new MaterializationPage(&catalog, &store);
    window.setPage(PageLocation::Page::Materialization, materialization, [](const PageLocation &) {});

    auto *latency = new LatencyDashboard(&store);
    window.setPage(PageLocation::Page::Latency, latency, [](const PageLocation &) {});
    applyStoreTypes(*latency, catalog);
    QObject::connect(&catalog, &Catalog::partChanged, latency,
                     [latency, &catalog](const QString &) { applyStoreTypes(*latency, catalog); });
}

} // namespace feastconsole
