#pragma once

#include <QString>

// The metric names of SeriesKey::metric that the dashboards read and the
// metrics pipeline (scrape, Prometheus, probe) writes into MetricStore.
// Latencies in milliseconds, rates per second, durations in seconds.
namespace feastconsole::metricnames {

inline QString latencyP50Ms() { return QStringLiteral("request_latency_p50_ms"); }
inline QString latencyP95Ms() { return QStringLiteral("request_latency_p95_ms"); }
inline QString latencyP99Ms() { return QStringLiteral("request_latency_p99_ms"); }
inline QString latencyMaxMs() { return QStringLiteral("request_latency_max_ms"); }
inline QString requestRate() { return QStringLiteral("requests_per_s"); }   // requests/s
inline QString errorRate() { return QStringLiteral("errors_per_s"); }       // errors/s
inline QString onlineReadP99Ms() { return QStringLiteral("online_store_read_p99_ms"); }
inline QString transformationP99Ms() { return QStringLiteral("transformation_p99_ms"); }
// Request latency histogram frames (MetricStore::appendHistogram) are keyed with this metric.
inline QString latencyHistogram() { return QStringLiteral("request_latency"); }

// Materialization, per feature view: the SeriesKey's target is "project/feature_view"
// (tenant as usual). Counters are cumulative totals; the duration is per run, in seconds.
inline QString materializationSuccessTotal() { return QStringLiteral("materialization_success_total"); }
inline QString materializationFailureTotal() { return QStringLiteral("materialization_failure_total"); }
inline QString materializationDurationS() { return QStringLiteral("materialization_duration_s"); }

} // namespace feastconsole::metricnames
