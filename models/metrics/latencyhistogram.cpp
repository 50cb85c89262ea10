#include "metrics/latencyhistogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace feastconsole {

namespace {

constexpr int subBuckets = 1 << LatencyHistogram::subBucketBits; // 256
constexpr int magnitudes = 40;                                    // up to 2^(40+7) µs
constexpr qint64 highest = (qint64(1) << (magnitudes + LatencyHistogram::subBucketBits)) - 1;

} // namespace

LatencyHistogram::LatencyHistogram()
    : m_counts(size_t(subBuckets) * (magnitudes + 1), 0)
{
}

// Values below 256 µs are exact; above, each power of two holds 128 buckets
// of equal width (the upper half of a 256-wide sub-bucket array).
int LatencyHistogram::indexOf(qint64 micros)
{
    micros = std::clamp<qint64>(micros, 0, highest);
    if (micros < subBuckets)
        return int(micros);
    const int magnitude = int(std::bit_width(quint64(micros))) - subBucketBits; // >= 1
    const int sub = int(micros >> magnitude);                                    // in [128, 256)
    return magnitude * subBuckets + sub;
}

qint64 LatencyHistogram::upperEdgeOf(int index)
{
    const int magnitude = index / subBuckets;
    const int sub = index % subBuckets;
    if (magnitude == 0)
        return sub;
    return ((qint64(sub) + 1) << magnitude) - 1;
}

void LatencyHistogram::record(qint64 micros, qint64 count)
{
    if (count <= 0)
        return;
    m_counts[size_t(indexOf(micros))] += count;
    m_count += count;
    m_max = std::max(m_max, std::clamp<qint64>(micros, 0, highest));
}

void LatencyHistogram::recordCorrected(qint64 micros, qint64 expectedIntervalMicros)
{
    record(micros);
    if (expectedIntervalMicros <= 0)
        return;
    for (qint64 missing = micros - expectedIntervalMicros; missing >= expectedIntervalMicros; missing -= expectedIntervalMicros)
        record(missing);
}

void LatencyHistogram::add(const LatencyHistogram &other)
{
    for (size_t i = 0; i < m_counts.size(); ++i)
        m_counts[i] += other.m_counts[i];
    m_count += other.m_count;
    m_max = std::max(m_max, other.m_max);
}

void LatencyHistogram::reset()
{
    std::fill(m_counts.begin(), m_counts.end(), 0);
    m_count = 0;
    m_max = 0;
}

qint64 LatencyHistogram::quantileMicros(double q) const
{
    if (m_count == 0)
        return 0;
    const qint64 rank = std::max<qint64>(1, qint64(std::ceil(std::clamp(q, 0.0, 1.0) * double(m_count))));
    qint64 seen = 0;
    for (size_t i = 0; i < m_counts.size(); ++i) {
        seen += m_counts[i];
        if (seen >= rank)
            return std::min(upperEdgeOf(int(i)), m_max);
    }
    return m_max;
}

} // namespace feastconsole
