#pragma once

#include "serve/webmethods.h"

#include "metrics/metricstore.h"

#include <QHash>
#include <QSet>

namespace feastconsole {

class ConsoleCore;

namespace webmethods {

// `latency.series` {range_s?, to_ms?, points?}: the latency dashboard's data
// from the store the feeds fill (scrapes, Prometheus, probes - every query
// and scrape runs in the server): each tenant with its objectives, every
// p50/p95/p99 latency and error-rate series of [to - range, to] sampled to
// at most `points` per line as the desktop's charts sample them, and the
// error of every source that has one. `to_ms` absent: now (live).
// `format: "csv"`: {csv}, every point of the window as the desktop exports it.
Answer latencySeries(const ConsoleCore &core, const QJsonObject &params, qint64 nowMs);

// Whether the latency dashboard shows series of this metric.
bool isLatencyDashboardMetric(const QString &metric);

// The `latency.changed` push: the points of the `dirty` series newer than
// the last push of each (`sentUpTo`, updated), as {series: [{tenant, target,
// source, metric, t, v}], resync, at_ms}
// (at_ms: when the push was built). A client appends them to what
// latency.series gave it (dropping points it has); `resync` (objectives or a
// source's error changed, or a series was rewritten) asks it to fetch again.
QJsonObject latencyDelta(const MetricStore &store, const QSet<SeriesKey> &dirty, QHash<SeriesKey, qint64> &sentUpTo,
                         bool resync);

} // namespace webmethods
} // namespace feastconsole
