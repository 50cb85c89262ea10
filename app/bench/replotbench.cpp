// `BENCH replot_1m_median_ms`: one latency series of 1,000,000 points (7 days
// at ~0.6 s) in the latency dashboard, replotted (resample + draw) 30 times
// offscreen; prints the median. A figure, never a pass/fail test (target ≤ 16 ms).
#include "dashboards/latencydashboard.h"
#include "metrics/metricnames.h"
#include "metrics/metricstore.h"

#include <QApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace feastconsole;

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    constexpr qint64 points = 1'000'000;
    const qint64 week = 7LL * 24 * 3600 * 1000;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    MetricStore store;
    const SeriesKey key{QStringLiteral("fraud"), QStringLiteral("http://fraud:8000/metrics"), MetricSource::Scrape,
                        metricnames::latencyP99Ms()};
    const QSignalBlocker quiet(&store); // filling is not what we measure
    for (qint64 i = 0; i < points; ++i) {
        const qint64 t = now - week + 1 + i * (week / points);
        store.append(key, t, 3.0 + std::sin(double(i) / 5000.0) + (i % 997 == 0 ? 20.0 : 0.0));
    }
    LatencyDashboard dashboard(&store);
    dashboard.setTenantStore(key.tenant, QStringLiteral("redis"));
    dashboard.resize(1600, 1000);
    dashboard.show();
    QCoreApplication::processEvents();
    dashboard.setRangeMs(week);
    dashboard.setLive(false);
    dashboard.replotNow();

    std::vector<double> ms;
    for (int i = 0; i < 30; ++i) {
        QElapsedTimer timer;
        timer.start();
        dashboard.replotNow();
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    QTextStream out(stdout);
    out << "# replot of " << points << " points (" << dashboard.shownPointCount() << " drawn after sampling)\n";
    out << "BENCH replot_1m_median_ms " << QString::number(ms[ms.size() / 2], 'f', 2) << " ms\n";
    return 0;
}
