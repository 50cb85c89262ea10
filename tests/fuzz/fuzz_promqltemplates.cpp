// libFuzzer target for the PromQL template checks and expansion: a series
// name, a template and a selector (NUL-separated) go through
// promQlTemplateProblem(), latencySeriesProblem(), quantileOfMetric() and
// fillPromQl() without a crash or undefined behaviour. What the checks accept
// holds together: {q} only in a quantile series, a quantile in [0, 1], an
// accepted edit applied as written (trimmed), a series status latency reads is
// a valid series name.
#include "metrics/promqltemplates.h"

#include <cstdint>
#include <cstdlib>

using namespace feastconsole;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QList<QByteArray> parts = bytes.split('\0');
    const QString metric = QString::fromUtf8(parts.value(0));
    const QString promql = QString::fromUtf8(parts.value(1));
    const QString selector = QString::fromUtf8(parts.value(2));

    const std::optional<double> q = quantileOfMetric(metric);
    if (q && !(*q >= 0 && *q <= 1)) // p999…9 rounds to 1: still a quantile
        abort();
    const QString problem = promQlTemplateProblem(metric, promql);
    if (problem.isEmpty()) {
        if (promql.trimmed().isEmpty())
            abort();
        if (promql.contains(QLatin1String("{q}")) && !q)
            abort();
        // Filling never fails, whatever the selector (nested or quoted placeholders included).
        (void)fillPromQl(promql, selector, QStringLiteral("60s"), q.value_or(0));
        const QList<PromQlTemplate> templates = promQlTemplates({{metric, promql}});
        const auto it = std::find_if(templates.begin(), templates.end(), [&](const PromQlTemplate &t) { return t.metric == metric; });
        if (it == templates.end() || it->promql != promql.trimmed())
            abort();
    }
    if (latencySeriesProblem(metric).isEmpty() && !promQlTemplateProblem(metric, QStringLiteral("x")).isEmpty())
        abort(); // a series status latency reads is a valid series name
    (void)histogramOfMetric(metric);
    return 0;
}
