#include "metrics/latencyseries.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <limits>

namespace feastconsole {

SloThreshold defaultSlo(const QString &type, const QString &redisType)
{
    const QString t = type.toLower();
    if (t == u"redis" || t.endsWith(u".redisonlinestore"))
        return redisType.compare(u"redis_cluster", Qt::CaseInsensitive) == 0 ? SloThreshold{2, 10} : SloThreshold{1, 5};
    if (t == u"dynamodb" || t.endsWith(u".dynamodbonlinestore"))
        return {5, 20};
    if (t == u"postgres" || t == u"postgresql" || t.endsWith(u".postgresqlonlinestore"))
        return {5, 30};
    return {10, 50};
}

QString sloStatusId(SloStatus status)
{
    switch (status) {
    case SloStatus::Unknown: return QStringLiteral("unknown");
    case SloStatus::Green: return QStringLiteral("green");
    case SloStatus::Amber: return QStringLiteral("amber");
    case SloStatus::Red: return QStringLiteral("red");
    }
    return {};
}

SloStatus sloStatus(std::optional<double> p50Ms, std::optional<double> p99Ms, const SloThreshold &slo,
                    double amberFraction)
{
    if (!p50Ms && !p99Ms)
        return SloStatus::Unknown;
    auto over = [](std::optional<double> value, double limit) { return value && *value > limit; };
    if (over(p50Ms, slo.p50Ms) || over(p99Ms, slo.p99Ms))
        return SloStatus::Red;
    if (over(p50Ms, slo.p50Ms * amberFraction) || over(p99Ms, slo.p99Ms * amberFraction))
        return SloStatus::Amber;
    return SloStatus::Green;
}

std::optional<double> latestValue(const TimeSeries &series, qint64 atMs, qint64 maxAgeMs)
{
    const auto it = std::upper_bound(series.msecs.begin(), series.msecs.end(), atMs);
    if (it == series.msecs.begin())
        return std::nullopt;
    const size_t i = size_t(it - series.msecs.begin()) - 1;
    if (atMs - series.msecs[i] > maxAgeMs)
        return std::nullopt;
    return series.values[i];
}

void sampleSeries(const TimeSeries &series, qint64 fromMs, qint64 toMs, int buckets, QVector<double> &keys,
                  QVector<double> &values)
{
    keys.clear();
    values.clear();
    const auto &t = series.msecs;
    const auto &v = series.values;
    if (t.empty() || toMs <= fromMs)
        return;
    size_t begin = size_t(std::lower_bound(t.begin(), t.end(), fromMs) - t.begin());
    size_t end = size_t(std::upper_bound(t.begin(), t.end(), toMs) - t.begin());
    if (begin > 0)
        --begin; // reach the left edge
    if (end < t.size())
        ++end; // and the right one
    const size_t n = end - begin;
    buckets = std::max(buckets, 1);
    auto add = [&](size_t i) {
        keys.append(double(t[i]) / 1000.0);
        values.append(v[i]);
    };
    if (n <= size_t(buckets) * 4) {
        keys.reserve(qsizetype(n));
        values.reserve(qsizetype(n));
        for (size_t i = begin; i < end; ++i)
            add(i);
        return;
    }
    keys.reserve(qsizetype(buckets) * 4 + 2);
    values.reserve(qsizetype(buckets) * 4 + 2);
    // Integer bucket bounds: a point is always inside the bucket computed for
    // it (floating point once put a point exactly on a bound outside its
    // bucket, and the loop below never advanced).
    const qint64 span = toMs - fromMs;
    const auto bucketOf = [&](qint64 ms) {
        return int(std::min<qint64>(buckets - 1, qint64((__int128(ms - fromMs) * buckets) / span)));
    };
    const auto bucketEndOf = [&](int bucket) {
        return fromMs + qint64((__int128(span) * (bucket + 1) + buckets - 1) / buckets);
    };
    size_t i = begin;
    if (t[i] < fromMs)
        add(i++);
    while (i < end && t[i] <= toMs) {
        const int bucket = bucketOf(t[i]);
        const qint64 bucketEnd = bucketEndOf(bucket);
        const size_t first = i;
        size_t lo = i, hi = i;
        for (++i; i < end && (t[i] < bucketEnd || bucket == buckets - 1) && t[i] <= toMs; ++i) {
            if (v[i] < v[lo])
                lo = i;
            if (v[i] > v[hi])
                hi = i;
        }
        const size_t last = i - 1;
        add(first);
        if (lo != first && lo != last && lo < hi)
            add(lo);
        if (hi != first && hi != last)
            add(hi);
        if (lo != first && lo != last && lo > hi)
            add(lo);
        if (last != first)
            add(last);
    }
    if (i < end)
        add(i);
}

LatencyHeatmap latencyHeatmap(const std::vector<HistogramFrame> &frames, qint64 fromMs, qint64 toMs)
{
    LatencyHeatmap map;
    for (const HistogramFrame &frame : frames) {
        if (frame.msecs < fromMs || frame.msecs > toMs || frame.counts.empty())
            continue;
        if (map.upperBoundsMs.empty()) {
            for (double bound : frame.upperBounds)
                map.upperBoundsMs.push_back(bound * 1000.0);
        }
        if (frame.counts.size() != map.upperBoundsMs.size())
            continue; // bounds changed (server restarted with other buckets): skip
        double total = 0;
        for (double c : frame.counts)
            total += c;
        map.msecs.push_back(frame.msecs);
        for (double c : frame.counts)
            map.cells.push_back(total > 0 && c > 0 ? c / total : std::numeric_limits<double>::quiet_NaN());
    }
    return map;
}

namespace {

QString boundText(double ms)
{
    return ms >= 1000 ? QString::number(ms / 1000.0, 'g', 6) : QString::number(ms, 'g', 6);
}

} // namespace

QString bucketLabel(double lowerMs, double upperMs)
{
    if (std::isinf(upperMs))
        return QStringLiteral("> %1 %2").arg(boundText(lowerMs), lowerMs >= 1000 ? u"s" : u"ms");
    const QString unit = upperMs > 1000 ? QStringLiteral("s") : QStringLiteral("ms");
    const auto in = [&](double ms) { return unit == u"s" ? QString::number(ms / 1000.0, 'g', 6) : QString::number(ms, 'g', 6); };
    if (lowerMs <= 0)
        return QStringLiteral("≤ %1 %2").arg(in(upperMs), unit);
    return QStringLiteral("%1–%2 %3").arg(in(lowerMs), in(upperMs), unit);
}

QStringList bucketLabels(const std::vector<double> &upperBoundsMs)
{
    QStringList labels;
    double lower = 0;
    for (double upper : upperBoundsMs) {
        labels.append(bucketLabel(lower, upper));
        lower = upper;
    }
    return labels;
}

QList<SloLine> sloLines(const QList<std::pair<QString, SloThreshold>> &tenants)
{
    QList<SloLine> lines;
    for (const auto &[tenant, slo] : tenants) {
        for (const auto &[quantile, value] : {std::pair{QStringLiteral("p50"), slo.p50Ms}, std::pair{QStringLiteral("p99"), slo.p99Ms}}) {
            auto same = std::find_if(lines.begin(), lines.end(), [&](const SloLine &l) { return l.valueMs == value; });
            if (same == lines.end())
                lines.append({value, {{tenant, quantile}}});
            else
                same->objectives.append({tenant, quantile});
        }
    }
    return lines;
}

bool SloLine::hasP99() const
{
    return std::any_of(objectives.cbegin(), objectives.cend(), [](const auto &o) { return o.second == u"p99"; });
}

QString metricsTenantLabel(const QString &key, const QString &configuredTenant, const QStringList &catalogTenants)
{
    if (!configuredTenant.isEmpty())
        return configuredTenant;
    if (catalogTenants.isEmpty())
        return key;
    QString label = catalogTenants.mid(0, 3).join(QStringLiteral(", "));
    if (catalogTenants.size() > 3)
        label += QStringLiteral(" +%1").arg(catalogTenants.size() - 3);
    return label;
}

QString SloLine::label() const
{
    const QString value = QString::number(valueMs, 'g', 6);
    if (objectives.size() == 1)
        return QStringLiteral("%1 %2 SLO %3 ms").arg(objectives.front().first, objectives.front().second, value);
    QStringList tenants, each;
    bool oneQuantile = true;
    for (const auto &[tenant, quantile] : objectives) {
        tenants.append(tenant);
        each.append(tenant + u' ' + quantile);
        oneQuantile &= quantile == objectives.front().second;
    }
    if (oneQuantile)
        return QStringLiteral("%1 SLO %2 ms (%3)").arg(objectives.front().second, value, tenants.join(QStringLiteral(", ")));
    return QStringLiteral("SLO %1 ms: %2").arg(value, each.join(QStringLiteral(", ")));
}

namespace {

QString csvField(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n'))
        return text;
    QString quoted = text;
    quoted.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

} // namespace

QString seriesCsv(const MetricStore &store, const QList<SeriesKey> &keys, qint64 fromMs, qint64 toMs)
{
    QString csv = QStringLiteral("time_utc,tenant,target,source,metric,value\n");
    for (const SeriesKey &key : keys) {
        const TimeSeries *series = store.series(key);
        if (!series)
            continue;
        const QString prefix = csvField(key.tenant) + u',' + csvField(key.target) + u',' + metricSourceId(key.source)
            + u',' + csvField(key.metric) + u',';
        const auto begin = std::lower_bound(series->msecs.begin(), series->msecs.end(), fromMs);
        for (auto it = begin; it != series->msecs.end() && *it <= toMs; ++it) {
            const size_t i = size_t(it - series->msecs.begin());
            csv += QDateTime::fromMSecsSinceEpoch(*it, Qt::UTC).toString(Qt::ISODateWithMs) + u',' + prefix
                + QString::number(series->values[i], 'g', 12) + u'\n';
        }
    }
    return csv;
}

} // namespace feastconsole
