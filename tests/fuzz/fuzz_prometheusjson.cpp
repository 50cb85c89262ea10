// libFuzzer target for the Prometheus HTTP API answer parser (query_range and
// instant queries): any bytes must parse without a crash or undefined
// behaviour; an accepted answer holds only what the body held, every sample
// read: finite, strictly increasing times and as many values as times, the
// same number of samples per series as the JSON has. A refused one holds
// nothing and says why.
#include "metrics/prometheusjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <cstdlib>

using namespace feastconsole;

namespace {

// How many samples each series of a success answer has, read independently.
std::vector<qsizetype> samplesPerSeries(const QByteArray &body)
{
    const QJsonObject data = QJsonDocument::fromJson(body).object().value(u"data").toObject();
    const QString type = data.value(u"resultType").toString();
    std::vector<qsizetype> counts;
    if (type == u"scalar")
        return {1};
    const QJsonArray result = data.value(u"result").toArray();
    for (const QJsonValue &item : result)
        counts.push_back(type == u"matrix" ? item.toObject().value(u"values").toArray().size() : 1);
    return counts;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    // The first byte picks the HTTP status the answer came with.
    static const int statuses[] = {200, 200, 200, 200, 400, 422, 503, 0};
    const int status = statuses[data[0] % 8];
    const QByteArray body(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const RangeResult r = parseQueryRange(body, status);
    if (!r.error.isEmpty()) {
        if (!r.series.empty())
            abort(); // never partial data
        return 0;
    }
    if (status != 200 && status != 0)
        abort(); // an HTTP error is never data
    const std::vector<qsizetype> expected = samplesPerSeries(body);
    if (expected.size() != r.series.size())
        abort();
    for (std::size_t s = 0; s < r.series.size(); ++s) {
        const RangeSeries &series = r.series[s];
        if (series.msecs.size() != series.values.size() || qsizetype(series.msecs.size()) != expected[s])
            abort();
        for (std::size_t i = 1; i < series.msecs.size(); ++i) {
            if (series.msecs[i] <= series.msecs[i - 1])
                abort();
        }
        for (qint64 t : series.msecs) {
            if (t > 9'000'000'000'000'000LL || t < -9'000'000'000'000'000LL)
                abort();
        }
    }
    return 0;
}
