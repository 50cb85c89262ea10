#pragma once

#include <QString>

// The metric names of SeriesKey::metric that the dashboards read and the
// metrics pipeline (scrape, Prometheus, probe) writes into MetricStore.
// Latencies in milliseconds, rates per second, durations in seconds.
namespace feastconsole::metricnames {

inline QString latencyP50Ms() { return QStringLiteral("latency_p50_ms"); }
inline QString latencyP95Ms() { return QStringLiteral("latency_p95_ms"); }
inline QString latencyP99Ms() { return QStringLiteral("latency_p99_ms"); }
inline QString latencyMaxMs() { return QStringLiteral("latency_max_ms"); }
inline QString requestRate() { return QStringLiteral("request_rate"); }   // requests/s
inline QString errorRate() { return QStringLiteral("error_rate"); }       // errors/s
inline QString onlineReadP99Ms() { return QStringLiteral("online_read_p99_ms"); }
inline QString transformationP99Ms() { return QStringLiteral("transformation_p99_ms"); }
// Request latency histogram frames (MetricStore::appendHistogram) are keyed with this metric.
inline QString latencyHistogram() { return QStringLiteral("latency_histogram"); }

// Materialization, per feature view: the SeriesKey's target is "project/feature_view"
// (tenant as usual). Counters are cumulative totals; the duration is per run, in seconds.
inline QString materializationSuccessTotal() { return QStringLiteral("materialization_success_total"); }
inline QString materializationFailureTotal() { return QStringLiteral("materialization_failure_total"); }
inline QString materializationDurationS() { return QStringLiteral("materialization_duration_s"); }

} // namespace feastconsole::metricnames
