// The latency dashboard on a synthetic MetricStore (the pipeline that fills it
// is tested on its own): SLO defaults and colours, sampling, time ranges, the
// crosshair, the heat map, inline errors and exports. Screenshots go to
// build/test-artifacts/latency-*.png.
#include "latencydashboard.h"
#include "latencyseries.h"
#include "metricnames.h"
#include "testsupport.h"

#include <QApplication>
#include <QDateTime>
#include <QFile>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include "qcustomplotinclude.h"

#include <cmath>

using namespace feastconsole;
using namespace feastconsole::test;

namespace {

constexpr qint64 minute = 60 * 1000;

// One point every 10 s over the last `minutes`, value `base` (+ a small wave).
void fill(MetricStore &store, const SeriesKey &key, qint64 now, int minutes, double base)
{
    for (qint64 t = now - minutes * minute; t <= now; t += 10 * 1000)
        store.append(key, t, base + 0.1 * std::sin(double(t) / 60000.0));
}

SeriesKey key(const char *tenant, const QString &metric, MetricSource source = MetricSource::Scrape)
{
    return {QString::fromUtf8(tenant), QStringLiteral("http://%1:8000/metrics").arg(QString::fromUtf8(tenant)), source, metric};
}

} // namespace

class TestLatencyDashboard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sloDefaultsFromTheDeploymentGuide_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("redisType");
        QTest::addColumn<double>("p50");
        QTest::addColumn<double>("p99");
        QTest::newRow("redis") << "redis" << "" << 1.0 << 5.0;
        QTest::newRow("redis cluster") << "redis" << "redis_cluster" << 2.0 << 10.0;
        QTest::newRow("dynamodb") << "dynamodb" << "" << 5.0 << 20.0;
        QTest::newRow("postgres") << "postgres" << "" << 5.0 << 30.0;
        QTest::newRow("remote") << "remote" << "" << 10.0 << 50.0;
        QTest::newRow("sqlite") << "sqlite" << "" << 10.0 << 50.0;
    }
    void sloDefaultsFromTheDeploymentGuide()
    {
        QFETCH(QString, type);
        QFETCH(QString, redisType);
        QFETCH(double, p50);
        QFETCH(double, p99);
        QCOMPARE(defaultSlo(type, redisType), (SloThreshold{p50, p99}));
    }

    void statusRules()
    {
        const SloThreshold redis{1, 5};
        QCOMPARE(sloStatus(0.5, 3.0, redis), SloStatus::Green);
        QCOMPARE(sloStatus(0.5, 4.5, redis), SloStatus::Amber);
        QCOMPARE(sloStatus(1.5, 3.0, redis), SloStatus::Red);
        QCOMPARE(sloStatus(std::nullopt, 6.0, redis), SloStatus::Red);
        QCOMPARE(sloStatus(std::nullopt, std::nullopt, redis), SloStatus::Unknown);
    }

    void samplingKeepsShapeAndBoundsPoints()
    {
        TimeSeries series;
        for (qint64 i = 0; i < 1'000'000; ++i) {
            series.msecs.push_back(i * 100);
            series.values.push_back(i == 500'000 ? 1000.0 : double(i % 7));
        }
        QVector<double> keys, values;
        sampleSeries(series, 0, 100'000'000, 1000, keys, values);
        QVERIFY(keys.size() <= 4 * 1000 + 2);
        QVERIFY(std::is_sorted(keys.begin(), keys.end()));
        QCOMPARE(*std::max_element(values.begin(), values.end()), 1000.0); // the spike survives
        QCOMPARE(*std::min_element(values.begin(), values.end()), 0.0);
        // A narrow window keeps every point plus one each side.
        sampleSeries(series, 1000, 2000, 1000, keys, values);
        QCOMPARE(keys.size(), 13);
        QCOMPARE(keys.first(), 0.9);
        QCOMPARE(keys.last(), 2.1);
    }

    void heatmapFromFrames()
    {
        std::vector<HistogramFrame> frames;
        frames.push_back({1000, {0.005, 0.01, std::numeric_limits<double>::infinity()}, {2, 2, 0}});
        frames.push_back({2000, {0.005, 0.01, std::numeric_limits<double>::infinity()}, {0, 1, 3}});
        frames.push_back({9000, {0.005, 0.01, std::numeric_limits<double>::infinity()}, {1, 0, 0}}); // outside
        const LatencyHeatmap map = latencyHeatmap(frames, 0, 5000);
        QCOMPARE(map.columns(), 2);
        QCOMPARE(map.rows(), 3);
        QCOMPARE(map.upperBoundsMs[1], 10.0);
        QCOMPARE(map.cells[0], 0.5);
        QCOMPARE(map.cells[5], 0.75);
    }

    void dashboard()
    {
        MetricStore store;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        // fraud on Redis within its SLO, growth on DynamoDB near it, risk on Postgres over it.
        fill(store, key("fraud", metricnames::latencyP50Ms()), now, 90, 0.5);
        fill(store, key("fraud", metricnames::latencyP99Ms()), now, 90, 3.0);
        fill(store, key("fraud", metricnames::latencyP99Ms(), MetricSource::Probe), now, 90, 2.5);
        fill(store, key("growth", metricnames::latencyP50Ms()), now, 90, 3.0);
        fill(store, key("growth", metricnames::latencyP99Ms()), now, 90, 18.0);
        fill(store, key("risk", metricnames::latencyP50Ms(), MetricSource::Prometheus), now, 90, 4.0);
        fill(store, key("risk", metricnames::latencyP99Ms(), MetricSource::Prometheus), now, 90, 45.0);
        fill(store, key("risk", metricnames::requestRate(), MetricSource::Prometheus), now, 90, 120.0);
        fill(store, key("risk", metricnames::onlineReadP99Ms(), MetricSource::Prometheus), now, 90, 30.0);
        for (int i = 0; i < 30; ++i) {
            store.appendHistogram(key("fraud", metricnames::latencyHistogram()),
                                  {now - (30 - i) * minute, {0.005, 0.01, 0.025, std::numeric_limits<double>::infinity()},
                                   {double(80 + i), 15, 4, 1}});
        }

        LatencyDashboard dashboard(&store);
        dashboard.setTenantStore(QStringLiteral("fraud"), QStringLiteral("redis"));
        dashboard.setTenantStore(QStringLiteral("growth"), QStringLiteral("dynamodb"));
        dashboard.setTenantStore(QStringLiteral("risk"), QStringLiteral("postgres"));
        dashboard.resize(1200, 1000);
        dashboard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
        dashboard.replotNow();

        QCOMPARE(dashboard.tenantStatus(QStringLiteral("fraud")), SloStatus::Green);
        QCOMPARE(dashboard.tenantStatus(QStringLiteral("growth")), SloStatus::Amber);
        QCOMPARE(dashboard.tenantStatus(QStringLiteral("risk")), SloStatus::Red);
        // The overview grid shows the status in colour.
        QTableWidget *grid = dashboard.overview();
        QCOMPARE(grid->rowCount(), 3);
        QHash<QString, QString> statusOf;
        for (int row = 0; row < grid->rowCount(); ++row) {
            statusOf.insert(grid->item(row, 0)->text(), grid->item(row, 6)->text());
            if (grid->item(row, 0)->text() == u"risk")
                QCOMPARE(grid->item(row, 6)->background().color(), QColor(0xe5, 0x39, 0x35));
            if (grid->item(row, 0)->text() == u"fraud")
                QCOMPARE(grid->item(row, 6)->background().color(), QColor(0x43, 0xa0, 0x47));
        }
        QCOMPARE(statusOf.value(QStringLiteral("growth")), QStringLiteral("amber"));
        // Editing the SLO cell re-evaluates: risk's p99 objective raised to 100 ms.
        for (int row = 0; row < grid->rowCount(); ++row) {
            if (grid->item(row, 0)->text() == u"risk") {
                grid->item(row, 5)->setText(QStringLiteral("100"));
                grid->item(row, 4)->setText(QStringLiteral("20"));
            }
        }
        QCOMPARE(dashboard.slo(QStringLiteral("risk")), (SloThreshold{20, 100}));
        QCOMPARE(dashboard.tenantStatus(QStringLiteral("risk")), SloStatus::Green);
        // SLO lines stay in view: the y axis reaches above the highest objective.
        dashboard.replotNow();
        QVERIFY(dashboard.latencyPlot()->yAxis->range().upper >= 100);

        // Legends name the source.
        bool probeInLegend = false;
        for (int i = 0; i < dashboard.latencyPlot()->graphCount(); ++i)
            probeInLegend |= dashboard.latencyPlot()->graph(i)->name().endsWith(QStringLiteral("(probe)"));
        QVERIFY(probeInLegend);
        QVERIFY(dashboard.heatmapPlot()->plottableCount() == 1);
        QVERIFY(dashboard.grab().save(artifactPath(QStringLiteral("latency-dashboard.png"))));

        // Time range switching: 5 minutes shows only the last 5 minutes' points.
        dashboard.setRangeMs(5 * minute);
        dashboard.replotNow();
        QCOMPARE(dashboard.rangeMs(), 5 * minute);
        const double shownSpan = dashboard.latencyPlot()->xAxis->range().size();
        QVERIFY2(qAbs(shownSpan - 300.0) < 1.0, qPrintable(QString::number(shownSpan)));
        const int pointsIn5Min = dashboard.shownPointCount();
        dashboard.setRangeMs(7 * 24 * 60 * minute);
        dashboard.replotNow();
        QVERIFY(dashboard.shownPointCount() > pointsIn5Min);
        dashboard.setRangeMs(15 * minute);
        dashboard.replotNow();

        // CSV of what is shown in the window.
        const QString csv = dashboard.csv();
        const QStringList lines = csv.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.first(), QStringLiteral("time_utc,tenant,target,source,metric,value"));
        QVERIFY(csv.contains(QStringLiteral(",risk,http://risk:8000/metrics,prometheus,request_latency_p99_ms,")));
        QVERIFY(csv.contains(QStringLiteral(",fraud,http://fraud:8000/metrics,probe,request_latency_p99_ms,")));
        // 15 minutes at one point per 10 s: ~91 rows per shown series (p95 is hidden by default).
        const int series = dashboard.latencyPlot()->graphCount() + dashboard.ratePlot()->graphCount()
            + dashboard.breakdownPlot()->graphCount();
        QVERIFY2(lines.size() > 80 * series / 2 && lines.size() < 95 * series, qPrintable(QString::number(lines.size())));
        for (const QString &line : lines.mid(1))
            QVERIFY2(QDateTime::fromString(line.section(u',', 0, 0), Qt::ISODateWithMs).msecsTo(QDateTime::currentDateTimeUtc()) < 16 * minute + 5000,
                     qPrintable(line));

        QTemporaryDir dir;
        QVERIFY(dashboard.exportCsv(dir.filePath(QStringLiteral("l.csv"))));
        QVERIFY(dashboard.exportPng(artifactPath(QStringLiteral("latency-chart.png"))));
        QVERIFY(dashboard.exportPdf(dir.filePath(QStringLiteral("l.pdf"))));
        QFile pdf(dir.filePath(QStringLiteral("l.pdf")));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");

        // Live/pause; zooming pauses.
        QVERIFY(dashboard.isLive());
        dashboard.latencyPlot()->xAxis->scaleRange(0.5);
        QVERIFY(!dashboard.isLive());
        dashboard.setLive(true);
        QVERIFY(dashboard.isLive());

        // Crosshair lists each line's value at that time.
        dashboard.showCrosshairAt(double(now - 5 * minute) / 1000.0);
        QVERIFY(dashboard.crosshairText().contains(QStringLiteral("risk · http://risk:8000/metrics · p99 (prometheus)")));

        // Updates are throttled: many appends, one pending replot.
        for (int i = 0; i < 100; ++i)
            store.append(key("fraud", metricnames::latencyP99Ms()), now + 1000 + i, 3.0);
        QVERIFY(dashboard.replotPending());
        QTRY_VERIFY(!dashboard.replotPending());

        // An error of one source shows inline; the others keep their lines.
        store.setError(key("growth", metricnames::latencyP99Ms()), QStringLiteral("answered HTML, not metrics"));
        QVERIFY(dashboard.errorText().contains(QStringLiteral("growth")));
        QVERIFY(dashboard.grab().save(artifactPath(QStringLiteral("latency-dashboard-error.png"))));
    }
};

QTEST_MAIN(TestLatencyDashboard)
#include "tst_latencydashboard.moc"
