#include "metrics/scrapeanalysis.h"

#include <QStringList>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>
#include <tuple>

namespace feastconsole {

using namespace prometheus;

const QList<ScrapedHistogram> &scrapedHistograms()
{
    static const QList<ScrapedHistogram> list = {
        {QStringLiteral("request_latency"), QStringLiteral("feast_feature_server_request_latency_seconds")},
        {QStringLiteral("online_store_read"), QStringLiteral("feast_feature_server_online_store_read_duration_seconds")},
        {QStringLiteral("transformation"), QStringLiteral("feast_feature_server_transformation_duration_seconds")},
        {QStringLiteral("materialization_duration"), QStringLiteral("feast_materialization_duration_seconds")},
    };
    return list;
}

namespace {

// A counter family, as the text format names it (with _total) or without.
const MetricFamily *counterFamily(const Exposition &e, const QString &name)
{
    if (const MetricFamily *f = e.family(name))
        return f;
    if (name.endsWith(QLatin1String("_total")))
        return e.family(name.chopped(6));
    return nullptr;
}

bool isErrorStatus(const QString &status)
{
    const QString s = status.toLower();
    return s.startsWith(u'4') || s.startsWith(u'5') || s.contains(QLatin1String("error"))
        || s.contains(QLatin1String("fail"));
}

void addCounter(QHash<QString, double> &counters, const QString &key, double value)
{
    if (!std::isnan(value))
        counters[key] += value;
}

// Multiprocess gauges carry one sample per worker (`pid`): the worst one counts.
void maxGauge(QHash<QString, double> &gauges, const QString &key, double value)
{
    if (std::isnan(value))
        return;
    auto it = gauges.find(key);
    if (it == gauges.end())
        gauges.insert(key, value);
    else
        *it = std::max(*it, value);
}

// `family{a="1",b="2"}` as written, without `le`, cut for a one-line message.
QString seriesName(const QString &family, const Labels &labels)
{
    QStringList parts;
    for (const auto &[name, value] : labels)
        parts.append(name + QStringLiteral("=\"") + value + u'"');
    QString text = family + u'{' + parts.join(u',') + u'}';
    constexpr qsizetype max = 80;
    if (text.size() > max)
        text = text.left(max - 1) + QChar(0x2026);
    return text;
}

std::optional<double> leValue(const QString &le)
{
    const QString lower = le.trimmed().toLower();
    if (lower == u"+inf" || lower == u"inf")
        return std::numeric_limits<double>::infinity();
    bool ok = false;
    const double v = lower.toDouble(&ok);
    return ok ? std::optional<double>(v) : std::nullopt;
}

struct SeriesSamples {
    QString name; // for messages
    CumulativeHistogram histogram;
    bool hasCount = false;
    QString error;
};

// One followed histogram family, series by series, from the raw samples (a
// bucket whose `le` does not read is an error here, not a bucket left out).
std::map<QString, SeriesSamples> seriesOf(const MetricFamily &family)
{
    std::map<QString, SeriesSamples> series;
    const QString bucketName = family.name + QStringLiteral("_bucket");
    const QString countName = family.name + QStringLiteral("_count");
    const QString sumName = family.name + QStringLiteral("_sum");
    for (const Sample &s : family.samples) {
        if (s.name != bucketName && s.name != countName && s.name != sumName)
            continue; // _created and the like
        Labels labels;
        std::optional<QString> le;
        for (const auto &label : s.labels) {
            if (label.first == u"le" && s.name == bucketName)
                le = label.second;
            else
                labels.push_back(label);
        }
        Labels sorted = labels;
        std::sort(sorted.begin(), sorted.end());
        QString key;
        for (const auto &[name, value] : sorted)
            key += name + u'\x1f' + value + u'\x1e';
        SeriesSamples &one = series[key];
        if (one.name.isEmpty())
            one.name = seriesName(family.name, labels);
        if (s.name == countName) {
            one.histogram.count = s.value;
            one.hasCount = true;
        } else if (s.name == sumName) {
            one.histogram.sum = s.value;
        } else if (const std::optional<double> bound = le ? leValue(*le) : std::nullopt) {
            one.histogram.upperBounds.push_back(*bound);
            one.histogram.cumulative.push_back(s.value);
        } else if (one.error.isEmpty()) {
            one.error = le ? QStringLiteral("le=\"%1\" is not a number").arg(le->left(40)) : QStringLiteral("a bucket without le");
        }
    }
    return series;
}

void sortBuckets(CumulativeHistogram &h)
{
    std::vector<std::pair<double, double>> buckets;
    for (std::size_t i = 0; i < h.upperBounds.size(); ++i)
        buckets.emplace_back(h.upperBounds[i], h.cumulative[i]);
    std::sort(buckets.begin(), buckets.end());
    for (std::size_t i = 0; i < buckets.size(); ++i)
        std::tie(h.upperBounds[i], h.cumulative[i]) = buckets[i];
}

QString boundsText(const std::vector<double> &bounds)
{
    QStringList parts;
    for (double b : bounds)
        parts.append(std::isinf(b) ? QStringLiteral("+Inf") : QString::number(b, 'g', 15));
    return parts.join(u',');
}

} // namespace

ScrapeSnapshot snapshotOf(const Exposition &e, qint64 msecs)
{
    ScrapeSnapshot snap;
    snap.msecs = msecs;
    for (const ScrapedHistogram &h : scrapedHistograms()) {
        const MetricFamily *family = e.family(h.family);
        if (!family)
            continue;
        std::vector<CumulativeHistogram> parts;
        std::vector<QString> names;
        std::vector<double> allBounds;
        QString error;
        for (auto &[key, one] : seriesOf(*family)) {
            if (one.error.isEmpty())
                one.error = histogramProblem(one.histogram, one.hasCount);
            if (!one.error.isEmpty()) {
                if (error.isEmpty())
                    error = one.name + QStringLiteral(": ") + one.error;
                continue;
            }
            sortBuckets(one.histogram);
            snap.series.insert(family->name + u'\n' + key, {h.key, one.name, one.histogram.upperBounds, one.histogram.count});
            allBounds.insert(allBounds.end(), one.histogram.upperBounds.begin(), one.histogram.upperBounds.end());
            parts.push_back(one.histogram);
            names.push_back(one.name);
        }
        // Series with other buckets cannot be added up, and leaving one out
        // would skew the sum: the series lacking a bound its siblings have is named.
        std::sort(allBounds.begin(), allBounds.end());
        allBounds.erase(std::unique(allBounds.begin(), allBounds.end()), allBounds.end());
        for (std::size_t i = 0; i < parts.size() && error.isEmpty(); ++i) {
            std::vector<double> missing;
            std::set_difference(allBounds.begin(), allBounds.end(), parts[i].upperBounds.begin(), parts[i].upperBounds.end(),
                                std::back_inserter(missing));
            if (!missing.empty())
                error = QStringLiteral("%1: bucket le=%2 missing (other series of the family have it)").arg(names[i], boundsText(missing));
        }
        if (!error.isEmpty())
            snap.histogramErrors.insert(h.key, error);
        else if (!parts.empty())
            snap.histograms.insert(h.key, sumHistograms(parts));
    }
    if (const MetricFamily *f = counterFamily(e, QStringLiteral("feast_feature_server_request_total"))) {
        for (const Sample &s : f->samples) {
            if (s.name.endsWith(QLatin1String("_created")))
                continue;
            addCounter(snap.counters, QStringLiteral("requests"), s.value);
            if (const auto status = s.label(u"status"); status && isErrorStatus(*status))
                addCounter(snap.counters, QStringLiteral("errors"), s.value);
            else if (status)
                addCounter(snap.counters, QStringLiteral("errors"), 0);
        }
    }
    if (const MetricFamily *f = counterFamily(e, QStringLiteral("feast_online_features_request_total"))) {
        for (const Sample &s : f->samples)
            addCounter(snap.counters, QStringLiteral("online_features_requests"), s.value);
    }
    if (const MetricFamily *f = counterFamily(e, QStringLiteral("feast_materialization_result_total"))) {
        for (const Sample &s : f->samples) {
            const QString view = s.label(u"feature_view").value_or(QString());
            const auto status = s.label(u"status");
            const QString outcome = status && isErrorStatus(*status) ? QStringLiteral("materialization_failure")
                                                                     : QStringLiteral("materialization_success");
            addCounter(snap.counters, view.isEmpty() ? outcome : outcome + u':' + view, s.value);
        }
    }
    if (const MetricFamily *f = e.family(u"feast_feature_server_cpu_usage")) {
        for (const Sample &s : f->samples)
            maxGauge(snap.gauges, QStringLiteral("cpu_percent"), s.value);
    }
    if (const MetricFamily *f = e.family(u"feast_feature_server_memory_usage")) {
        for (const Sample &s : f->samples)
            maxGauge(snap.gauges, QStringLiteral("memory_percent"), s.value);
    }
    if (const MetricFamily *f = e.family(u"feast_feature_freshness_seconds")) {
        for (const Sample &s : f->samples) {
            const QString project = s.label(u"project").value_or(QString());
            const QString view = s.label(u"feature_view").value_or(QString());
            QString key = QStringLiteral("freshness_s");
            if (!view.isEmpty())
                key += u':' + (project.isEmpty() ? view : project + u'/' + view);
            maxGauge(snap.gauges, key, s.value);
        }
    }
    return snap;
}

void checkAgainstPrevious(const ScrapeSnapshot &previous, ScrapeSnapshot &current)
{
    for (auto it = previous.series.cbegin(); it != previous.series.cend(); ++it) {
        const auto now = current.series.find(it.key());
        if (now == current.series.end() || now->count < it->count)
            continue; // gone, or the server restarted: its buckets may have changed
        std::vector<double> missing;
        for (double b : it->upperBounds) {
            if (!std::binary_search(now->upperBounds.begin(), now->upperBounds.end(), b))
                missing.push_back(b);
        }
        if (missing.empty())
            continue;
        // The most precise diagnosis wins over "missing (other series have it)".
        current.histogramErrors.insert(it->histogram, QStringLiteral("%1: bucket le=%2 missing since the previous scrape")
                                                          .arg(now->name, boundsText(missing)));
        current.histograms.remove(it->histogram);
        now->upperBounds = it->upperBounds;
    }
}

void recordInterval(MetricStore &store, const SeriesKey &base, const ScrapeSnapshot *previous,
                    const ScrapeSnapshot &current)
{
    const auto put = [&](const QString &metric, double value) {
        if (std::isnan(value) || std::isinf(value))
            return;
        SeriesKey key = base;
        key.metric = metric;
        store.append(key, current.msecs, value);
    };
    for (auto it = current.gauges.cbegin(); it != current.gauges.cend(); ++it)
        put(it.key(), it.value());
    // Materialization runs so far, per view: `materialization_success_total:<view>`.
    for (auto it = current.counters.cbegin(); it != current.counters.cend(); ++it) {
        if (!it.key().startsWith(u"materialization_"))
            continue;
        QString metric = it.key();
        const qsizetype colon = metric.indexOf(u':');
        metric.insert(colon < 0 ? metric.size() : colon, QStringLiteral("_total"));
        put(metric, it.value());
    }
    if (!previous || current.msecs <= previous->msecs)
        return;
    const double seconds = double(current.msecs - previous->msecs) / 1000.0;
    for (auto it = current.histograms.cbegin(); it != current.histograms.cend(); ++it) {
        const auto before = previous->histograms.constFind(it.key());
        if (before == previous->histograms.cend() && previous->histogramErrors.contains(it.key()))
            continue; // no baseline: the previous scrape's histogram was refused
        const CumulativeHistogram increase = before == previous->histograms.cend()
            ? it.value() : histogramIncrease(before.value(), it.value());
        SeriesKey frameKey = base;
        frameKey.metric = it.key();
        store.appendHistogram(frameKey, toFrame(current.msecs, increase));
        if (increase.cumulative.empty() || increase.cumulative.back() <= 0)
            continue;
        const double scale = it.key() == u"materialization_duration" ? 1.0 : 1000.0; // seconds vs ms
        const QString unit = scale == 1.0 ? QStringLiteral("_s") : QStringLiteral("_ms");
        put(it.key() + QStringLiteral("_p50") + unit, histogramQuantile(0.5, increase) * scale);
        put(it.key() + QStringLiteral("_p95") + unit, histogramQuantile(0.95, increase) * scale);
        put(it.key() + QStringLiteral("_p99") + unit, histogramQuantile(0.99, increase) * scale);
        double top = maxBucketBound(increase);
        if (std::isinf(top) && increase.upperBounds.size() >= 2)
            top = increase.upperBounds[increase.upperBounds.size() - 2]; // "above the last bound"
        put(it.key() + QStringLiteral("_max") + unit, top * scale);
    }
    for (auto it = current.counters.cbegin(); it != current.counters.cend(); ++it) {
        const double before = previous->counters.value(it.key(), 0);
        const double increase = it.value() >= before ? it.value() - before : it.value();
        QString metric = it.key();
        const qsizetype colon = metric.indexOf(u':');
        metric.insert(colon < 0 ? metric.size() : colon, QStringLiteral("_per_s"));
        put(metric, increase / seconds);
    }
}

} // namespace feastconsole
