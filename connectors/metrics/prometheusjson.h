#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <vector>

namespace feastconsole {

// One series of a query answer (a scalar is one series without labels).
struct RangeSeries {
    QHash<QString, QString> labels;
    std::vector<qint64> msecs;
    std::vector<double> values; // NaN for "NaN"
};
struct RangeResult {
    std::vector<RangeSeries> series;
    QString error; // HTTP error, `status: error` (errorType: error) or a body that is not the API's
};
// Parses a /api/v1/query_range or /api/v1/query answer (the body and its HTTP
// status) as the API documents it: {"status":"success","data":{"resultType":
// "matrix","result":[{"metric":{…},"values":[[<unix time>,"<value>"],…]}]}},
// a vector (each series with one `value`), a scalar (one [time, "value"]), or
// {"status":"error","errorType":…,"error":…}. Anything else - another shape,
// a value that is not a number string, times that are not finite or not
// increasing, a series twice, native histograms - is an error naming the
// series and the sample, never partial data: `series` is then empty.
RangeResult parseQueryRange(const QByteArray &body, int httpStatus);

// `{instance="a:8000",job="feast"}`: a series' labels, sorted by name.
QString labelText(const QHash<QString, QString> &labels);

} // namespace feastconsole
