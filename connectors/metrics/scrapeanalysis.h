#pragma once

#include "metrics/histogrammath.h"
#include "metrics/metricstore.h"
#include "metrics/prometheustext.h"

#include <QHash>
#include <QString>

namespace feastconsole {

// What one scrape of a feature server's /metrics holds that the dashboards
// use, reduced to cumulative totals (histograms summed over their label sets,
// counters summed by meaning) and gauges. Label names are looked up, never
// assumed: a counter without a `status` label has no error series.
// A histogram the exposition states wrongly (see histogramProblem(): no +Inf
// bucket, counts going down, _count unlike +Inf, series with other buckets than
// their family's, buckets gone since the previous scrape) has no entry in
// `histograms` but an error naming the series in `histogramErrors`: a broken
// histogram gives no quantile rather than a wrong one.
struct ScrapeSnapshot {
    qint64 msecs = 0;
    QHash<QString, CumulativeHistogram> histograms; // "request_latency", "online_store_read", …
    QHash<QString, QString> histogramErrors;        // same keys: what is wrong, naming the series
    QHash<QString, double> counters;                // "requests", "errors", "materialization_success:<view>", …
    QHash<QString, double> gauges;                  // "cpu_percent", "freshness_s:<project>/<view>", …
    // Each histogram series' bucket bounds and count, by `family{labels}`: the
    // next scrape of the target is checked against them.
    struct SeriesBuckets {
        QString histogram; // the key in `histograms`
        QString name;      // `family{labels}` for messages
        std::vector<double> upperBounds;
        double count = 0;
    };
    QHash<QString, SeriesBuckets> series;
};

ScrapeSnapshot snapshotOf(const prometheus::Exposition &exposition, qint64 msecs);

// Refuses the histograms of `current` whose series lost buckets since
// `previous` (the same target's last scrape) without a counter reset: one
// dropped `le` moves every quantile above it. The lost bounds are kept in
// `current.series`, so the error stays until they come back or the server
// restarts (its _count goes down).
void checkAgainstPrevious(const ScrapeSnapshot &previous, ScrapeSnapshot &current);

// Appends what happened between two scrapes of one target to the store under
// `base` (tenant, target, source; its metric is replaced): for each latency
// histogram `<name>_p50_ms`, `_p95_ms`, `_p99_ms`, `_max_ms` (when the interval
// had observations) and a HistogramFrame under `<name>`; `<counter>_per_s` for
// counters; gauges as they are. Without a previous snapshot only gauges are
// recorded.
void recordInterval(MetricStore &store, const SeriesKey &base, const ScrapeSnapshot *previous,
                    const ScrapeSnapshot &current);

// The latency histograms the scrape follows, their Feast metric names.
struct ScrapedHistogram {
    QString key;    // series prefix
    QString family; // Prometheus family
};
const QList<ScrapedHistogram> &scrapedHistograms();

} // namespace feastconsole
