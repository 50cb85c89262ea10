#pragma once

#include <QtGlobal>

#include <vector>

namespace feastconsole {

// A log-linear latency histogram (HdrHistogram's layout): values below 256 µs
// are exact; above, each power of two is split into 128 equal buckets, so a
// value is kept within 1/128 (< 0.8 %) up to days, in 84 KB.
class LatencyHistogram
{
public:
    LatencyHistogram();

    void record(qint64 micros, qint64 count = 1);
    // Coordinated-omission correction: a value that took longer than the
    // expected interval between requests also stands for the requests that
    // could not be sent meanwhile (value − interval, value − 2·interval, …).
    void recordCorrected(qint64 micros, qint64 expectedIntervalMicros);
    void add(const LatencyHistogram &other);
    void reset();

    qint64 count() const { return m_count; }
    qint64 maxMicros() const { return m_max; }
    // The value at quantile q in [0, 1] (the bucket's upper edge), in µs; 0 when empty.
    qint64 quantileMicros(double q) const;

    static constexpr int subBucketBits = 8;

private:
    static int indexOf(qint64 micros);
    static qint64 upperEdgeOf(int index);

    std::vector<qint64> m_counts;
    qint64 m_count = 0;
    qint64 m_max = 0;
};

} // namespace feastconsole
