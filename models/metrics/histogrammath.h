#pragma once

#include "metrics/metricstore.h"

#include <QString>
#include <QtGlobal>

#include <vector>

namespace feastconsole {

// A classic Prometheus histogram at one instant: upper bounds ascending (the
// last one +Inf for a complete histogram) and cumulative counts.
struct CumulativeHistogram {
    std::vector<double> upperBounds;
    std::vector<double> cumulative;
    double sum = 0;
    double count = 0;
};

// Exactly Prometheus's histogram_quantile (promql/quantile.go, bucketQuantile):
// buckets sorted and coalesced, counts forced monotonic; NaN without a +Inf
// bucket, with fewer than two buckets or no observations; q < 0 → -Inf,
// q > 1 → +Inf; a rank in the +Inf bucket → the largest finite bound; the
// lowest bucket interpolates from 0 (unless its bound is ≤ 0); otherwise linear
// interpolation inside the bucket.
double histogramQuantile(double q, std::vector<double> upperBounds, std::vector<double> cumulative);
double histogramQuantile(double q, const CumulativeHistogram &h);

// What is wrong with one classic histogram of durations as an exposition
// states it, empty when nothing. The text format requires a +Inf bucket whose
// count equals `_count` and cumulative counts that never decrease as `le`
// grows (Prometheus's histogram_quantile forces monotonicity because its
// buckets come from separately scraped series; the console reads one
// exposition, where a violation means a broken or tampered answer). A bound is
// a number of seconds, never NaN or below 0, and appears once. Bounds may come
// in any order. `hasCount`: the exposition had a `_count` sample.
QString histogramProblem(const CumulativeHistogram &h, bool hasCount);

// A quantile of a histogram histogramProblem() accepts, q in [0, 1]: the
// value histogramQuantile() gives, within [0, the largest finite bound] (a
// rank of 0 in an empty lowest bucket, 0/0 in Prometheus, is where the first
// observed bucket starts); NaN (and no error) without observations; an error
// when no finite bound says anything.
struct QuantileResult {
    double value = 0;
    QString error;
};
QuantileResult checkedQuantile(double q, const CumulativeHistogram &h);

// What was observed between two scrapes of one histogram: per-bucket increase.
// A bucket (or the count) going down means the server restarted: the later
// histogram is then the increase, as Prometheus's rate() treats a reset. Bounds
// that differ between the two are also treated as a reset.
CumulativeHistogram histogramIncrease(const CumulativeHistogram &earlier, const CumulativeHistogram &later);

// Sum of histograms with identical bounds (several label sets of one metric);
// histograms with other bounds than the first are left out.
CumulativeHistogram sumHistograms(const std::vector<CumulativeHistogram> &histograms);

// The upper bound of the highest bucket that has an observation: an upper
// estimate of the maximum. An observation above the last finite bound gives
// +Inf. NaN when empty.
double maxBucketBound(const CumulativeHistogram &h);

// Counter increase over successive samples with counter resets (a value lower
// than the previous one counts from zero again), like Prometheus's increase()
// without its extrapolation to the window's edges.
double counterIncrease(const std::vector<double> &values);
// Per second, between the first and the last sample; NaN with fewer than two.
double counterRate(const std::vector<qint64> &msecs, const std::vector<double> &values);

// Interval increase as a frame (per-bucket, non-cumulative counts) and back.
HistogramFrame toFrame(qint64 msecs, const CumulativeHistogram &increase);
// The frames with msecs > fromMsecs summed into one cumulative histogram (frames
// with other bounds than the latest one are left out).
CumulativeHistogram accumulateFrames(const std::vector<HistogramFrame> &frames, qint64 fromMsecs);

// Prometheus's answer to `sum by (le) (increase(x_bucket[w]))` over a range:
// one series per bucket bound (`le`, "+Inf" included) of cumulative counts.
// Gives one frame per instant every bucket has a value at (NaN buckets and
// instants missing from some bucket are skipped), with per-bucket counts.
struct BucketSeries {
    double upperBound; // `le`, +Inf for "+Inf"
    TimeSeries cumulative;
};
std::vector<HistogramFrame> framesFromBucketSeries(std::vector<BucketSeries> buckets);

} // namespace feastconsole
