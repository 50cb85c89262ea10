#include "extrapages.h"

#include "catalog.h"
#include "comparepage.h"
#include "dashboardpages.h"
#include "dashboardfeeds.h"
#include "metricstore.h"
#include "workspacesession.h"
#include "lineagepage.h"
#include "mainwindow.h"
#include "permissionpages.h"

#include <QThreadPool>

namespace feastconsole {

void installExtraPages(MainWindow &window, Catalog &catalog, WorkspaceSession &session)
{
    // What pages compute from each loaded part (permissions decoded, views,
    // health facts) runs here, one job at a time: the loads keep the other cores.
    auto *analysis = new QThreadPool(&window);
    analysis->setMaxThreadCount(1);
    installPermissionPages(window, catalog, session, *newPermissionSourceResults(&catalog, &session, analysis, &window));
    // The dashboards' data: scrapes, Prometheus and probes of every connection.
    auto *feeds = new DashboardFeeds(catalog, session, *new MetricStore(&window), &window);
    installDashboardPages(window, catalog, session, *feeds, *analysis);

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
