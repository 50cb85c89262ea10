#pragma once

#include "metrics/metricstore.h"

#include <QString>
#include <QVector>

#include <optional>
#include <vector>

namespace feastconsole {

// How a chart's value axis is scaled, chosen by the user:
// Robust: from zero to the 99th percentile of the visible values with
//   headroom; spikes above are clipped (and marked by the chart);
// Full: from zero to the highest visible value;
// Log: logarithmic, from the smallest to the highest positive value.
// Every mode keeps the lines that must stay visible (SLOs) in view.
enum class ValueScale { Robust, Full, Log };
QString valueScaleId(ValueScale scale); // "robust", "full", "log"
std::optional<ValueScale> valueScaleFromId(const QString &id);

struct ValueRange {
    double lower = 0;
    double upper = 1;
    bool logarithmic = false;
    friend bool operator==(const ValueRange &, const ValueRange &) = default;
};

// The value axis for `values` (the visible values of the chart, any order:
// strideSample()s of its series plus each series' min and max; NaN and
// infinities ignored) that keeps each of `mustShow` inside. Robust: the top is
// 1.5 x the 99th percentile, unless the highest value is lower.
ValueRange valueAxisRange(std::vector<double> values, const std::vector<double> &mustShow, ValueScale scale);

// Up to `maxPoints` values of the series in [fromMs, toMs], evenly strided over
// its raw points, appended to `out`: an unbiased sample for a percentile (the
// M4 sampling of the chart keeps every bucket's extremes and would not be).
void strideSample(const TimeSeries &series, qint64 fromMs, qint64 toMs, size_t maxPoints, std::vector<double> &out);

// Current (last), min and max of the points of a sampled series whose keys
// (seconds) lie in [fromS, toS]; nullopt when none does. The chart legend's
// figures; M4 sampling keeps each bucket's min and max, so they are exact.
struct SeriesStats {
    double current = 0, min = 0, max = 0;
    friend bool operator==(const SeriesStats &, const SeriesStats &) = default;
};
std::optional<SeriesStats> seriesStats(const QVector<double> &keys, const QVector<double> &values, double fromS, double toS);

// The series' value at `atMs` for a crosshair: the last point at or before it,
// unless `atMs` lies before the first point, after the last, or in a gap (more
// than twice the series' local spacing from the point before).
std::optional<double> valueAt(const TimeSeries &series, qint64 atMs);

} // namespace feastconsole
