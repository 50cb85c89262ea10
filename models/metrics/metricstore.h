#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <vector>

namespace feastconsole {

// Where a figure comes from. Feast's server histograms start at 5 ms, so
// sub-5 ms percentiles exist only from the probe; every figure says which.
enum class MetricSource { Scrape, Prometheus, Probe };
QString metricSourceId(MetricSource source); // "scrape", "prometheus", "probe"

// One time series: a tenant's server (target), a source and a metric name,
// e.g. {"fraud", "http://10.0.0.5:8000/metrics", Scrape, "latency_p99_ms"}.
struct SeriesKey {
    QString tenant;
    QString target;
    MetricSource source = MetricSource::Scrape;
    QString metric;
    friend bool operator==(const SeriesKey &, const SeriesKey &) = default;
};
size_t qHash(const SeriesKey &key, size_t seed = 0);

struct TimeSeries {
    std::vector<qint64> msecs; // ascending, UTC epoch milliseconds
    std::vector<double> values;
};

// One scrape interval of a latency histogram: the bucket upper bounds (seconds,
// ending with +Inf) and how many observations fell in each during the interval.
struct HistogramFrame {
    qint64 msecs = 0;
    std::vector<double> upperBounds;
    std::vector<double> counts;
};

// Every metric the dashboards show, fed by the connectors (scrape, Prometheus,
// probe) on the GUI thread and read by the charts. Bounded: points older than
// the retention are dropped.
class MetricStore : public QObject
{
    Q_OBJECT
public:
    explicit MetricStore(QObject *parent = nullptr);

    void setRetentionMs(qint64 ms) { m_retentionMs = ms; }
    void append(const SeriesKey &key, qint64 msecs, double value);
    // Replaces a whole series (a Prometheus query_range answer covers the
    // shown window at once); points must be ascending.
    void replaceSeries(const SeriesKey &key, TimeSeries series);
    void appendHistogram(const SeriesKey &key, HistogramFrame frame);
    void replaceHistograms(const SeriesKey &key, std::vector<HistogramFrame> frames);
    // An error of one source (target down, HTML instead of metrics, PromQL error), shown inline.
    void setError(const SeriesKey &key, const QString &error);

    QList<SeriesKey> keys() const { return m_series.keys(); }
    QList<SeriesKey> histogramKeys() const { return m_histograms.keys(); }
    const TimeSeries *series(const SeriesKey &key) const;
    const std::vector<HistogramFrame> *histograms(const SeriesKey &key) const;
    QString error(const SeriesKey &key) const { return m_errors.value(key); }
    QList<SeriesKey> errorKeys() const { return m_errors.keys(); }

Q_SIGNALS:
    void updated(const feastconsole::SeriesKey &key);
    void errorChanged(const feastconsole::SeriesKey &key);

private:
    void trim(TimeSeries &series) const;
    QHash<SeriesKey, TimeSeries> m_series;
    QHash<SeriesKey, std::vector<HistogramFrame>> m_histograms;
    QHash<SeriesKey, QString> m_errors;
    qint64 m_retentionMs = 7LL * 24 * 3600 * 1000;
};

} // namespace feastconsole
