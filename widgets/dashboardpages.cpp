#include "dashboardpages.h"

#include "catalog.h"
#include "dashboardfeeds.h"
#include "healthfacts.h"
#include "latencydashboard.h"
#include "mainwindow.h"
#include "materializationpage.h"
#include "materializationsource.h"
#include "overviewpage.h"
#include "permissionsource.h"
#include "metricstore.h"
#include "probedialog.h"
#include "promqltemplatesdialog.h"
#include "tenantlatency.h"
#include "workspacesession.h"

#include <QDateTime>
#include <QPointer>
#include <QThreadPool>

namespace feastconsole {

void installDashboardPages(MainWindow &window, Catalog &catalog, WorkspaceSession &session, DashboardFeeds &feeds,
                           QThreadPool &analysis)
{
    MetricStore &store = feeds.store();
    auto *views = new MaterializationResults(&catalog, &analysis, [](const QString &, const CatalogPartPtr &part) {
        return [part] { return materializationViews(*part); };
    }, &window);
    auto *materialization = new MaterializationPage(views, &store);
    window.setPage(PageLocation::Page::Materialization, materialization, [](const PageLocation &) {});
    // Thresholds and objectives live in the workspace: saved with it, shared with the CLI.
    materialization->setThresholds(session.workspace().freshness.value_or(FreshnessThresholds{}));
    QObject::connect(materialization, &MaterializationPage::thresholdsEdited, &session, &WorkspaceSession::setFreshness);

    // The overview's health: facts gathered once per loaded part, figures from the feeds' store.
    auto *facts = new PartResults<ConnectionFacts>(&catalog, &analysis, [&session](const QString &connection,
                                                                                   const CatalogPartPtr &part) {
        return [spec = connectionSpecOf(session, connection), part] { return gatherHealthFacts(spec, *part); };
    }, &window);
    OverviewPage *overview = window.overviewPage();
    overview->setHealthSource([&catalog, &session, facts, &store] {
        QHash<QString, ConnectionFacts> gathered;
        for (const QString &connection : facts->connectionsWithResults())
            gathered.insert(connection, *facts->result(connection));
        return workspaceHealth(healthInputs(catalog, session.workspace(), gathered, &store,
                                            QDateTime::currentMSecsSinceEpoch()));
    });
    QObject::connect(facts, &PartJobs::resultChanged, overview, &OverviewPage::scheduleRefresh);
    QObject::connect(&store, &MetricStore::updated, overview, &OverviewPage::scheduleRefresh);
    QObject::connect(&session, &WorkspaceSession::thresholdsChanged, overview, &OverviewPage::scheduleRefresh);

    auto *latency = new LatencyDashboard(&store);
    window.setPage(PageLocation::Page::Latency, latency, [](const PageLocation &) {});
    latency->setObjectives(tenantObjectives(catalog, session.workspace()));
    QObject::connect(&catalog, &Catalog::partChanged, latency,
                     [latency, &catalog, &session](const QString &) { latency->setObjectives(tenantObjectives(catalog, session.workspace())); });
    QObject::connect(latency, &LatencyDashboard::sloEdited, &session, &WorkspaceSession::setSlo);
    QObject::connect(&session, &WorkspaceSession::thresholdsChanged, latency,
                     [latency, materialization = QPointer<MaterializationPage>(materialization), &catalog, &session] {
        latency->setObjectives(tenantObjectives(catalog, session.workspace()));
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
                targets.append({sourceTenantOf(c), QUrl(c.prometheusUrl), c.prometheusSelector,
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
