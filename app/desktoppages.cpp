#include "desktoppages.h"

#include "permissions/accessmatrixview.h"
#include "catalog/catalog.h"
#include "compare/comparepage.h"
#include "consolecore.h"
#include "metrics/dashboardfeeds.h"
#include "dashboards/latencydashboard.h"
#include "lineage/lineagepage.h"
#include "mainwindow.h"
#include "dashboards/materializationpage.h"
#include "metrics/metricstore.h"
#include "dashboards/overviewpage.h"
#include "permissions/permissionspage.h"
#include "dashboards/probedialog.h"
#include "dashboards/promqltemplatesdialog.h"
#include "health/tenantlatency.h"
#include "registry/workspacesession.h"

#include <QDateTime>
#include <QPointer>

namespace feastconsole {

void installDesktopPages(MainWindow &window, ConsoleCore &core)
{
    installPermissionPages(window, core);
    installDashboardPages(window, core);
    installAnalysisPages(window, core);
}

void installPermissionPages(MainWindow &window, ConsoleCore &core)
{
    auto *permissions = new PermissionsPage(&core.catalog(), &core.session(), &core.permissionSources());
    permissions->setObjectName(QStringLiteral("permissionsPage"));
    window.setPage(PageLocation::Page::Permissions, permissions,
                   [permissions](const PageLocation &location) { permissions->setLocation(location); });
    auto *matrix = new AccessMatrixView(&core.catalog(), &core.session(), &core.permissionSources());
    matrix->setObjectName(QStringLiteral("accessMatrixView"));
    window.setPage(PageLocation::Page::AccessMatrix, matrix,
                   [matrix](const PageLocation &location) { matrix->setLocation(location); });
}

void installDashboardPages(MainWindow &window, ConsoleCore &core)
{
    Catalog &catalog = core.catalog();
    WorkspaceSession &session = core.session();
    DashboardFeeds &feeds = core.feeds();
    MetricStore &store = core.store();
    auto *materialization = new MaterializationPage(&core.materializationViews(), &store);
    window.setPage(PageLocation::Page::Materialization, materialization, [](const PageLocation &) {});
    // Thresholds and objectives live in the workspace: saved with it, shared with the CLI.
    materialization->setThresholds(session.workspace().freshness.value_or(FreshnessThresholds{}));
    QObject::connect(materialization, &MaterializationPage::thresholdsEdited, &session, &WorkspaceSession::setFreshness);

    // The overview's health: facts gathered once per loaded part, figures from the feeds' store.
    OverviewPage *overview = window.overviewPage();
    overview->setHealthSource([&core] { return core.health(QDateTime::currentMSecsSinceEpoch()); });
    QObject::connect(&core, &ConsoleCore::healthInputsChanged, overview, &OverviewPage::scheduleRefresh);

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

void installAnalysisPages(MainWindow &window, ConsoleCore &core)
{
    auto *lineage = new LineagePage(&core.catalog());
    window.setPage(PageLocation::Page::Lineage, lineage, [lineage](const PageLocation &location) { lineage->show(location); });
    QObject::connect(lineage, &LineagePage::openRequested, &window, &MainWindow::navigateTo);

    auto *compare = new ComparePage(&core.catalog());
    window.setPage(PageLocation::Page::Compare, compare, [](const PageLocation &) {});
    QObject::connect(compare, &ComparePage::objectActivated, &window, [&window](const ObjectRefWithConnection &object) {
        window.navigateTo(PageLocation::object(object.connection, object.ref.project, object.ref.kind, object.ref.name));
    });
}

} // namespace feastconsole
