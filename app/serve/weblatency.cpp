#include "serve/weblatency.h"

#include "consolecore.h"
#include "catalog/catalog.h"
#include "health/tenantlatency.h"
#include "metrics/latencyseries.h"
#include "metrics/metricnames.h"
#include "metrics/metricstore.h"
#include "registry/workspacesession.h"

#include <QDateTime>
#include <QJsonArray>

#include <algorithm>

namespace feastconsole::webmethods {

namespace {

constexpr qint64 maxRangeS = 7LL * 24 * 3600;

} // namespace

bool isLatencyDashboardMetric(const QString &metric)
{
    using namespace metricnames;
    return metric == latencyP50Ms() || metric == latencyP95Ms() || metric == latencyP99Ms() || metric == errorRate();
}

namespace {

QJsonObject keyJson(const SeriesKey &key)
{
    return QJsonObject{{QStringLiteral("tenant"), key.tenant},
                       {QStringLiteral("target"), key.target},
                       {QStringLiteral("source"), metricSourceId(key.source)},
                       {QStringLiteral("metric"), key.metric}};
}

bool keyOrder(const SeriesKey &a, const SeriesKey &b)
{
    return std::tie(a.tenant, a.metric, a.source, a.target) < std::tie(b.tenant, b.metric, b.source, b.target);
}

} // namespace

Answer latencySeries(const ConsoleCore &core, const QJsonObject &params, qint64 nowMs)
{
    rpc::ParamReader read{params, {}};
    const qint64 rangeS = read.integer(QStringLiteral("range_s"), 900, 60, maxRangeS);
    const qint64 toMs = read.integer(QStringLiteral("to_ms"), nowMs, 0, std::numeric_limits<qint64>::max() / 2);
    const qint64 points = read.integer(QStringLiteral("points"), 300, 10, 2000);
    const QString format = read.string(QStringLiteral("format"), QStringLiteral("series"));
    if (!read.ok())
        return rpc::Error{rpc::InvalidParams, read.why};
    if (format != u"series" && format != u"csv")
        return rpc::Error{rpc::InvalidParams, QStringLiteral("\"format\" must be \"series\" or \"csv\"")};
    const qint64 fromMs = toMs - rangeS * 1000;
    const MetricStore &store = core.store();
    const TenantObjectives objectives = tenantObjectives(core.catalog(), core.session().workspace());

    QJsonArray tenants;
    for (const QString &tenant : dashboardTenants(objectives, &store)) {
        const SloThreshold slo = objectives.slo(tenant);
        tenants.append(QJsonObject{{QStringLiteral("tenant"), tenant},
                                   {QStringLiteral("label"), objectives.label(tenant)},
                                   {QStringLiteral("store_type"), objectives.storeType(tenant)},
                                   {QStringLiteral("slo"), QJsonObject{{QStringLiteral("p50_ms"), slo.p50Ms},
                                                                       {QStringLiteral("p99_ms"), slo.p99Ms}}}});
    }

    QList<SeriesKey> keys = store.keys();
    std::sort(keys.begin(), keys.end(), keyOrder);
    keys.removeIf([](const SeriesKey &key) { return !isLatencyDashboardMetric(key.metric); });
    if (format == u"csv") // every point of the window, as the desktop's CSV export writes it
        return QJsonObject{{QStringLiteral("csv"), seriesCsv(store, keys, fromMs, toMs)}};
    QJsonArray series;
    QVector<double> t, v;
    for (const SeriesKey &key : std::as_const(keys)) {
        t.clear();
        v.clear();
        sampleSeries(*store.series(key), fromMs, toMs, int(points / 4), t, v);
        if (t.isEmpty())
            continue;
        QJsonArray times, values;
        for (qsizetype i = 0; i < t.size(); ++i) {
            times.append(t.at(i));
            values.append(std::isfinite(v.at(i)) ? QJsonValue(v.at(i)) : QJsonValue());
        }
        QJsonObject o = keyJson(key);
        o.insert(QStringLiteral("t"), times); // seconds since the epoch
        o.insert(QStringLiteral("v"), values);
        series.append(o);
    }

    // Heat maps: each latency histogram of the window, one column per frame
    // (at most `points` columns, the latest kept), as the desktop computes them.
    QList<SeriesKey> histogramKeys = store.histogramKeys();
    std::sort(histogramKeys.begin(), histogramKeys.end(), keyOrder);
    QJsonArray heatmaps;
    for (const SeriesKey &key : std::as_const(histogramKeys)) {
        const LatencyHeatmap map = latencyHeatmap(*store.histograms(key), fromMs, toMs);
        if (map.columns() == 0 || map.rows() == 0)
            continue;
        const int first = std::max(0, map.columns() - int(points));
        QJsonArray times, bounds, cells;
        for (int c = first; c < map.columns(); ++c) {
            times.append(double(map.msecs[size_t(c)]) / 1000.0);
            QJsonArray column;
            for (int r = 0; r < map.rows(); ++r) {
                const double v = map.cells[size_t(c) * size_t(map.rows()) + size_t(r)];
                column.append(std::isfinite(v) ? QJsonValue(v) : QJsonValue());
            }
            cells.append(column);
        }
        for (double bound : map.upperBoundsMs)
            bounds.append(std::isfinite(bound) ? QJsonValue(bound) : QJsonValue()); // null: +Inf
        QJsonObject o = keyJson(key);
        o.insert(QStringLiteral("t"), times);
        o.insert(QStringLiteral("upper_bounds_ms"), bounds);
        o.insert(QStringLiteral("labels"), QJsonArray::fromStringList(bucketLabels(map.upperBoundsMs)));
        o.insert(QStringLiteral("cells"), cells); // per column, per bucket: the fraction of that frame's requests
        heatmaps.append(o);
    }

    QList<SeriesKey> errorKeys = store.errorKeys();
    std::sort(errorKeys.begin(), errorKeys.end(), keyOrder);
    QJsonArray errors;
    for (const SeriesKey &key : std::as_const(errorKeys)) {
        QJsonObject o = keyJson(key);
        o.insert(QStringLiteral("error"), store.error(key));
        errors.append(o);
    }
    return QJsonObject{{QStringLiteral("from_ms"), double(fromMs)},
                       {QStringLiteral("to_ms"), double(toMs)},
                       {QStringLiteral("tenants"), tenants},
                       {QStringLiteral("series"), series},
                       {QStringLiteral("heatmaps"), heatmaps},
                       {QStringLiteral("errors"), errors}};
}

QJsonObject latencyDelta(const MetricStore &store, const QSet<SeriesKey> &dirty, QHash<SeriesKey, qint64> &sentUpTo,
                         bool resync)
{
    QList<SeriesKey> keys(dirty.cbegin(), dirty.cend());
    std::sort(keys.begin(), keys.end(), keyOrder);
    QJsonArray series;
    for (const SeriesKey &key : std::as_const(keys)) {
        const TimeSeries *points = store.series(key);
        if (!points || points->msecs.empty())
            continue;
        const auto sent = sentUpTo.constFind(key);
        const qint64 after = sent == sentUpTo.cend() ? std::numeric_limits<qint64>::min() : *sent;
        // A rewritten series (a Prometheus range replaced) may end before what was sent.
        if (points->msecs.back() < after)
            resync = true;
        auto first = std::upper_bound(points->msecs.begin(), points->msecs.end(), after);
        if (first == points->msecs.end())
            continue;
        QJsonArray times, values;
        for (auto it = first; it != points->msecs.end(); ++it) {
            const double v = points->values[size_t(it - points->msecs.begin())];
            times.append(double(*it) / 1000.0);
            values.append(std::isfinite(v) ? QJsonValue(v) : QJsonValue());
        }
        sentUpTo.insert(key, points->msecs.back());
        QJsonObject o = keyJson(key);
        o.insert(QStringLiteral("t"), times);
        o.insert(QStringLiteral("v"), values);
        series.append(o);
    }
    return QJsonObject{{QStringLiteral("series"), series},
                       {QStringLiteral("resync"), resync},
                       {QStringLiteral("at_ms"), double(QDateTime::currentMSecsSinceEpoch())}};
}

} // namespace feastconsole::webmethods
