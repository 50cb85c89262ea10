#include "dashboardpages.h"

#include "catalog.h"
#include "dashboardfeeds.h"
#include "latencydashboard.h"
#include "mainwindow.h"
#include "materializationpage.h"
#include "metricstore.h"
#include "probedialog.h"
#include "promqltemplatesdialog.h"
#include "workspacesession.h"

#include <QPointer>

namespace feastconsole {

namespace {

// The feeds key a connection's figures by its `tenant` or, without one, by
// the connection's name: name those rows after the tenants the catalog found,
// with the connection's online store (its SLO default).
void applyConnectionTenants(LatencyDashboard &dashboard, const Catalog &catalog, const Workspace &workspace)
{
    for (const ConnectionSpec &c : workspace.connections) {
        const QString key = c.tenant.isEmpty() ? c.name : c.tenant;
        const CatalogPartPtr part = catalog.part(c.name);
        dashboard.setTenantLabel(key, metricsTenantLabel(key, c.tenant, part ? part->tenants() : QStringList{}));
        if (!part || !c.tenant.isEmpty())
            continue; // a named tenant gets its store type with the catalog's tenants
        const QVariantMap &online = part->snapshot().repo.onlineStore;
        const QString type = online.value(QStringLiteral("type")).toString();
        if (!type.isEmpty())
            dashboard.setTenantStore(key, type, online.value(QStringLiteral("redis_type")).toString());
    }
}

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

// Each tenant's objectives: the guide's default for its online store, or what
// the workspace holds for it.
void applySlos(LatencyDashboard &dashboard, const Catalog &catalog, const Workspace &workspace)
{
    applyStoreTypes(dashboard, catalog);
    applyConnectionTenants(dashboard, catalog, workspace);
    for (auto it = workspace.slo.cbegin(); it != workspace.slo.cend(); ++it)
        dashboard.setSlo(it.key(), *it);
}

} // namespace

void installDashboardPages(MainWindow &window, Catalog &catalog, WorkspaceSession &session, DashboardFeeds &feeds)
{
    MetricStore &store = feeds.store();
    auto *materialization = new MaterializationPage(&catalog, &store);
    window.setPage(PageLocation::Page::Materialization, materialization, [](const PageLocation &) {});
    // Thresholds and objectives live in the workspace: saved with it, shared with the CLI.
    materialization->setThresholds(session.workspace().freshness.value_or(FreshnessThresholds{}));
    QObject::connect(materialization, &MaterializationPage::thresholdsEdited, &session, &WorkspaceSession::setFreshness);

    auto *latency = new LatencyDashboard(&store);
    window.setPage(PageLocation::Page::Latency, latency, [](const PageLocation &) {});
    applySlos(*latency, catalog, session.workspace());
    QObject::connect(&catalog, &Catalog::partChanged, latency,
                     [latency, &catalog, &session](const QString &) { applySlos(*latency, catalog, session.workspace()); });
    QObject::connect(latency, &LatencyDashboard::sloEdited, &session, &WorkspaceSession::setSlo);
    QObject::connect(&session, &WorkspaceSession::thresholdsChanged, latency,
                     [latency, materialization = QPointer<MaterializationPage>(materialization), &catalog, &session] {
        applySlos(*latency, catalog, session.workspace());
        const FreshnessThresholds freshness = session.workspace().freshness.value_or(FreshnessThresholds{});
        if (materialization && freshness != materialization->model()->thresholds())
            materialization->setThresholds(freshness);
    });
    feeds.setWindow(latency->rangeMs(), std::nullopt);
    QObject::connect(latency, &LatencyDashboard::windowChanged, &feeds, [&feeds](qint64 rangeMs, bool live, qint64 toMs) {
        feeds.setWindow(rangeMs, live ? std::nullopt : std::optional<qint64>(toMs));
    });
    QObject::connect(latency, &LatencyDashboard::editPromQlRequested, latency, [latency, &session, &feeds] {
        QList<PrometheusTarget> targets;
        for (const ConnectionSpec &c : session.workspace().connections) {
            if (!c.prometheusUrl.isEmpty())
                targets.append({c.tenant.isEmpty() ? c.name : c.tenant, QUrl(c.prometheusUrl), c.prometheusSelector,
                                c.prometheusUser, c.prometheusSecret});
        }
        auto *dialog = new PromQlTemplatesDialog(feeds.templates(), targets, latency);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(dialog, &QDialog::accepted, &session, [dialog, &session] {
            session.setPromQlEdits(promQlEdits(dialog->templates()));
        });
        dialog->open();
    });
    // One probe dialog, kept while probes run so their figures stay in view.
    auto probeDialog = std::make_shared<QPointer<ProbeDialog>>();
    QObject::connect(latency, &LatencyDashboard::probeRequested, latency, [latency, probeDialog, &catalog, &session, &feeds] {
        if (!*probeDialog)
            *probeDialog = new ProbeDialog(catalog, session.workspace().connections, feeds, latency);
        (*probeDialog)->show();
        (*probeDialog)->raise();
    });
}

} // namespace feastconsole
