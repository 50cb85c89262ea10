#pragma once

#include <QByteArray>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace feastconsole::prometheus {

// The Prometheus text exposition format 0.0.4, as a feature server's /metrics
// serves it. Pure: bytes in, families out; malformed lines are reported with
// their line number and skipped, never thrown.

enum class MetricType { Untyped, Counter, Gauge, Histogram, Summary };
QString metricTypeId(MetricType type); // "untyped", "counter", …

using Labels = std::vector<std::pair<QString, QString>>; // in the order written

struct Sample {
    QString name;      // as written, e.g. x_bucket for a histogram x
    Labels labels;
    double value = 0;
    std::optional<qint64> timestampMs;

    // The value of a label, or nullopt when the sample has no such label.
    std::optional<QString> label(QStringView name) const;
};

struct MetricFamily {
    QString name;
    MetricType type = MetricType::Untyped;
    QString help;
    std::vector<Sample> samples;
};

struct ParseError {
    int line = 0; // 1-based
    QString message;
};

struct Exposition {
    std::vector<MetricFamily> families; // in order of first appearance
    std::vector<ParseError> errors;

    const MetricFamily *family(QStringView name) const;
};

Exposition parseExposition(const QByteArray &text);

// Guards against something that is not an exposition at all (an HTML page, a
// JSON error): true when no line parsed and at least one failed.
bool looksLikeExposition(const Exposition &exposition);

// One labelled histogram of a family, with cumulative bucket counts sorted by
// upper bound (the +Inf bucket last, when present).
struct HistogramSample {
    Labels labels;                   // without `le`
    std::vector<double> upperBounds; // seconds (or whatever the metric measures)
    std::vector<double> cumulative;
    double sum = 0;
    double count = 0;
};
std::vector<HistogramSample> histogramsOf(const MetricFamily &family);

} // namespace feastconsole::prometheus
