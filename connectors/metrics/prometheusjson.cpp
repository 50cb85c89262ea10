#include "metrics/prometheusjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QObject>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <cmath>
#include <limits>

namespace feastconsole {

namespace {

// A series for a one-line message, cut at 80 characters.
QString seriesText(const QHash<QString, QString> &labels)
{
    const QString text = labelText(labels);
    return text.size() > 80 ? text.left(79) + QChar(0x2026) : text;
}

// Prometheus writes sample values with Go's FormatFloat: decimal, NaN, +Inf, -Inf.
std::optional<double> sampleValue(const QJsonValue &v)
{
    static const QRegularExpression decimal(QStringLiteral("^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$"));
    if (!v.isString())
        return std::nullopt;
    const QString s = v.toString();
    if (s == u"NaN")
        return std::numeric_limits<double>::quiet_NaN();
    if (s == u"+Inf" || s == u"Inf")
        return std::numeric_limits<double>::infinity();
    if (s == u"-Inf")
        return -std::numeric_limits<double>::infinity();
    if (!decimal.match(s).hasMatch())
        return std::nullopt;
    bool ok = false;
    const double d = QLocale::c().toDouble(s, &ok);
    return ok ? std::optional<double>(d) : std::nullopt;
}

// One [<unix time>, "<value>"] pair into the series; an error text when it is not one.
QString appendPoint(const QJsonValue &point, RangeSeries &series)
{
    const QJsonArray pair = point.toArray();
    if (!point.isArray() || pair.size() != 2)
        return QObject::tr("a sample that is not [time, \"value\"]");
    // Seconds since the epoch; |t| below 2^53 ms keeps the milliseconds exact.
    const double t = pair.at(0).toDouble(std::numeric_limits<double>::quiet_NaN());
    if (!pair.at(0).isDouble() || !std::isfinite(t) || std::abs(t) > 9.0e12)
        return QObject::tr("sample time %1 is not a Unix time").arg(QString::fromUtf8(QJsonDocument(pair).toJson(QJsonDocument::Compact)).left(60));
    const qint64 msecs = qint64(std::llround(t * 1000.0));
    if (!series.msecs.empty() && msecs <= series.msecs.back())
        return QObject::tr("sample times out of order (%1 after %2)").arg(t, 0, 'f', 3).arg(double(series.msecs.back()) / 1000.0, 0, 'f', 3);
    const std::optional<double> value = sampleValue(pair.at(1));
    if (!value)
        return QObject::tr("sample value %1 is not a number string").arg(QString::fromUtf8(QJsonDocument(QJsonArray{pair.at(1)}).toJson(QJsonDocument::Compact)).left(60));
    series.msecs.push_back(msecs);
    series.values.push_back(*value);
    return {};
}

// One element of a matrix (`values`) or vector (`value`) result.
QString appendSeries(const QJsonValue &item, bool matrix, RangeResult &result, QSet<QString> &seen)
{
    if (!item.isObject())
        return QObject::tr("a result element that is not an object");
    const QJsonObject o = item.toObject();
    RangeSeries series;
    const QJsonValue metric = o.value(u"metric");
    if (!metric.isObject())
        return QObject::tr("a series without \"metric\" labels");
    const QJsonObject labels = metric.toObject();
    for (auto it = labels.begin(); it != labels.end(); ++it) {
        if (!it.value().isString())
            return QObject::tr("label %1 of a series is not a string").arg(it.key().left(40));
        series.labels.insert(it.key(), it.value().toString());
    }
    const QString name = seriesText(series.labels);
    if (seen.contains(name))
        return QObject::tr("series %1 appears twice").arg(name);
    seen.insert(name);
    if (o.contains(u"histograms") || o.contains(u"histogram"))
        return QObject::tr("series %1 holds native histograms, which the console does not read").arg(name);
    QJsonArray points;
    if (matrix) {
        if (!o.value(u"values").isArray())
            return QObject::tr("series %1 has no \"values\" array").arg(name);
        points = o.value(u"values").toArray();
    } else {
        if (!o.contains(u"value"))
            return QObject::tr("series %1 has no \"value\"").arg(name);
        points.append(o.value(u"value"));
    }
    for (qsizetype i = 0; i < points.size(); ++i) {
        if (const QString problem = appendPoint(points.at(i), series); !problem.isEmpty())
            return QObject::tr("series %1, sample %2: %3").arg(name).arg(i + 1).arg(problem);
    }
    result.series.push_back(std::move(series));
    return {};
}

} // namespace

QString labelText(const QHash<QString, QString> &labels)
{
    QStringList keys = labels.keys();
    keys.sort();
    QStringList parts;
    for (const QString &k : std::as_const(keys))
        parts.append(k + QStringLiteral("=\"") + labels.value(k) + u'"');
    return u'{' + parts.join(u',') + u'}';
}

RangeResult parseQueryRange(const QByteArray &body, int httpStatus)
{
    RangeResult result;
    const auto fail = [&](const QString &message) {
        result.series.clear();
        result.error = message;
        return result;
    };
    const bool httpError = httpStatus && (httpStatus < 200 || httpStatus > 299);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject root = doc.object();
    const QJsonValue status = root.value(u"status");
    if (parseError.error != QJsonParseError::NoError || !doc.isObject() || !status.isString()) {
        if (httpError)
            return fail(QObject::tr("HTTP %1 from Prometheus").arg(httpStatus));
        return fail(parseError.error != QJsonParseError::NoError
                        ? QObject::tr("not a Prometheus API answer (%1)").arg(parseError.errorString())
                        : QObject::tr("not a Prometheus API answer (no \"status\")"));
    }
    if (status.toString() == u"error") {
        const QJsonValue type = root.value(u"errorType");
        const QJsonValue text = root.value(u"error");
        result.error = type.isString() && text.isString()
            ? QObject::tr("Prometheus: %1: %2").arg(type.toString(), text.toString())
            : QObject::tr("Prometheus answered status error without errorType and error");
        if (httpError)
            result.error += QObject::tr(" (HTTP %1)").arg(httpStatus);
        return fail(result.error);
    }
    if (status.toString() != u"success")
        return fail(QObject::tr("not a Prometheus API answer (status \"%1\")").arg(status.toString().left(40)));
    if (httpError)
        return fail(QObject::tr("HTTP %1 from Prometheus").arg(httpStatus));
    const QJsonValue dataValue = root.value(u"data");
    const QJsonObject data = dataValue.toObject();
    const QJsonValue type = data.value(u"resultType");
    if (!dataValue.isObject() || !type.isString() || !data.contains(u"result"))
        return fail(QObject::tr("not a Prometheus API answer (no data.resultType and data.result)"));
    const QJsonValue items = data.value(u"result");
    QSet<QString> seen;
    if (type.toString() == u"matrix" || type.toString() == u"vector") {
        if (!items.isArray())
            return fail(QObject::tr("a %1 whose result is not a list").arg(type.toString()));
        const QJsonArray list = items.toArray();
        for (const QJsonValue &item : list) {
            if (const QString problem = appendSeries(item, type.toString() == u"matrix", result, seen); !problem.isEmpty())
                return fail(problem);
        }
        return result;
    }
    if (type.toString() == u"scalar") {
        RangeSeries series;
        if (const QString problem = appendPoint(items, series); !problem.isEmpty())
            return fail(QObject::tr("scalar: %1").arg(problem));
        result.series.push_back(std::move(series));
        return result;
    }
    return fail(QObject::tr("Prometheus answered a %1, not numbers").arg(type.toString().left(40)));
}

} // namespace feastconsole
