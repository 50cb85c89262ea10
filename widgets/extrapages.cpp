#include "extrapages.h"

#include "catalog.h"
#include "comparepage.h"
#include "dashboardpages.h"
#include "metricsscraper.h"
#include "metricstore.h"
#include "workspacesession.h"
#include "lineagepage.h"
#include "mainwindow.h"
#include "permissionpages.h"

namespace feastconsole {

void installExtraPages(MainWindow &window, Catalog &catalog, WorkspaceSession &session)
{
    installPermissionPages(window, catalog, session);
    // The dashboards' data: every connection's feature server scraped (metrics_url).
    auto *store = new MetricStore(&window);
    auto *scraper = new MetricsScraper(store, &window);
    auto retarget = [scraper, &session] {
        QList<ScrapeTarget> targets;
        for (const ConnectionSpec &c : session.workspace().connections) {
            if (!c.metricsUrl.isEmpty())
                targets.append({c.tenant.isEmpty() ? c.name : c.tenant, QUrl(c.metricsUrl)});
        }
        scraper->setTargets(targets);
        if (!targets.isEmpty())
            scraper->start();
    };
    QObject::connect(&catalog, &Catalog::connectionsChanged, scraper, retarget);
    retarget();
    installDashboardPages(window, catalog, *store);

    auto *lineage = new LineagePage(&catalog);
    window.setPage(PageLocation::Page::Lineage, lineage, [lineage](const PageLocation &location) { lineage->show(location); });
    QObject::connect(lineage, &LineagePage::openRequested, &window, &MainWindow::navigateTo);

    auto *compare = new ComparePage(&catalog);
    window.setPage(PageLocation::Page::Compare, compare, [](const PageLocation &) {});
    QObject::connect(compare, &ComparePage::objectActivated, &window, [&window](const ObjectRefWithConnection &object) {
        window.navigateTo(PageLocation::object(object.connection, object.ref.project, object.ref.kind, object.ref.name));
    });
}

} // namespace feastconsole
