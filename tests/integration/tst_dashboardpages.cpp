// The materialization page and the latency dashboard inside the main window,
// on the real Feast fixtures (ctest fixture `feast`): the fixtures ran
// `feast materialize` 2024-03-01..15, so materialized views with a TTL are
// stale today and card_activity_10m was never materialized. Screenshots go to
// build/test-artifacts/dashboard-*.png.
#include "catalog/catalog.h"
#include "metrics/dashboardfeeds.h"
#include "consolecore.h"
#include "desktoppages.h"
#include "dashboards/latencydashboard.h"
#include "mainwindow.h"
#include "dashboards/materializationpage.h"
#include "metrics/metricnames.h"
#include "metrics/metricstore.h"
#include "testsupport.h"
#include "workspace/workspace.h"
#include "registry/workspacesession.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>
#include <QThreadPool>
#include "dashboards/qcustomplotinclude.h"

using namespace feastconsole;
using namespace feastconsole::test;

class TestDashboardPages : public QObject
{
    Q_OBJECT
    std::unique_ptr<ConsoleCore> m_core; // outlives the window
    Catalog *m_catalog = nullptr;
    WorkspaceSession *m_session = nullptr;
    MetricStore *m_store = nullptr;
    DashboardFeeds *m_feeds = nullptr;
    std::unique_ptr<MainWindow> m_window;

    void shoot(const QString &name)
    {
        QApplication::processEvents();
        QVERIFY(m_window->grab().save(artifactPath(name)));
    }

    LatencyDashboard *showLatencyDashboard() const
    {
        PageLocation location;
        location.page = PageLocation::Page::Latency;
        m_window->navigateTo(location);
        return qobject_cast<LatencyDashboard *>(m_window->currentPage());
    }

    MaterializationPage *materializationPage() const
    {
        return qobject_cast<MaterializationPage *>(m_window->currentPage());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_core = std::make_unique<ConsoleCore>();
        m_catalog = &m_core->catalog();
        m_session = &m_core->session();
        m_store = &m_core->store();
        m_feeds = &m_core->feeds();
        m_window = std::make_unique<MainWindow>(m_catalog, m_session);
        installDesktopPages(*m_window, *m_core);
        m_window->resize(1280, 860);
        m_window->show();
        QVERIFY(m_window->openWorkspace(fixtures().value(QStringLiteral("workspace")).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(m_core->isSettled(), 60000);
    }

    void materializationPageOnTheFixtures()
    {
        PageLocation location;
        location.page = PageLocation::Page::Materialization;
        m_window->navigateTo(location);
        MaterializationPage *page = materializationPage();
        QVERIFY(page);
        MaterializationTableModel *model = page->model();
        QVERIFY(model->rowCount() > 0);
        // Nothing selected yet: the timeline shows this week, not 1970.
        page->selectRow(-1);
        const double nowS = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
        QVERIFY2(page->timeline()->xAxis->range().lower > nowS - 9 * 24 * 3600,
                 qPrintable(QString::number(page->timeline()->xAxis->range().lower)));
        QAbstractItemModelTester proxyTester(page->proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page->reload(); // a reset under the tester

        // Every registry and tenant of the workspace is in the one table.
        QSet<QString> registries, tenants;
        int stale = 0, never = 0, withGapsOrIntervals = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            registries.insert(model->view(row).registry);
            tenants.insert(model->view(row).tenant);
            stale += model->status(row).state == FreshnessState::Stale;
            never += model->status(row).state == FreshnessState::Never;
            withGapsOrIntervals += !model->view(row).intervals.empty();
            if (!model->view(row).intervals.empty()) {
                // The fixtures materialize up to 2024-03-15T00:00:00Z.
                QCOMPARE(QDateTime::fromMSecsSinceEpoch(*model->status(row).lastEndMs, Qt::UTC),
                         QDateTime(QDate(2024, 3, 15), QTime(0, 0), Qt::UTC));
            }
        }
        QVERIFY(registries.contains(QStringLiteral("shared")));
        QVERIFY(registries.contains(QStringLiteral("team-alpha")));
        QVERIFY(tenants.size() >= 4);
        QVERIFY(withGapsOrIntervals > 0);
        QVERIFY(stale > 0);

        // Only the problems, then a view by name; its timeline has the intervals.
        page->setProblemsOnly(true);
        QCOMPARE(page->proxy()->rowCount(), stale + never);
        page->setProblemsOnly(false);
        int materialized = -1;
        for (int row = 0; row < page->proxy()->rowCount(); ++row) {
            const int source = page->proxy()->mapToSource(page->proxy()->index(row, 0)).row();
            if (!model->view(source).intervals.empty()) {
                materialized = row;
                break;
            }
        }
        QVERIFY(materialized >= 0);
        page->selectRow(materialized);
        QVERIFY(page->selectedSourceRow() >= 0);
        QVERIFY(model->view(page->selectedSourceRow()).lastAppliedMs > 0); // the apply is annotated
        QVERIFY(page->timeline()->itemCount() >= 5); // interval(s), last end, TTL, applied, now
        QCOMPARE(page->metricsText(), QStringLiteral("No materialization metrics for this view."));

        // Metrics from the pipeline show up for the selected view.
        const ViewMaterialization &view = model->view(page->selectedSourceRow());
        const QString target = view.project + u'/' + view.view;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        m_store->append({view.tenant, target, MetricSource::Scrape, metricnames::materializationSuccessTotal()}, now, 3);
        m_store->append({view.tenant, target, MetricSource::Scrape, metricnames::materializationFailureTotal()}, now, 1);
        m_store->append({view.tenant, target, MetricSource::Scrape, metricnames::materializationDurationS()}, now, 4.5);
        QVERIFY2(page->metricsText().contains(QStringLiteral("3 succeeded, 1 failed")), qPrintable(page->metricsText()));
        shoot(QStringLiteral("dashboard-materialization.png"));

        // A huge factor makes every view with a TTL fresh again.
        page->setThresholds({1e6, 0});
        int staleAfter = 0;
        for (int row = 0; row < model->rowCount(); ++row)
            staleAfter += model->status(row).state == FreshnessState::Stale;
        QCOMPARE(staleAfter, 0);
        page->setThresholds({});
    }

    // Thresholds and objectives edited on the pages go to the workspace (saved
    // with it, read by the CLI) and come back from it.
    void editedThresholdsAreKeptInTheWorkspace()
    {
        PageLocation location;
        location.page = PageLocation::Page::Materialization;
        m_window->navigateTo(location);
        auto *page = materializationPage();
        QVERIFY(page);
        QVERIFY(!m_session->workspace().freshness); // showing the defaults is not an edit
        auto *factor = page->findChild<QDoubleSpinBox *>(QStringLiteral("ttlFactor"));
        QVERIFY(factor);
        factor->setValue(3.5); // as the user would
        QVERIFY(m_session->workspace().freshness);
        QCOMPARE(m_session->workspace().freshness->ttlFactor, 3.5);
        m_session->setFreshness({2.0, 3600 * 1000});
        QCOMPARE(page->model()->thresholds(), (FreshnessThresholds{2.0, 3600 * 1000}));

        location.page = PageLocation::Page::Latency;
        m_window->navigateTo(location);
        auto *dashboard = qobject_cast<LatencyDashboard *>(m_window->currentPage());
        QVERIFY(dashboard);
        const QString tenant = dashboard->tenants().value(0);
        QVERIFY(!tenant.isEmpty());
        dashboard->replotNow(); // the grid follows the replot
        QTableWidget *grid = dashboard->overview();
        int row = -1;
        for (int r = 0; r < grid->rowCount(); ++r) {
            if (grid->item(r, 0)->text() == tenant)
                row = r;
        }
        QVERIFY(row >= 0);
        grid->item(row, 5)->setText(QStringLiteral("7.5")); // SLO p99, typed in the grid
        QCOMPARE(m_session->workspace().slo.value(tenant).p99Ms, 7.5);
        QCOMPARE(dashboard->slo(tenant).p99Ms, 7.5);
        // A reload of the catalog (store types again) keeps the edited objective.
        m_session->refreshAll();
        QTRY_VERIFY_WITH_TIMEOUT(m_core->isSettled(), 60000);
        QCOMPARE(dashboard->slo(tenant).p99Ms, 7.5);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("workspace.yaml"));
        QVERIFY(m_window->saveWorkspace(path));
        const WorkspaceResult saved = loadWorkspace(path);
        QVERIFY2(saved.workspace, qPrintable(saved.error));
        QCOMPARE(saved.workspace->slo.value(tenant).p99Ms, 7.5);
        QCOMPARE(saved.workspace->freshness, (std::optional<FreshnessThresholds>(FreshnessThresholds{2.0, 3600 * 1000})));
        m_session->setFreshness({});
    }

    // The feeds key the figures of a connection without `tenant` (the shared
    // registry here) by the connection's name; the grid names the tenants.
    void gridNamesTenantsNotConnections()
    {
        LatencyDashboard *dashboard = showLatencyDashboard();
        QVERIFY(dashboard);
        const QStringList sharedTenants = m_catalog->part(QStringLiteral("shared"))->tenants();
        QVERIFY(sharedTenants.size() >= 2);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const SeriesKey p99{QStringLiteral("shared"), QStringLiteral("http://127.0.0.1:6566/metrics"), MetricSource::Scrape,
                            metricnames::latencyP99Ms()};
        for (qint64 t = now - 10 * 60 * 1000; t <= now; t += 10 * 1000)
            m_store->append(p99, t, 7.0);
        dashboard->replotNow();
        QTableWidget *grid = dashboard->overview();
        int row = -1;
        for (int r = 0; r < grid->rowCount(); ++r) {
            QVERIFY2(grid->item(r, 0)->text() != u"shared", "the grid names the connection");
            if (grid->item(r, 0)->data(Qt::UserRole).toString() == u"shared")
                row = r;
        }
        QVERIFY(row >= 0);
        QVERIFY2(grid->item(row, 0)->text().startsWith(sharedTenants.front()), qPrintable(grid->item(row, 0)->text()));
        QCOMPARE(grid->item(row, 3)->text(), QStringLiteral("7.00 · scrape"));
        shoot(QStringLiteral("dashboard-latency.png"));
    }

    void latencyPageIsInstalled()
    {
        PageLocation location;
        location.page = PageLocation::Page::Latency;
        m_window->navigateTo(location);
        auto *dashboard = qobject_cast<LatencyDashboard *>(m_window->currentPage());
        QVERIFY(dashboard);
        QCOMPARE(location.title(), QStringLiteral("Latency"));
        shoot(QStringLiteral("dashboard-latency-empty.png"));
    }
};

QTEST_MAIN(TestDashboardPages)
#include "tst_dashboardpages.moc"
