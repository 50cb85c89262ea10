#pragma once

#include "metrics/metricstore.h"
#include "metrics/thresholds.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <QString>
#include <QVector>

#include <cmath>
#include <optional>

namespace feastconsole {

// The online-store latency objectives of Feast's deployment guide, by online
// store type: Redis p50 < 1 / p99 < 5 ms; Redis Cluster 2 / 10; DynamoDB 5 / 20;
// PostgreSQL 5 / 30; remote HTTP 10 / 50. Other types (SQLite, unknown) get the
// remote-HTTP figures, the loosest of the table.
// type: Feast's online_store type ("redis", "dynamodb", "postgres", "remote", …);
// redisType: the redis store's redis_type ("redis_cluster" for a cluster).
SloThreshold defaultSlo(const QString &type, const QString &redisType = {});

enum class SloStatus { Unknown, Green, Amber, Red };
QString sloStatusId(SloStatus status); // "unknown", "green", "amber", "red"
// Red when either quantile breaks its objective; amber within `amberFraction`
// of it (default: above 80 %); green otherwise; unknown without figures.
SloStatus sloStatus(std::optional<double> p50Ms, std::optional<double> p99Ms, const SloThreshold &slo,
                    double amberFraction = 0.8);

// The latest value of a series at or before `atMs` within `maxAgeMs`.
std::optional<double> latestValue(const TimeSeries &series, qint64 atMs, qint64 maxAgeMs);

// Adaptive sampling for the charts: the points of [fromMs, toMs] reduced to at
// most four per bucket (first, min, max, last — "M4"), so a line drawn at
// `buckets` pixels looks exactly like the full series. One point just outside
// each end is kept so lines reach the edges. Keys are seconds (QCustomPlot's
// date-time axis). Series with fewer than 4 × buckets points are copied.
void sampleSeries(const TimeSeries &series, qint64 fromMs, qint64 toMs, int buckets, QVector<double> &keys,
                  QVector<double> &values);

// A heat map of latency histograms: one column per frame in [fromMs, toMs], one
// row per bucket of the first frame's bounds, each cell the fraction of that
// frame's observations in the bucket; NaN (drawn blank) when the bucket, or
// the whole frame, saw none.
// One source's latency figures for `status latency` (and the web console):
// a scrape, a Prometheus query or the active probe; NaN where unknown.
struct LatencyItem {
    QString source, tenant, target, metric;
    double count = std::nan("");
    double p50 = std::nan(""), p95 = std::nan(""), p99 = std::nan("");
    QString error;
    double sent = std::nan("");   // probe: requests sent
    QJsonObject errorsByStatus;   // probe: failed requests by HTTP status (0: no answer)
    qint64 atMs = 0;              // prometheus: the instant the queries were evaluated at
};

struct LatencyHeatmap {
    std::vector<qint64> msecs;
    std::vector<double> upperBoundsMs; // rows; the last may be +Inf
    std::vector<double> cells;         // row-major: cells[column * rows + row]
    int rows() const { return int(upperBoundsMs.size()); }
    int columns() const { return int(msecs.size()); }
};
LatencyHeatmap latencyHeatmap(const std::vector<HistogramFrame> &frames, qint64 fromMs, qint64 toMs);

// A histogram bucket for people: "≤ 5 ms", "5–10 ms", "1–2.5 s", "> 10 s".
QString bucketLabel(double lowerMs, double upperMs);
QStringList bucketLabels(const std::vector<double> &upperBoundsMs); // each bucket's, from 0

// The SLO lines of a latency chart: one per objective value, shared by every
// tenant and quantile that has it (labels at the same height would overlap),
// labelled "fraud p99 SLO 5 ms", "p99 SLO 5 ms (fraud, growth)" or
// "SLO 5 ms: fraud p99, growth p50".
struct SloLine {
    double valueMs = 0;
    QList<std::pair<QString, QString>> objectives; // tenant, quantile ("p50", "p99")
    bool hasP99() const;
    QString label() const;
};
QList<SloLine> sloLines(const QList<std::pair<QString, SloThreshold>> &tenants);

// What the dashboards call the tenant of a connection's figures: the feeds
// key them by the connection's `tenant`, or by its name when it has none; then
// the tenant(s) the catalog found for it (its projects, or their tenant tags)
// name it: "fraud", "fraud, growth", "fraud, growth, risk +2"; the key itself
// when the catalog knows none.
QString metricsTenantLabel(const QString &key, const QString &configuredTenant, const QStringList &catalogTenants);

// CSV of the series in [fromMs, toMs]: time_utc,tenant,target,source,metric,value
// (RFC 4180 quoting, ISO 8601 UTC times with milliseconds).
QString seriesCsv(const MetricStore &store, const QList<SeriesKey> &keys, qint64 fromMs, qint64 toMs);

} // namespace feastconsole
