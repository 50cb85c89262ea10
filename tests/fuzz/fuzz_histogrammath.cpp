// libFuzzer target for the histogram checks and quantiles: random bucket sets
// (bounds, cumulative counts, _count) go through histogramProblem(); what it
// accepts must give, for any q in [0, 1], a quantile within [0, the largest
// finite bound], or NaN without observations, or a stated error - never a
// crash, a value outside the buckets or undefined behaviour. The increase
// between two accepted histograms stays within the later one's buckets.
#include "metrics/histogrammath.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>

using namespace feastconsole;

namespace {

class Reader
{
public:
    Reader(const uint8_t *data, size_t size) : m_data(data), m_size(size) { }
    bool empty() const { return m_pos >= m_size; }
    uint8_t byte() { return empty() ? 0 : m_data[m_pos++]; }
    // Mostly small friendly numbers, sometimes any double (NaN, inf, negative, huge).
    double number()
    {
        const uint8_t kind = byte();
        if (kind % 8 == 0) {
            double d = 0;
            uint8_t raw[sizeof d] = {};
            for (uint8_t &b : raw)
                b = byte();
            std::memcpy(&d, raw, sizeof d);
            return d;
        }
        if (kind % 8 == 1)
            return std::numeric_limits<double>::infinity();
        return double(byte()) * (kind % 8 == 2 ? 0.001 : 1.0);
    }

private:
    const uint8_t *m_data;
    size_t m_size;
    size_t m_pos = 0;
};

CumulativeHistogram histogramFrom(Reader &in)
{
    CumulativeHistogram h;
    const int buckets = in.byte() % 24;
    for (int i = 0; i < buckets; ++i) {
        h.upperBounds.push_back(in.number());
        h.cumulative.push_back(in.number());
    }
    h.count = in.byte() % 2 ? in.number() : (h.cumulative.empty() ? 0 : h.cumulative.back());
    return h;
}

void checkQuantiles(const CumulativeHistogram &h, Reader &in)
{
    double largestFinite = 0;
    for (double b : h.upperBounds) {
        if (std::isfinite(b))
            largestFinite = std::max(largestFinite, b);
    }
    const double qs[] = {0, 0.5, 0.95, 0.99, 1, double(in.byte()) / 255.0};
    for (double q : qs) {
        const QuantileResult r = checkedQuantile(q, h);
        if (!r.error.isEmpty())
            continue;
        if (std::isnan(r.value)) {
            double observations = 0;
            for (double c : h.cumulative)
                observations = std::max(observations, c);
            if (observations > 0)
                abort(); // NaN only without observations
            continue;
        }
        if (!(r.value >= 0 && r.value <= largestFinite))
            abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Reader in(data, size);
    const bool hasCount = in.byte() % 4 != 0;
    const CumulativeHistogram earlier = histogramFrom(in);
    const CumulativeHistogram later = histogramFrom(in);
    // The unchecked quantile never crashes, whatever it is given.
    (void)histogramQuantile(double(in.byte()) / 200.0 - 0.1, earlier);
    const QString earlierProblem = histogramProblem(earlier, hasCount);
    if (earlierProblem.isEmpty())
        checkQuantiles(earlier, in);
    const QString laterProblem = histogramProblem(later, hasCount);
    if (laterProblem.isEmpty())
        checkQuantiles(later, in);
    if (earlierProblem.isEmpty() && laterProblem.isEmpty()) {
        CumulativeHistogram a = earlier, b = later;
        // histogramProblem takes bounds in any order; the scrape sorts them before use.
        for (CumulativeHistogram *h : {&a, &b}) {
            std::vector<std::pair<double, double>> pairs;
            for (std::size_t i = 0; i < h->upperBounds.size(); ++i)
                pairs.emplace_back(h->upperBounds[i], h->cumulative[i]);
            std::sort(pairs.begin(), pairs.end());
            for (std::size_t i = 0; i < pairs.size(); ++i)
                std::tie(h->upperBounds[i], h->cumulative[i]) = pairs[i];
        }
        const CumulativeHistogram increase = histogramIncrease(a, b);
        if (increase.upperBounds != b.upperBounds)
            abort();
        checkQuantiles(increase, in);
    }
    return 0;
}
