// libFuzzer target for the Prometheus text exposition parser: any bytes must
// parse without a crash, a hang or undefined behaviour, and what comes out
// must hold together (histograms sorted, errors with line numbers in range).
#include "metrics/prometheustext.h"

#include <cstdint>
#include <cstdlib>

using namespace feastconsole::prometheus;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const Exposition e = parseExposition(text);
    const int lines = int(text.count('\n')) + 1;
    for (const ParseError &error : e.errors) {
        if (error.line < 1 || error.line > lines || error.message.isEmpty())
            abort();
    }
    for (const MetricFamily &family : e.families) {
        if (family.name.isEmpty())
            abort();
        for (const HistogramSample &h : histogramsOf(family)) {
            if (h.upperBounds.size() != h.cumulative.size())
                abort();
            for (std::size_t i = 1; i < h.upperBounds.size(); ++i) {
                if (h.upperBounds[i] < h.upperBounds[i - 1])
                    abort();
            }
        }
    }
    (void)looksLikeExposition(e);
    return 0;
}
