// The latency dashboard on a synthetic MetricStore (the pipeline that fills it
// is tested on its own): SLO defaults and colours, sampling, time ranges, the
// crosshair, the heat map, inline errors and exports. Screenshots go to
// build/test-artifacts/latency-*.png.
#include "appsettings.h"
#include "metrics/chartpalette.h"
#include "metrics/chartscale.h"
#include "dashboards/latencychart.h"
#include "dashboards/latencydashboard.h"
#include "metrics/latencyseries.h"
#include "dashboards/materializationpage.h"
#include "metrics/metricnames.h"
#include "testsupport.h"

#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QImage>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include "dashboards/qcustomplotinclude.h"

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
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // the remembered scale goes to a test settings file
        AppSettings().setLatencyValueScale(QStringLiteral("robust"));
    }

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

    // A scrape that lands exactly on a bucket's bound (a 900 s window of 1 s
    // scrapes in 75 buckets: 660 s in is bound 55) once made sampling loop
    // forever, appending until the web console's server was killed for memory.
    void samplingEndsWhenAPointSitsOnABucketBound()
    {
        const qint64 to = 1'733'450'000'000;
        const qint64 from = to - 900'000;
        TimeSeries series;
        for (qint64 ms = from - 5'000; ms <= to + 5'000; ms += 1000) {
            series.msecs.push_back(ms);
            series.values.push_back(double(ms % 13));
        }
        QVector<double> keys, values;
        QThread *sampler = QThread::create([&] { sampleSeries(series, from, to, 75, keys, values); });
        sampler->start();
        if (!sampler->wait(10'000)) // a spinning thread cannot be stopped: end the test before it fills memory
            qFatal("sampleSeries did not end within 10 s");
        delete sampler;
        QVERIFY(keys.size() <= 4 * 75 + 2);
        QVERIFY(std::is_sorted(keys.begin(), keys.end()));
        QCOMPARE(keys.size(), values.size());
        // Every bucket of the window has its first point: nothing was skipped.
        QCOMPARE(keys.first(), double(from - 1000) / 1000.0);
        QCOMPARE(keys.last(), double(to + 1000) / 1000.0);
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
        // Empty buckets are blank, not the lowest colour.
        QVERIFY(std::isnan(map.cells[2]));
        QVERIFY(std::isnan(map.cells[3]));
    }

    void bucketLabelsForPeople()
    {
        const double inf = std::numeric_limits<double>::infinity();
        QCOMPARE(bucketLabels({5, 10, 25, 1000, 2500, inf}),
                 (QStringList{QStringLiteral("≤ 5 ms"), QStringLiteral("5–10 ms"), QStringLiteral("10–25 ms"),
                              QStringLiteral("25–1000 ms"), QStringLiteral("1–2.5 s"), QStringLiteral("> 2.5 s")}));
        QCOMPARE(bucketLabel(0.5, 1), QStringLiteral("0.5–1 ms"));
    }

    void paletteIsStableDistinctAndReadable()
    {
        SeriesPalette palette;
        QSet<quint32> chart;
        for (const char *tenant : {"fraud", "growth", "risk"}) {
            for (const char *source : {"scrape", "probe"})
                chart.insert(palette.colorFor(seriesColorKey(QString::fromUtf8(tenant), QString::fromUtf8(source), QStringLiteral("p99")),
                                              QStringLiteral("latency")));
        }
        QCOMPARE(chart.size(), 6); // six series, six colours
        // The same series keeps its colour, whichever chart asks first or later.
        const QString key = seriesColorKey(QStringLiteral("growth"), QStringLiteral("probe"), QStringLiteral("p99"));
        const quint32 first = palette.colorFor(key, QStringLiteral("latency"));
        palette.colorFor(seriesColorKey(QStringLiteral("x"), QStringLiteral("y"), QStringLiteral("z")), QStringLiteral("rates"));
        QCOMPARE(palette.colorFor(key, QStringLiteral("rates")), first);
        // Readable on a light and a dark theme: 3:1 (WCAG graphics), hue kept.
        for (quint32 color : okabeIto()) {
            for (quint32 background : {0xffffffu, 0x1e1e1eu}) {
                const quint32 readable = readableOn(color, background);
                QVERIFY2(contrastRatio(readable, background) >= 3.0, qPrintable(QString::number(color, 16)));
            }
            QCOMPARE(readableOn(color, 0xffffff, 1.0), color); // untouched when already enough
        }
    }

    void robustScaleIgnoresSpikes()
    {
        std::vector<double> values(2000, 3.0);
        for (size_t i = 0; i < values.size(); ++i)
            values[i] += 0.5 * std::sin(double(i));
        values[1000] = 1000.0; // one spike
        const std::vector<double> slo{1.0, 5.0};
        const ValueRange robust = valueAxisRange(values, slo, ValueScale::Robust);
        QCOMPARE(robust.lower, 0.0);
        QVERIFY2(robust.upper < 10 && robust.upper > 5.0, qPrintable(QString::number(robust.upper))); // SLO lines stay in view
        const ValueRange full = valueAxisRange(values, slo, ValueScale::Full);
        QVERIFY(full.upper >= 1000);
        const ValueRange log = valueAxisRange(values, slo, ValueScale::Log);
        QVERIFY(log.logarithmic);
        QVERIFY(log.lower < 1.0 && log.upper > 1000);
        // An objective above every value is kept in view with headroom.
        QVERIFY(valueAxisRange(values, {50.0}, ValueScale::Robust).upper > 50);
        // Without a spike, nothing is clipped: the top is above the highest value.
        std::vector<double> smooth;
        for (int i = 1; i <= 100; ++i)
            smooth.push_back(i);
        QVERIFY(valueAxisRange(smooth, {}, ValueScale::Robust).upper >= 100);
        QCOMPARE(valueAxisRange({}, {}, ValueScale::Robust), (ValueRange{0, 1, false}));
        QCOMPARE(valueScaleFromId(valueScaleId(ValueScale::Log)), std::optional<ValueScale>(ValueScale::Log));
        QVERIFY(!valueScaleFromId(QStringLiteral("bogus")));
    }

    void legendStatisticsAndCrosshairValues()
    {
        const QVector<double> keys{9, 10, 11, 12, 13};
        const QVector<double> values{100, 2, 7, 1, 4};
        QCOMPARE(seriesStats(keys, values, 10, 12.5), (std::optional<SeriesStats>(SeriesStats{1, 1, 7})));
        QVERIFY(!seriesStats(keys, values, 20, 30));

        TimeSeries series;
        for (qint64 t = 10'000; t <= 20'000; t += 1000) {
            series.msecs.push_back(t);
            series.values.push_back(double(t / 1000));
        }
        for (qint64 t = 60'000; t <= 70'000; t += 1000) { // after a gap
            series.msecs.push_back(t);
            series.values.push_back(double(t / 1000));
        }
        QVERIFY(!valueAt(series, 5'000));               // before the series begins
        QCOMPARE(valueAt(series, 10'000), std::optional<double>(10));
        QCOMPARE(valueAt(series, 12'400), std::optional<double>(12));
        QVERIFY(!valueAt(series, 40'000));              // in the gap
        QCOMPARE(valueAt(series, 70'500), std::optional<double>(70));
        QVERIFY(!valueAt(series, 90'000));              // after the end
    }

    void sloLinesAreLabelledAndShared()
    {
        const QList<SloLine> lines = sloLines({{QStringLiteral("fraud"), {1, 5}}, {QStringLiteral("growth"), {5, 20}},
                                               {QStringLiteral("risk"), {1, 30}}});
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines.at(0).label(), QStringLiteral("p50 SLO 1 ms (fraud, risk)"));
        QCOMPARE(lines.at(1).label(), QStringLiteral("SLO 5 ms: fraud p99, growth p50")); // one label, not two on top of each other
        QVERIFY(lines.at(1).hasP99());
        QCOMPARE(lines.at(3).label(), QStringLiteral("risk p99 SLO 30 ms"));
    }

    void tenantOfAConnectionsFigures()
    {
        QCOMPARE(metricsTenantLabel(QStringLiteral("fraud"), QStringLiteral("fraud"), {QStringLiteral("x")}), QStringLiteral("fraud"));
        QCOMPARE(metricsTenantLabel(QStringLiteral("team-alpha"), {}, {QStringLiteral("alpha")}), QStringLiteral("alpha"));
        QCOMPARE(metricsTenantLabel(QStringLiteral("shared"), {}, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("d")}),
                 QStringLiteral("a, b, c +1"));
        QCOMPARE(metricsTenantLabel(QStringLiteral("conn"), {}, {}), QStringLiteral("conn"));
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
        for (qint64 t = now - 90 * minute; t <= now; t += 10 * 1000) // with a spike the robust scale clips
            store.append(key("growth", metricnames::latencyP99Ms()), t, t == now - 40 * minute ? 240.0 : 18.0 + 0.1 * std::sin(double(t) / 60000.0));
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
        dashboard.resize(1300, 1350);
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
        QVERIFY(dashboard.grab().save(artifactPath(QStringLiteral("latency-dashboard.png"))));
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

        // Legends name the source and give current/min/max.
        bool probeInLegend = false;
        for (int i = 0; i < dashboard.latencyPlot()->graphCount(); ++i)
            probeInLegend |= dashboard.latencyPlot()->graph(i)->name().startsWith(QStringLiteral("fraud p99 · probe   now 2."));
        QVERIFY(probeInLegend);
        // The grid says where each figure comes from.
        for (int row = 0; row < grid->rowCount(); ++row) {
            if (grid->item(row, 0)->text() == u"risk")
                QVERIFY2(grid->item(row, 3)->text().endsWith(QStringLiteral(" · prometheus")), qPrintable(grid->item(row, 3)->text()));
            if (grid->item(row, 0)->text() == u"fraud") // the scrape's 3.0 is worse than the probe's 2.5
                QVERIFY2(grid->item(row, 3)->text().endsWith(QStringLiteral(" · scrape")), qPrintable(grid->item(row, 3)->text()));
        }
        QVERIFY(dashboard.heatmapPlot()->plottableCount() == 1);

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
        QVERIFY2(dashboard.crosshairText().contains(QStringLiteral("risk p99 · prometheus: 4")), qPrintable(dashboard.crosshairText()));

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

    // The crosshair shows a series only where it has points, leaves with the
    // mouse and never gets into an export.
    void crosshairFollowsTheData()
    {
        MetricStore store;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        fill(store, key("fraud", metricnames::latencyP99Ms()), now, 60, 3.0);
        fill(store, key("growth", metricnames::latencyP99Ms()), now, 10, 15.0); // began 10 minutes ago
        LatencyDashboard dashboard(&store);
        dashboard.resize(1000, 900);
        dashboard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
        dashboard.replotNow();

        dashboard.showCrosshairAt(double(now - 30 * minute) / 1000.0);
        QVERIFY2(dashboard.crosshairText().contains(QStringLiteral("fraud p99 · scrape: ")), qPrintable(dashboard.crosshairText()));
        QVERIFY2(!dashboard.crosshairText().contains(QStringLiteral("growth")), qPrintable(dashboard.crosshairText()));
        dashboard.showCrosshairAt(double(now - 5 * minute) / 1000.0);
        QVERIFY(dashboard.crosshairText().contains(QStringLiteral("growth p99 · scrape: 1")));

        // Exported with the crosshair on or off: the same image.
        dashboard.setLive(false); // a fixed window, the same title
        dashboard.replotNow();
        dashboard.showCrosshairAt(double(now - 5 * minute) / 1000.0);
        QTemporaryDir dir;
        QVERIFY(dashboard.exportPng(dir.filePath(QStringLiteral("hover.png"))));
        QVERIFY(dashboard.latencyChart()->crosshairVisible()); // still there for the user
        QEvent leave(QEvent::Leave);
        QApplication::sendEvent(dashboard.latencyPlot(), &leave);
        QVERIFY(dashboard.crosshairText().isEmpty());
        QVERIFY(!dashboard.latencyChart()->crosshairVisible());
        QVERIFY(dashboard.exportPng(dir.filePath(QStringLiteral("plain.png"))));
        const QImage hover(dir.filePath(QStringLiteral("hover.png"))), plain(dir.filePath(QStringLiteral("plain.png")));
        QVERIFY(!plain.isNull());
        QCOMPARE(hover, plain);
        // The export is bigger than the plot: it carries the title, the legend and the range.
        QVERIFY(plain.width() >= 1000);
    }

    void legendHidesAndIsolatesSeries()
    {
        MetricStore store;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        fill(store, key("fraud", metricnames::latencyP99Ms()), now, 30, 3.0);
        fill(store, key("growth", metricnames::latencyP99Ms()), now, 30, 15.0);
        fill(store, key("risk", metricnames::latencyP99Ms()), now, 30, 40.0);
        LatencyDashboard dashboard(&store);
        dashboard.resize(1200, 900);
        dashboard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
        dashboard.replotNow();
        QCustomPlot *plot = dashboard.latencyPlot();
        QCPGraph *fraud = dashboard.graphOf(key("fraud", metricnames::latencyP99Ms()));
        QCPGraph *growth = dashboard.graphOf(key("growth", metricnames::latencyP99Ms()));
        QCPGraph *risk = dashboard.graphOf(key("risk", metricnames::latencyP99Ms()));
        QVERIFY(fraud && growth && risk);
        // Distinct colours from the one palette.
        QVERIFY(fraud->pen().color() != growth->pen().color() && growth->pen().color() != risk->pen().color()
                && fraud->pen().color() != risk->pen().color());
        // The legend sits below the plot, not over it.
        QVERIFY(plot->legend->outerRect().top() >= plot->axisRect()->outerRect().bottom());
        const auto clickOn = [&](QCPGraph *graph, Qt::KeyboardModifiers modifiers = {}) {
            QCPPlottableLegendItem *item = plot->legend->itemWithPlottable(graph);
            QVERIFY(item);
            QTest::mouseClick(plot, Qt::LeftButton, modifiers, item->rect().center());
        };
        clickOn(growth);
        QVERIFY(!growth->visible());
        QVERIFY(fraud->visible() && risk->visible());
        QVERIFY(plot->legend->itemWithPlottable(growth)); // still listed, to click again
        dashboard.replotNow();                            // a replot keeps the choice
        QVERIFY(!growth->visible());
        QVERIFY(dashboard.latencyPlot()->yAxis->range().upper < 40 * 1.2 * 1.6);
        clickOn(growth);
        QVERIFY(growth->visible());
        clickOn(risk, Qt::ControlModifier); // only risk
        QVERIFY(risk->visible() && !fraud->visible() && !growth->visible());
        clickOn(risk, Qt::ControlModifier); // everything again
        QVERIFY(risk->visible() && fraud->visible() && growth->visible());
        QVERIFY(dashboard.grab().save(artifactPath(QStringLiteral("latency-legend.png"))));
    }

    void spikesDoNotFlattenTheSloLines()
    {
        MetricStore store;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const SeriesKey p99 = key("fraud", metricnames::latencyP99Ms());
        for (qint64 t = now - 60 * minute; t <= now; t += 5000)
            store.append(p99, t, t == now - 30 * minute ? 900.0 : 3.0 + 0.5 * std::sin(double(t) / 90000.0));
        {
            LatencyDashboard dashboard(&store);
            dashboard.setTenantStore(QStringLiteral("fraud"), QStringLiteral("redis")); // p99 SLO 5 ms
            dashboard.resize(1000, 900);
            dashboard.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
            dashboard.setValueScale(ValueScale::Robust);
            dashboard.replotNow();
            const QCPRange y = dashboard.latencyPlot()->yAxis->range();
            QVERIFY2(y.upper > 5.0 && y.upper < 10.0, qPrintable(QString::number(y.upper)));
            QVERIFY(dashboard.latencyChart()->clippedCount() >= 1); // the spike is marked at the top edge
            // The objectives are drawn and labelled.
            bool labelled = false;
            for (int i = 0; i < dashboard.latencyPlot()->itemCount(); ++i) {
                if (auto *text = qobject_cast<QCPItemText *>(dashboard.latencyPlot()->item(i)))
                    labelled |= text->text() == u"fraud p99 SLO 5 ms";
            }
            QVERIFY(labelled);
            QVERIFY(dashboard.grab().save(artifactPath(QStringLiteral("latency-robust-scale.png"))));

            // The user's choice, through the combo box, is remembered.
            auto *scale = dashboard.findChild<QComboBox *>(QStringLiteral("valueScale"));
            QVERIFY(scale);
            scale->setCurrentIndex(scale->findData(QStringLiteral("full")));
            dashboard.replotNow();
            QVERIFY(dashboard.latencyPlot()->yAxis->range().upper >= 900);
            QCOMPARE(dashboard.latencyChart()->clippedCount(), 0);
            scale->setCurrentIndex(scale->findData(QStringLiteral("log")));
            dashboard.replotNow();
            QCOMPARE(dashboard.latencyPlot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
        }
        LatencyDashboard again(&store);
        QCOMPARE(again.valueScale(), ValueScale::Log);
        again.setValueScale(ValueScale::Robust);
        auto *scale = again.findChild<QComboBox *>(QStringLiteral("valueScale"));
        scale->setCurrentIndex(scale->findData(QStringLiteral("robust")));
    }

    void gridNamesTheTenant()
    {
        MetricStore store;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        fill(store, key("team-alpha", metricnames::latencyP99Ms()), now, 10, 4.0); // keyed by the connection
        LatencyDashboard dashboard(&store);
        dashboard.setTenantLabel(QStringLiteral("team-alpha"), QStringLiteral("alpha"));
        dashboard.setTenantStore(QStringLiteral("alpha"), QStringLiteral("redis")); // the catalog's tenant, no figures
        dashboard.replotNow();
        QTableWidget *grid = dashboard.overview();
        QCOMPARE(grid->rowCount(), 1);
        QCOMPARE(grid->item(0, 0)->text(), QStringLiteral("alpha"));
        QVERIFY(grid->item(0, 3)->text().toDouble() == 0); // not a bare number:
        QVERIFY(grid->item(0, 3)->text().section(u' ', 0, 0).toDouble() > 3.8);
        QVERIFY(grid->item(0, 3)->text().endsWith(QStringLiteral(" · scrape")));
        QVERIFY(dashboard.graphOf(key("team-alpha", metricnames::latencyP99Ms()))->name().startsWith(QStringLiteral("alpha p99 · scrape")));
    }

    void heatmapHasAKeyAndBucketLabels()
    {
        MetricStore store;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (int i = 0; i < 30; ++i) {
            store.appendHistogram(key("fraud", metricnames::latencyHistogram()),
                                  {now - (30 - i) * minute, {0.005, 0.01, 0.025, std::numeric_limits<double>::infinity()},
                                   {double(80 + i), 15, i % 3 == 0 ? 0.0 : 4.0, 0}});
        }
        LatencyDashboard dashboard(&store);
        dashboard.resize(1000, 900);
        dashboard.replotNow();
        QVERIFY(dashboard.heatmapColorScale());
        QCOMPARE(dashboard.heatmapColorScale()->dataRange(), QCPRange(0, 1));
        auto ticker = qSharedPointerCast<QCPAxisTickerText>(dashboard.heatmapPlot()->yAxis->ticker());
        QVERIFY(ticker);
        QCOMPARE(ticker->ticks().value(1), QStringLiteral("5–10 ms"));
        auto *map = qobject_cast<QCPColorMap *>(dashboard.heatmapPlot()->plottable(0));
        QVERIFY(std::isnan(map->data()->cell(0, 3))); // the +Inf bucket was empty
        QCOMPARE(map->gradient().nanHandling(), QCPColorGradient::nhTransparent);
    }

    void emptyMaterializationTimelineShowsToday()
    {
        MaterializationPage page(nullptr, nullptr);
        page.resize(1000, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        const QCPRange range = page.timeline()->xAxis->range();
        const double now = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
        QVERIFY2(range.lower > now - 9 * 24 * 3600 && range.upper >= now, qPrintable(QString::number(range.lower)));
        QVERIFY(page.grab().save(artifactPath(QStringLiteral("materialization-empty.png"))));
    }
};

QTEST_MAIN(TestLatencyDashboard)
#include "tst_latencydashboard.moc"
