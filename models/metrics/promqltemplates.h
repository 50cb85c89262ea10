#pragma once

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace feastconsole {

// A PromQL query producing one of the console's series (metricnames.h) from a
// Prometheus server that scrapes Feast feature servers. The console assumes
// no label name of the deployment: the workspace's `prometheus_selector`
// (e.g. `job="feast-alpha"`) fills the placeholders.
//   {selector}  `{job="feast-alpha"}`, or nothing without a selector
//   {matchers}  `job="feast-alpha"`, or nothing: for a matcher list the
//               template writes itself, e.g. `x{status=~"5..",{matchers}}`
//               (PromQL accepts the trailing comma)
//   {window}    the range of rate()/increase(), e.g. `60s`
//   {q}         the quantile of a metric named *_pNN_ms (p99 → 0.99)
// A series named *_buckets is a histogram: the query keeps the `le` label
// (`sum by (le) (increase(x_bucket…))`) and the frames feed the heat map
// under the name without `_buckets`.
struct PromQlTemplate {
    QString metric; // the console's series name, e.g. "request_latency_p99_ms"
    QString promql;
    friend bool operator==(const PromQlTemplate &, const PromQlTemplate &) = default;
};

QList<PromQlTemplate> defaultPromQlTemplates();
// The defaults with a workspace's edits applied: an edited metric takes the
// new text in place, an empty text drops it, a metric the defaults lack is
// added at the end.
QList<PromQlTemplate> promQlTemplates(const QMap<QString, QString> &edits);
// The inverse: what differs from the defaults (for the workspace file).
QMap<QString, QString> promQlEdits(const QList<PromQlTemplate> &templates);

// What is wrong with a template, empty when nothing: no text, a placeholder
// the console does not know ({selecter}), unbalanced brackets or quotes, a
// metric name that is not [a-z_][a-z0-9_]*.
QString promQlTemplateProblem(const QString &metric, const QString &promql);

// What is wrong with `metric` as a series `status latency --promql` edits,
// empty when nothing: the command prints <histogram>_pNN_ms and
// <histogram>_count of the latency histograms the default templates read
// (request_latency, online_store_read, transformation); any other name would
// be asked and never shown.
QString latencySeriesProblem(const QString &metric);

// 0.99 for "…_p99_ms", 0.999 for "…_p999_ms", 0.5 for "…_p50_ms".
std::optional<double> quantileOfMetric(const QString &metric);
// "request_latency" for "request_latency_buckets"; empty for other series.
QString histogramOfMetric(const QString &metric);
QString fillPromQl(QString promql, const QString &selector, const QString &window, double q = 0);
QString promDuration(qint64 seconds); // 300 → "300s"

} // namespace feastconsole
