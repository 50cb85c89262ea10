#include "metrics/histogrammath.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace feastconsole {

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
}

double histogramQuantile(double q, std::vector<double> upperBounds, std::vector<double> cumulative)
{
    if (std::isnan(q))
        return nan;
    if (q < 0)
        return -inf;
    if (q > 1)
        return inf;
    const std::size_t n = std::min(upperBounds.size(), cumulative.size());
    std::vector<std::pair<double, double>> buckets;
    buckets.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isnan(upperBounds[i]))
            buckets.emplace_back(upperBounds[i], cumulative[i]);
    }
    std::stable_sort(buckets.begin(), buckets.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    if (buckets.empty() || !std::isinf(buckets.back().first) || buckets.back().first < 0)
        return nan;
    // coalesceBuckets: equal bounds add up.
    std::vector<std::pair<double, double>> merged;
    for (const auto &b : buckets) {
        if (!merged.empty() && merged.back().first == b.first)
            merged.back().second += b.second;
        else
            merged.push_back(b);
    }
    // ensureMonotonic: a count lower than the one before takes that one's value.
    double maxSoFar = -inf;
    for (auto &b : merged) {
        if (b.second > maxSoFar)
            maxSoFar = b.second;
        else
            b.second = maxSoFar;
    }
    if (merged.size() < 2)
        return nan;
    const double observations = merged.back().second;
    if (observations == 0 || std::isnan(observations))
        return nan;
    double rank = q * observations;
    // sort.Search over all but the +Inf bucket: first with count >= rank.
    std::size_t b = 0;
    while (b < merged.size() - 1 && !(merged[b].second >= rank))
        ++b;
    if (b == merged.size() - 1)
        return merged[merged.size() - 2].first;
    if (b == 0 && merged[0].first <= 0)
        return merged[0].first;
    double bucketStart = 0;
    const double bucketEnd = merged[b].first;
    double count = merged[b].second;
    if (b > 0) {
        bucketStart = merged[b - 1].first;
        count -= merged[b - 1].second;
        rank -= merged[b - 1].second;
    }
    return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

double histogramQuantile(double q, const CumulativeHistogram &h)
{
    return histogramQuantile(q, h.upperBounds, h.cumulative);
}

namespace {
QString number(double v)
{
    if (std::isnan(v))
        return QStringLiteral("NaN");
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("+Inf") : QStringLiteral("-Inf");
    return QString::number(v, 'g', 15);
}
} // namespace

QString histogramProblem(const CumulativeHistogram &h, bool hasCount)
{
    if (h.upperBounds.size() != h.cumulative.size())
        return QStringLiteral("%1 bucket bounds for %2 counts").arg(h.upperBounds.size()).arg(h.cumulative.size());
    std::vector<std::pair<double, double>> buckets;
    buckets.reserve(h.upperBounds.size());
    for (std::size_t i = 0; i < h.upperBounds.size(); ++i) {
        const double le = h.upperBounds[i];
        const double c = h.cumulative[i];
        if (std::isnan(le) || le < 0)
            return QStringLiteral("bucket le=\"%1\" is not a duration bound (NaN or below 0)").arg(number(le));
        if (!std::isfinite(c) || c < 0)
            return QStringLiteral("bucket le=\"%1\" counts %2, not a count").arg(number(le), number(c));
        buckets.emplace_back(le, c);
    }
    std::sort(buckets.begin(), buckets.end());
    if (buckets.empty() || !std::isinf(buckets.back().first))
        return QStringLiteral("no le=\"+Inf\" bucket");
    for (std::size_t i = 1; i < buckets.size(); ++i) {
        if (buckets[i].first == buckets[i - 1].first)
            return QStringLiteral("two buckets le=\"%1\"").arg(number(buckets[i].first));
        if (buckets[i].second < buckets[i - 1].second)
            return QStringLiteral("cumulative count goes down from %1 (le=\"%2\") to %3 (le=\"%4\")")
                .arg(number(buckets[i - 1].second), number(buckets[i - 1].first), number(buckets[i].second),
                     number(buckets[i].first));
    }
    if (!hasCount)
        return QStringLiteral("no _count sample");
    if (h.count != buckets.back().second)
        return QStringLiteral("_count %1 differs from the +Inf bucket's %2").arg(number(h.count), number(buckets.back().second));
    return {};
}

QuantileResult checkedQuantile(double q, const CumulativeHistogram &h)
{
    if (!(q >= 0 && q <= 1))
        return {nan, QStringLiteral("quantile %1 is not between 0 and 1").arg(number(q))};
    std::vector<std::pair<double, double>> buckets;
    for (std::size_t i = 0; i < std::min(h.upperBounds.size(), h.cumulative.size()); ++i)
        buckets.emplace_back(h.upperBounds[i], h.cumulative[i]);
    std::sort(buckets.begin(), buckets.end());
    double observations = 0;
    double largestFinite = -inf;
    for (const auto &[bound, count] : buckets) {
        observations = std::max(observations, count);
        if (std::isfinite(bound))
            largestFinite = std::max(largestFinite, bound);
    }
    if (observations > 0 && std::isinf(largestFinite))
        return {nan, QStringLiteral("only the +Inf bucket: no bound to place a quantile")};
    double value = histogramQuantile(q, h);
    if (std::isnan(value) && observations > 0) {
        // A rank of 0 in an empty lowest bucket is 0/0 in Prometheus's
        // interpolation: the rank sits where the first observed bucket starts.
        double start = 0;
        for (const auto &[bound, count] : buckets) {
            if (count > 0)
                break;
            start = bound;
        }
        value = start;
    }
    // Interpolation may round an ulp past the bucket's end.
    if (!std::isnan(value))
        value = std::clamp(value, 0.0, std::max(0.0, largestFinite));
    return {value, {}};
}

CumulativeHistogram histogramIncrease(const CumulativeHistogram &earlier, const CumulativeHistogram &later)
{
    if (earlier.upperBounds != later.upperBounds || earlier.cumulative.size() != later.cumulative.size()
        || later.count < earlier.count)
        return later;
    CumulativeHistogram out;
    out.upperBounds = later.upperBounds;
    out.cumulative.resize(later.cumulative.size());
    for (std::size_t i = 0; i < later.cumulative.size(); ++i) {
        if (later.cumulative[i] < earlier.cumulative[i])
            return later;
        out.cumulative[i] = later.cumulative[i] - earlier.cumulative[i];
    }
    out.count = later.count - earlier.count;
    out.sum = later.sum - earlier.sum;
    return out;
}

CumulativeHistogram sumHistograms(const std::vector<CumulativeHistogram> &histograms)
{
    CumulativeHistogram out;
    bool first = true;
    for (const CumulativeHistogram &h : histograms) {
        if (first) {
            out = h;
            first = false;
            continue;
        }
        if (h.upperBounds != out.upperBounds || h.cumulative.size() != out.cumulative.size())
            continue;
        for (std::size_t i = 0; i < h.cumulative.size(); ++i)
            out.cumulative[i] += h.cumulative[i];
        out.sum += h.sum;
        out.count += h.count;
    }
    return out;
}

double maxBucketBound(const CumulativeHistogram &h)
{
    double previous = 0;
    double bound = nan;
    for (std::size_t i = 0; i < std::min(h.upperBounds.size(), h.cumulative.size()); ++i) {
        if (h.cumulative[i] > previous)
            bound = h.upperBounds[i];
        previous = std::max(previous, h.cumulative[i]);
    }
    return bound;
}

double counterIncrease(const std::vector<double> &values)
{
    double total = 0;
    for (std::size_t i = 1; i < values.size(); ++i) {
        const double delta = values[i] - values[i - 1];
        total += delta >= 0 ? delta : values[i];
    }
    return total;
}

double counterRate(const std::vector<qint64> &msecs, const std::vector<double> &values)
{
    if (msecs.size() < 2 || values.size() != msecs.size() || msecs.back() <= msecs.front())
        return nan;
    return counterIncrease(values) / (double(msecs.back() - msecs.front()) / 1000.0);
}

HistogramFrame toFrame(qint64 msecs, const CumulativeHistogram &increase)
{
    HistogramFrame frame;
    frame.msecs = msecs;
    frame.upperBounds = increase.upperBounds;
    frame.counts.resize(increase.cumulative.size());
    double previous = 0;
    for (std::size_t i = 0; i < increase.cumulative.size(); ++i) {
        frame.counts[i] = std::max(0.0, increase.cumulative[i] - previous);
        previous = std::max(previous, increase.cumulative[i]);
    }
    return frame;
}

CumulativeHistogram accumulateFrames(const std::vector<HistogramFrame> &frames, qint64 fromMsecs)
{
    CumulativeHistogram out;
    if (frames.empty())
        return out;
    out.upperBounds = frames.back().upperBounds;
    std::vector<double> counts(out.upperBounds.size(), 0.0);
    for (const HistogramFrame &f : frames) {
        if (f.msecs <= fromMsecs || f.upperBounds != out.upperBounds || f.counts.size() != counts.size())
            continue;
        for (std::size_t i = 0; i < counts.size(); ++i)
            counts[i] += f.counts[i];
    }
    out.cumulative.resize(counts.size());
    std::partial_sum(counts.begin(), counts.end(), out.cumulative.begin());
    out.count = out.cumulative.empty() ? 0 : out.cumulative.back();
    return out;
}

std::vector<HistogramFrame> framesFromBucketSeries(std::vector<BucketSeries> buckets)
{
    std::vector<HistogramFrame> frames;
    if (buckets.empty())
        return frames;
    std::sort(buckets.begin(), buckets.end(),
              [](const BucketSeries &a, const BucketSeries &b) { return a.upperBound < b.upperBound; });
    std::vector<size_t> cursor(buckets.size(), 0);
    // The instants of the first bucket; the others must have each of them.
    for (size_t t = 0; t < buckets[0].cumulative.msecs.size(); ++t) {
        const qint64 at = buckets[0].cumulative.msecs[t];
        CumulativeHistogram h;
        bool complete = true;
        for (size_t b = 0; b < buckets.size() && complete; ++b) {
            const TimeSeries &s = buckets[b].cumulative;
            size_t &i = cursor[b];
            while (i < s.msecs.size() && s.msecs[i] < at)
                ++i;
            complete = i < s.msecs.size() && s.msecs[i] == at && std::isfinite(s.values[i]);
            if (complete) {
                h.upperBounds.push_back(buckets[b].upperBound);
                h.cumulative.push_back(s.values[i]);
            }
        }
        if (complete) // toFrame forces the (extrapolated, not exactly monotonic) counts monotonic
            frames.push_back(toFrame(at, h));
    }
    return frames;
}

} // namespace feastconsole
