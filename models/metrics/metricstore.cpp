#include "metrics/metricstore.h"

#include <QHashFunctions>

#include <algorithm>

namespace feastconsole {

QString metricSourceId(MetricSource source)
{
    switch (source) {
    case MetricSource::Scrape: return QStringLiteral("scrape");
    case MetricSource::Prometheus: return QStringLiteral("prometheus");
    case MetricSource::Probe: return QStringLiteral("probe");
    }
    return {};
}

size_t qHash(const SeriesKey &key, size_t seed)
{
    return qHashMulti(seed, key.tenant, key.target, int(key.source), key.metric);
}

MetricStore::MetricStore(QObject *parent)
    : QObject(parent)
{
}

void MetricStore::trim(TimeSeries &series) const
{
    if (series.msecs.empty())
        return;
    const qint64 oldest = series.msecs.back() - m_retentionMs;
    const auto keep = std::lower_bound(series.msecs.begin(), series.msecs.end(), oldest);
    const auto drop = keep - series.msecs.begin();
    if (drop > 0) {
        series.msecs.erase(series.msecs.begin(), keep);
        series.values.erase(series.values.begin(), series.values.begin() + drop);
    }
}

void MetricStore::append(const SeriesKey &key, qint64 msecs, double value)
{
    TimeSeries &series = m_series[key];
    if (!series.msecs.empty() && msecs < series.msecs.back())
        return; // out of order: keep the series ascending
    series.msecs.push_back(msecs);
    series.values.push_back(value);
    trim(series);
    if (m_errors.remove(key))
        Q_EMIT errorChanged(key);
    Q_EMIT updated(key);
}

void MetricStore::replaceSeries(const SeriesKey &key, TimeSeries series)
{
    TimeSeries &stored = m_series[key];
    stored = std::move(series);
    trim(stored);
    if (m_errors.remove(key))
        Q_EMIT errorChanged(key);
    Q_EMIT updated(key);
}

void MetricStore::appendHistogram(const SeriesKey &key, HistogramFrame frame)
{
    auto &frames = m_histograms[key];
    frames.push_back(std::move(frame));
    const qint64 oldest = frames.back().msecs - m_retentionMs;
    frames.erase(frames.begin(), std::find_if(frames.begin(), frames.end(),
                                              [oldest](const HistogramFrame &f) { return f.msecs >= oldest; }));
    Q_EMIT updated(key);
}

void MetricStore::replaceHistograms(const SeriesKey &key, std::vector<HistogramFrame> frames)
{
    m_histograms[key] = std::move(frames);
    Q_EMIT updated(key);
}

void MetricStore::setError(const SeriesKey &key, const QString &error)
{
    if (m_errors.value(key) == error)
        return;
    if (error.isEmpty())
        m_errors.remove(key);
    else
        m_errors.insert(key, error);
    Q_EMIT errorChanged(key);
}

const TimeSeries *MetricStore::series(const SeriesKey &key) const
{
    const auto it = m_series.constFind(key);
    return it == m_series.constEnd() ? nullptr : &it.value();
}

const std::vector<HistogramFrame> *MetricStore::histograms(const SeriesKey &key) const
{
    const auto it = m_histograms.constFind(key);
    return it == m_histograms.constEnd() ? nullptr : &it.value();
}

} // namespace feastconsole
