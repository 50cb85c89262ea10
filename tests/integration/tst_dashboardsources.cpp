// The desktop dashboards fed by a real Prometheus and a real feature server.
// tests/integration/test_metrics_latency.py starts `feast serve --metrics` on
// a fixture repo, a Prometheus scraping it, sends traffic, writes a workspace
// naming them (FEAST_TEST_WORKSPACE: url = the repo's feature_store.yaml,
// prometheus_url, prometheus_selector, probe_url) and runs this binary; it is
// not a ctest entry of its own. FEAST_TEST_PROBE_VIEW is "project/view" and
// FEAST_TEST_PROBE_ENTITY "join_key=value" of a view that has rows online.
// Screenshots: build/test-artifacts/dashboard-prometheus-*.png.
#include "catalog/catalog.h"
#include "metrics/dashboardfeeds.h"
#include "consolecore.h"
#include "desktoppages.h"
#include "dashboards/latencydashboard.h"
#include "mainwindow.h"
#include "metrics/metricnames.h"
#include "metrics/metricstore.h"
#include "metrics/onlineprobe.h"
#include "dashboards/probedialog.h"
#include "metrics/prometheuspoller.h"
#include "dashboards/promqltemplatesdialog.h"
#include "testsupport.h"
#include "workspace/workspace.h"
#include "registry/workspacesession.h"

#include <QApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <cmath>
#include <limits>
#include <numeric>

using namespace feastconsole;
using namespace feastconsole::test;

class TestDashboardSources : public QObject
{
    Q_OBJECT
    std::unique_ptr<ConsoleCore> m_core; // outlives the window
    Catalog *m_catalog = nullptr;
    WorkspaceSession *m_session = nullptr;
    MetricStore *m_store = nullptr;
    DashboardFeeds *m_feeds = nullptr;
    std::unique_ptr<MainWindow> m_window;
    ConnectionSpec m_connection;

    QString tenant() const { return sourceTenantOf(m_connection); }

    SeriesKey prometheusKey(const QString &metric) const
    {
        return {tenant(), m_connection.prometheusUrl, MetricSource::Prometheus, metric};
    }

    LatencyDashboard *dashboard()
    {
        PageLocation location;
        location.page = PageLocation::Page::Latency;
        m_window->navigateTo(location);
        return qobject_cast<LatencyDashboard *>(m_window->currentPage());
    }

    void shoot(const QString &name)
    {
        QApplication::processEvents();
        QVERIFY(m_window->grab().save(artifactPath(name)));
    }

    // Waits for a round of the Prometheus poller that started after now.
    void waitForRound()
    {
        QSignalSpy polled(&m_feeds->prometheus(), &PrometheusPoller::polled);
        QTRY_VERIFY_WITH_TIMEOUT(!m_feeds->prometheus().isPolling(), 20000);
        m_feeds->prometheus().pollNow();
        QTRY_VERIFY_WITH_TIMEOUT(polled.count() > 0, 20000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString workspace = qEnvironmentVariable("FEAST_TEST_WORKSPACE");
        if (workspace.isEmpty())
            QSKIP("run by tests/integration/test_metrics_latency.py, which starts the servers");
        const WorkspaceResult loaded = loadWorkspace(workspace);
        QVERIFY2(loaded.workspace, qPrintable(loaded.error));
        m_connection = loaded.workspace->connections.first();
        m_core = std::make_unique<ConsoleCore>();
        m_catalog = &m_core->catalog();
        m_session = &m_core->session();
        m_store = &m_core->store();
        m_feeds = &m_core->feeds();
        m_feeds->prometheus().setMinStepSeconds(1); // the test's Prometheus scrapes every second
        m_window = std::make_unique<MainWindow>(m_catalog, m_session);
        installDashboardPages(*m_window, *m_core);
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(m_window->openWorkspace(workspace));
        QTRY_VERIFY_WITH_TIMEOUT(m_core->isSettled(), 60000);
        QVERIFY(m_catalog->part(m_connection.name));
    }

    void prometheusSeriesFollowTheWindow()
    {
        LatencyDashboard *page = dashboard();
        QVERIFY(page);
        page->setRangeMs(5 * 60 * 1000);
        QTRY_COMPARE(m_feeds->prometheus().rangeMs(), 5 * 60 * 1000); // after the dashboard's debounce
        QTRY_VERIFY_WITH_TIMEOUT(m_store->series(prometheusKey(metricnames::latencyP99Ms())), 30000);
        waitForRound();
        const TimeSeries *p99 = m_store->series(prometheusKey(metricnames::latencyP99Ms()));
        QVERIFY(p99 && !p99->values.empty());
        QVERIFY2(p99->values.back() > 0 && std::isfinite(p99->values.back()), qPrintable(QString::number(p99->values.back())));
        const TimeSeries *rate = m_store->series(prometheusKey(metricnames::requestRate()));
        QVERIFY(rate && !rate->values.empty());
        // No request failed: the error rate is 0, not missing.
        const TimeSeries *errors = m_store->series(prometheusKey(metricnames::errorRate()));
        QVERIFY(errors && !errors->values.empty());
        QCOMPARE(errors->values.back(), 0.0);
        // 5 minutes at a 1 s minimum step: one point a second at most, spread over the window.
        QVERIFY(p99->msecs.back() - p99->msecs.front() <= 5 * 60 * 1000);
        // The heat map from Prometheus's buckets (request_latency_buckets, a series per le).
        const std::vector<HistogramFrame> *frames =
            m_store->histograms(prometheusKey(metricnames::latencyHistogram()));
        QVERIFY(frames && !frames->empty());
        double observed = 0;
        for (const HistogramFrame &f : *frames)
            observed += std::accumulate(f.counts.begin(), f.counts.end(), 0.0);
        QVERIFY2(observed > 0, "no observation in the Prometheus heat map");
        QCOMPARE(frames->back().upperBounds.back(), std::numeric_limits<double>::infinity());
        page->replotNow();
        QVERIFY(page->shownPointCount() > 0);
        QVERIFY(page->errorText().isEmpty());
        shoot(QStringLiteral("dashboard-prometheus-live.png"));

        // 7 days: the step grows so that a line stays about 300 points.
        page->setRangeMs(7LL * 24 * 3600 * 1000);
        QTRY_COMPARE(m_feeds->prometheus().rangeMs(), 7LL * 24 * 3600 * 1000);
        waitForRound();
        const TimeSeries *week = m_store->series(prometheusKey(metricnames::latencyP99Ms()));
        QVERIFY(week && !week->msecs.empty());
        if (week->msecs.size() > 1)
            QVERIFY(week->msecs[1] - week->msecs[0] >= PrometheusPoller::stepSecondsFor(7LL * 24 * 3600 * 1000, 1) * 1000);
        page->setRangeMs(5 * 60 * 1000);
        QTRY_COMPARE(m_feeds->prometheus().rangeMs(), 5 * 60 * 1000);
    }

    void editedTemplatesAreUsedAndSavedWithTheWorkspace()
    {
        QList<PromQlTemplate> templates = m_feeds->templates();
        for (PromQlTemplate &t : templates) {
            if (t.metric == metricnames::latencyP99Ms())
                t.promql = QStringLiteral("vector(42)"); // a constant shows the edited text is what is asked
        }
        templates.append({QStringLiteral("broken_series"), QStringLiteral("sum(rate(no_such_metric{selector}[{window}])) +")});

        // The dialog: checks as typed, tests against the workspace's Prometheus.
        PromQlTemplatesDialog dialog(templates, {{tenant(), QUrl(m_connection.prometheusUrl), m_connection.prometheusSelector, m_connection.prometheusUser, m_connection.prometheusSecret}});
        QVERIFY(dialog.problem().isEmpty());
        QSignalSpy tested(&dialog, &PromQlTemplatesDialog::testFinished);
        dialog.runTest();
        QTRY_VERIFY_WITH_TIMEOUT(tested.count() == 1, 20000);
        const QList<PromQlTemplate> shown = dialog.templates();
        for (int row = 0; row < shown.size(); ++row) {
            const QString result = dialog.testResult(row);
            if (shown[row].metric == metricnames::latencyP99Ms())
                QVERIFY2(result.contains(QStringLiteral("last 42")), qPrintable(result));
            else if (shown[row].metric == u"broken_series")
                QVERIFY2(result.contains(QStringLiteral("bad_data")) || result.contains(QStringLiteral("parse")), qPrintable(result));
            else if (shown[row].metric == metricnames::requestRate())
                QVERIFY2(result.contains(QStringLiteral("series")), qPrintable(result));
        }
        dialog.show();
        QApplication::processEvents();
        QVERIFY(dialog.grab().save(artifactPath(QStringLiteral("dashboard-prometheus-templates.png"))));

        // An unknown placeholder is refused before anything is asked.
        dialog.table()->item(0, 1)->setText(QStringLiteral("sum(x{selecter})"));
        QVERIFY(dialog.problem().contains(QStringLiteral("{selecter}")));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));

        // Applied to the session: the dashboards ask with the edits.
        m_session->setPromQlEdits(promQlEdits(templates));
        waitForRound();
        const TimeSeries *p99 = m_store->series(prometheusKey(metricnames::latencyP99Ms()));
        QVERIFY(p99 && !p99->values.empty());
        QCOMPARE(p99->values.back(), 42.0);
        // The broken one is shown inline, naming the series and Prometheus's complaint; the others still update.
        LatencyDashboard *page = dashboard();
        QTRY_VERIFY(page->errorText().contains(QStringLiteral("broken_series")));
        QVERIFY(m_store->series(prometheusKey(metricnames::requestRate())));
        shoot(QStringLiteral("dashboard-prometheus-error.png"));

        // Saved with the workspace, read back the same.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("workspace.yaml"));
        QVERIFY(m_window->saveWorkspace(path));
        const WorkspaceResult again = loadWorkspace(path);
        QVERIFY2(again.workspace, qPrintable(again.error));
        QCOMPARE(promQlTemplates(again.workspace->promql), templates);

        m_session->setPromQlEdits({});
        waitForRound();
        QTRY_VERIFY(!page->errorText().contains(QStringLiteral("broken_series")));
        QVERIFY(m_store->series(prometheusKey(metricnames::latencyP99Ms()))->values.back() != 42.0);
    }

    void probeFromTheCatalog()
    {
        const QStringList view = qEnvironmentVariable("FEAST_TEST_PROBE_VIEW").split(u'/');
        const QStringList entity = qEnvironmentVariable("FEAST_TEST_PROBE_ENTITY").split(u'=');
        QCOMPARE(view.size(), 2);
        QCOMPARE(entity.size(), 2);
        ProbeDialog dialog(*m_catalog, m_session->workspace().connections, *m_feeds);
        QVERIFY(dialog.selectView(m_connection.name, view.at(0), view.at(1)));
        QVERIFY2(dialog.entityColumns().contains(entity.at(0)), qPrintable(dialog.entityColumns().join(u',')));

        // A value that does not fit the join key's type is refused with its name.
        QHash<QString, QStringList> bad;
        for (const QString &c : dialog.entityColumns())
            bad.insert(c, {QStringLiteral("not-a-number")});
        dialog.setEntityRows(bad);
        const OnlineFeaturesBody refused = dialog.body();
        if (!refused.error.isEmpty()) { // string join keys take anything
            QVERIFY(!dialog.start());
            QVERIFY2(dialog.statusText().contains(QStringLiteral("not sendable")), qPrintable(dialog.statusText()));
        }

        dialog.setEntityRows({{entity.at(0), {entity.at(1)}}});
        QVERIFY2(dialog.body().error.isEmpty(), qPrintable(dialog.body().error));
        dialog.setRate(20, 4, 3);
        dialog.show();
        QVERIFY(dialog.start());
        QVERIFY(dialog.probe());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.probe()->isRunning(), 30000);
        OnlineProbe *probe = dialog.probe();
        QCOMPARE(probe->sent(), 60);
        QCOMPARE(probe->succeeded(), 60);
        QTRY_VERIFY(dialog.statusText().contains(QStringLiteral("60 succeeded")));
        QVERIFY(dialog.grab().save(artifactPath(QStringLiteral("dashboard-probe-dialog.png"))));
        // Its figures are on the dashboard, marked as the probe's.
        const SeriesKey key{tenant(), QUrl::fromUserInput(m_connection.probeUrl).toString(), MetricSource::Probe,
                            metricnames::latencyP99Ms()};
        bool found = false;
        for (const SeriesKey &k : m_store->keys())
            found |= k.source == MetricSource::Probe && k.tenant == tenant() && k.metric == metricnames::latencyP99Ms();
        QVERIFY2(found, qPrintable(key.target));
        LatencyDashboard *page = dashboard();
        page->replotNow();
        shoot(QStringLiteral("dashboard-prometheus-and-probe.png"));
    }
};

QTEST_MAIN(TestDashboardSources)
#include "tst_dashboardsources.moc"
