#include "metrics/chartscale.h"

#include <algorithm>
#include <cmath>

namespace feastconsole {

QString valueScaleId(ValueScale scale)
{
    switch (scale) {
    case ValueScale::Robust: return QStringLiteral("robust");
    case ValueScale::Full: return QStringLiteral("full");
    case ValueScale::Log: return QStringLiteral("log");
    }
    return {};
}

std::optional<ValueScale> valueScaleFromId(const QString &id)
{
    for (ValueScale scale : {ValueScale::Robust, ValueScale::Full, ValueScale::Log}) {
        if (valueScaleId(scale) == id)
            return scale;
    }
    return std::nullopt;
}

ValueRange valueAxisRange(std::vector<double> values, const std::vector<double> &mustShow, ValueScale scale)
{
    constexpr double headroom = 1.1;
    const bool log = scale == ValueScale::Log;
    std::erase_if(values, [log](double v) { return !std::isfinite(v) || (log && v <= 0); });
    double showTop = 0, showBottom = std::numeric_limits<double>::infinity();
    for (double v : mustShow) {
        if (!std::isfinite(v) || v <= 0)
            continue;
        showTop = std::max(showTop, v);
        showBottom = std::min(showBottom, v);
    }
    if (log) {
        double low = showBottom, high = showTop;
        if (!values.empty()) {
            const auto [min, max] = std::minmax_element(values.begin(), values.end());
            low = std::min(low, *min);
            high = std::max(high, *max);
        }
        if (!std::isfinite(low) || high <= 0)
            return {0.1, 10, true};
        return {low / 1.5, std::max(high * 1.5, low * 10), true};
    }
    double top = 0;
    if (!values.empty()) {
        const double max = *std::max_element(values.begin(), values.end());
        top = max;
        if (scale == ValueScale::Robust && values.size() >= 20) {
            // Nearest-rank 99th percentile; a spike above 1.5 x it is clipped.
            const size_t rank = size_t(std::ceil(0.99 * double(values.size()))) - 1;
            std::nth_element(values.begin(), values.begin() + qsizetype(rank), values.end());
            top = std::min(max, values[rank] * 1.5);
        }
    }
    top = std::max(top * headroom, showTop * 1.15);
    return {0, top > 0 ? top : 1.0, false};
}

void strideSample(const TimeSeries &series, qint64 fromMs, qint64 toMs, size_t maxPoints, std::vector<double> &out)
{
    const auto &t = series.msecs;
    const size_t begin = size_t(std::lower_bound(t.begin(), t.end(), fromMs) - t.begin());
    const size_t end = size_t(std::upper_bound(t.begin(), t.end(), toMs) - t.begin());
    if (end <= begin || maxPoints == 0)
        return;
    const size_t stride = std::max<size_t>(1, (end - begin + maxPoints - 1) / maxPoints);
    for (size_t i = begin; i < end; i += stride)
        out.push_back(series.values[i]);
}

std::optional<SeriesStats> seriesStats(const QVector<double> &keys, const QVector<double> &values, double fromS, double toS)
{
    std::optional<SeriesStats> stats;
    const auto begin = std::lower_bound(keys.cbegin(), keys.cend(), fromS);
    for (auto it = begin; it != keys.cend() && *it <= toS; ++it) {
        const double v = values[it - keys.cbegin()];
        if (!std::isfinite(v))
            continue;
        if (!stats)
            stats = SeriesStats{v, v, v};
        stats->current = v;
        stats->min = std::min(stats->min, v);
        stats->max = std::max(stats->max, v);
    }
    return stats;
}

std::optional<double> valueAt(const TimeSeries &series, qint64 atMs)
{
    const auto &t = series.msecs;
    const auto it = std::upper_bound(t.begin(), t.end(), atMs);
    if (it == t.begin())
        return std::nullopt; // before the series begins
    const size_t i = size_t(it - t.begin()) - 1;
    if (t[i] == atMs)
        return series.values[i];
    // The local spacing: the median step of up to 8 points each side.
    std::vector<qint64> steps;
    const size_t from = i >= 8 ? i - 8 : 0, to = std::min(t.size() - 1, i + 8);
    for (size_t j = from; j < to; ++j)
        steps.push_back(t[j + 1] - t[j]);
    if (steps.empty())
        return std::nullopt; // a single point shows only at its time
    std::nth_element(steps.begin(), steps.begin() + qsizetype(steps.size() / 2), steps.end());
    const qint64 spacing = steps[steps.size() / 2];
    if (atMs - t[i] > 2 * spacing)
        return std::nullopt; // after the end, or in a gap
    return series.values[i];
}

} // namespace feastconsole
