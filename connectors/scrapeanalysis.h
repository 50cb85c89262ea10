#pragma once

#include "histogrammath.h"
#include "metricstore.h"
#include "prometheustext.h"

#include <QHash>
#include <QString>

namespace feastconsole {

// What one scrape of a feature server's /metrics holds that the dashboards
// use, reduced to cumulative totals (histograms summed over their label sets,
// counters summed by meaning) and gauges. Label names are looked up, never
// assumed: a counter without a `status` label has no error series.
struct ScrapeSnapshot {
    qint64 msecs = 0;
    QHash<QString, CumulativeHistogram> histograms; // "request_latency", "online_store_read", …
    QHash<QString, double> counters;                // "requests", "errors", "materialization_success:<view>", …
    QHash<QString, double> gauges;                  // "cpu_percent", "freshness_s:<project>/<view>", …
};

ScrapeSnapshot snapshotOf(const prometheus::Exposition &exposition, qint64 msecs);

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
