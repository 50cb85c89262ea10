#include "scrapeanalysis.h"

#include <cmath>

namespace feastconsole {

using namespace prometheus;

const QList<ScrapedHistogram> &scrapedHistograms()
{
    static const QList<ScrapedHistogram> list = {
        {QStringLiteral("request_latency"), QStringLiteral("feast_feature_server_request_latency_seconds")},
        {QStringLiteral("online_store_read"), QStringLiteral("feast_feature_server_online_store_read_duration_seconds")},
        {QStringLiteral("transformation"), QStringLiteral("feast_feature_server_transformation_duration_seconds")},
        {QStringLiteral("materialization_duration"), QStringLiteral("feast_materialization_duration_seconds")},
    };
    return list;
}

namespace {

// A counter family, as the text format names it (with _total) or without.
const MetricFamily *counterFamily(const Exposition &e, const QString &name)
{
    if (const MetricFamily *f = e.family(name))
        return f;
    if (name.endsWith(QLatin1String("_total")))
        return e.family(name.chopped(6));
    return nullptr;
}

bool isErrorStatus(const QString &status)
{
    const QString s = status.toLower();
    return s.startsWith(u'4') || s.startsWith(u'5') || s.contains(QLatin1String("error"))
        || s.contains(QLatin1String("fail"));
}

void addCounter(QHash<QString, double> &counters, const QString &key, double value)
{
    if (!std::isnan(value))
        counters[key] += value;
}

// Multiprocess gauges carry one sample per worker (`pid`): the worst one counts.
void maxGauge(QHash<QString, double> &gauges, const QString &key, double value)
{
    if (std::isnan(value))
        return;
    auto it = gauges.find(key);
    if (it == gauges.end())
        gauges.insert(key, value);
    else
        *it = std::max(*it, value);
}

} // namespace

ScrapeSnapshot snapshotOf(const Exposition &e, qint64 msecs)
{
    ScrapeSnapshot snap;
    snap.msecs = msecs;
    for (const ScrapedHistogram &h : scrapedHistograms()) {
        const MetricFamily *family = e.family(h.family);
        if (!family)
            continue;
        std::vector<CumulativeHistogram> parts;
        for (const HistogramSample &s : histogramsOf(*family))
            parts.push_back({s.upperBounds, s.cumulative, s.sum, s.count});
        if (!parts.empty())
            snap.histograms.insert(h.key, sumHistograms(parts));
    }
    if (const MetricFamily *f = counterFamily(e, QStringLiteral("feast_feature_server_request_total"))) {
        for (const Sample &s : f->samples) {
            if (s.name.endsWith(QLatin1String("_created")))
                continue;
            addCounter(snap.counters, QStringLiteral("requests"), s.value);
            if (const auto status = s.label(u"status"); status && isErrorStatus(*status))
                addCounter(snap.counters, QStringLiteral("errors"), s.value);
            else if (status)
                addCounter(snap.counters, QStringLiteral("errors"), 0);
        }
    }
    if (const MetricFamily *f = counterFamily(e, QStringLiteral("feast_online_features_request_total"))) {
        for (const Sample &s : f->samples)
            addCounter(snap.counters, QStringLiteral("online_features_requests"), s.value);
    }
    if (const MetricFamily *f = counterFamily(e, QStringLiteral("feast_materialization_result_total"))) {
        for (const Sample &s : f->samples) {
            const QString view = s.label(u"feature_view").value_or(QString());
            const auto status = s.label(u"status");
            const QString outcome = status && isErrorStatus(*status) ? QStringLiteral("materialization_failure")
                                                                     : QStringLiteral("materialization_success");
            addCounter(snap.counters, view.isEmpty() ? outcome : outcome + u':' + view, s.value);
        }
    }
    if (const MetricFamily *f = e.family(u"feast_feature_server_cpu_usage")) {
        for (const Sample &s : f->samples)
            maxGauge(snap.gauges, QStringLiteral("cpu_percent"), s.value);
    }
    if (const MetricFamily *f = e.family(u"feast_feature_server_memory_usage")) {
        for (const Sample &s : f->samples)
            maxGauge(snap.gauges, QStringLiteral("memory_percent"), s.value);
    }
    if (const MetricFamily *f = e.family(u"feast_feature_freshness_seconds")) {
        for (const Sample &s : f->samples) {
            const QString project = s.label(u"project").value_or(QString());
            const QString view = s.label(u"feature_view").value_or(QString());
            QString key = QStringLiteral("freshness_s");
            if (!view.isEmpty())
                key += u':' + (project.isEmpty() ? view : project + u'/' + view);
            maxGauge(snap.gauges, key, s.value);
        }
    }
    return snap;
}

void recordInterval(MetricStore &store, const SeriesKey &base, const ScrapeSnapshot *previous,
                    const ScrapeSnapshot &current)
{
    const auto put = [&](const QString &metric, double value) {
        if (std::isnan(value) || std::isinf(value))
            return;
        SeriesKey key = base;
        key.metric = metric;
        store.append(key, current.msecs, value);
    };
    for (auto it = current.gauges.cbegin(); it != current.gauges.cend(); ++it)
        put(it.key(), it.value());
    // Materialization runs so far, per view: `materialization_success_total:<view>`.
    for (auto it = current.counters.cbegin(); it != current.counters.cend(); ++it) {
        if (!it.key().startsWith(u"materialization_"))
            continue;
        QString metric = it.key();
        const qsizetype colon = metric.indexOf(u':');
        metric.insert(colon < 0 ? metric.size() : colon, QStringLiteral("_total"));
        put(metric, it.value());
    }
    if (!previous || current.msecs <= previous->msecs)
        return;
    const double seconds = double(current.msecs - previous->msecs) / 1000.0;
    for (auto it = current.histograms.cbegin(); it != current.histograms.cend(); ++it) {
        const auto before = previous->histograms.constFind(it.key());
        const CumulativeHistogram increase = before == previous->histograms.cend()
            ? it.value() : histogramIncrease(before.value(), it.value());
        SeriesKey frameKey = base;
        frameKey.metric = it.key();
        store.appendHistogram(frameKey, toFrame(current.msecs, increase));
        if (increase.cumulative.empty() || increase.cumulative.back() <= 0)
            continue;
        const double scale = it.key() == u"materialization_duration" ? 1.0 : 1000.0; // seconds vs ms
        const QString unit = scale == 1.0 ? QStringLiteral("_s") : QStringLiteral("_ms");
        put(it.key() + QStringLiteral("_p50") + unit, histogramQuantile(0.5, increase) * scale);
        put(it.key() + QStringLiteral("_p95") + unit, histogramQuantile(0.95, increase) * scale);
        put(it.key() + QStringLiteral("_p99") + unit, histogramQuantile(0.99, increase) * scale);
        double top = maxBucketBound(increase);
        if (std::isinf(top) && increase.upperBounds.size() >= 2)
            top = increase.upperBounds[increase.upperBounds.size() - 2]; // "above the last bound"
        put(it.key() + QStringLiteral("_max") + unit, top * scale);
    }
    for (auto it = current.counters.cbegin(); it != current.counters.cend(); ++it) {
        const double before = previous->counters.value(it.key(), 0);
        const double increase = it.value() >= before ? it.value() - before : it.value();
        QString metric = it.key();
        const qsizetype colon = metric.indexOf(u':');
        metric.insert(colon < 0 ? metric.size() : colon, QStringLiteral("_per_s"));
        put(metric, increase / seconds);
    }
}

} // namespace feastconsole
