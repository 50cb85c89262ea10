#include "metrics/prometheuspoller.h"

#include "metrics/histogrammath.h"

#include <QDateTime>
#include <QMap>

#include <algorithm>
#include <cmath>
#include <limits>

namespace feastconsole {

namespace {

QString targetId(const PrometheusTarget &t)
{
    return t.url.toString() + u'\n' + t.selector + u'\n' + t.tenant;
}

} // namespace

PrometheusPoller::PrometheusPoller(MetricStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_timer.setInterval(15000);
    connect(&m_timer, &QTimer::timeout, this, &PrometheusPoller::pollNow);
}

void PrometheusPoller::setTargets(const QList<PrometheusTarget> &targets)
{
    QSet<QString> kept; // target ids, each once
    std::vector<std::unique_ptr<TargetState>> owned;
    for (const PrometheusTarget &t : targets) {
        const QString id = targetId(t);
        if (kept.contains(id))
            continue;
        auto it = std::find_if(m_owned.begin(), m_owned.end(), [&](const auto &s) { return s && targetId(s->target) == id; });
        std::unique_ptr<TargetState> state;
        if (it != m_owned.end()) {
            state = std::move(*it);
        } else {
            state = std::make_unique<TargetState>();
            state->target = t;
        }
        kept.insert(id);
        owned.push_back(std::move(state));
    }
    // Targets that left the workspace: their rounds (and replies) go, and so do their errors.
    for (auto &gone : m_owned) {
        if (!gone)
            continue;
        m_store->setError(statusKey(gone->target), QString());
        if (gone->round) {
            gone->round->disconnect(this);
            gone->round->deleteLater();
        }
    }
    m_owned = std::move(owned);
}

void PrometheusPoller::setTemplates(const QList<PromQlTemplate> &templates)
{
    m_templates = templates;
    pollNow();
}

void PrometheusPoller::setWindow(qint64 rangeMs, std::optional<qint64> toMs)
{
    if (rangeMs == m_rangeMs && toMs == m_toMs)
        return;
    m_rangeMs = rangeMs;
    m_toMs = toMs;
    if (m_timer.isActive())
        pollNow();
}

void PrometheusPoller::setIntervalMs(int ms)
{
    m_timer.setInterval(ms);
}

void PrometheusPoller::start()
{
    m_timer.start();
    pollNow();
}

void PrometheusPoller::stop()
{
    m_timer.stop();
}

bool PrometheusPoller::isPolling() const
{
    return std::any_of(m_owned.begin(), m_owned.end(), [](const auto &s) { return s->round && s->round->isRunning(); });
}

int PrometheusPoller::stepSecondsFor(qint64 rangeMs, int minStepS)
{
    return int(std::max<qint64>(minStepS, (rangeMs / 1000 + 299) / 300));
}

SeriesKey PrometheusPoller::statusKey(const PrometheusTarget &target)
{
    return {target.tenant, target.url.toString(), MetricSource::Prometheus, QStringLiteral("prometheus")};
}

void PrometheusPoller::pollNow()
{
    for (const auto &state : m_owned)
        poll(*state);
}

void PrometheusPoller::poll(TargetState &state)
{
    if ((state.round && state.round->isRunning()) || m_templates.isEmpty())
        return; // the round in flight answers first
    const qint64 to = m_toMs.value_or(QDateTime::currentMSecsSinceEpoch());
    const int step = stepSecondsFor(m_rangeMs, m_minStepS);
    const PromQlRange range{to - m_rangeMs, to, step, promDuration(windowSecondsFor(step))};
    if (state.round)
        state.round->deleteLater();
    state.round = new PromQlRound(state.target, m_templates, range, m_timeoutMs, this);
    if (const QString error = state.round->authorizationError(); !error.isEmpty()) {
        m_store->setError(statusKey(state.target), error);
        Q_EMIT polled(state.target.url.toString());
        return;
    }
    state.errors.clear();
    state.failed.clear();
    state.written.clear();
    PromQlRound *round = state.round;
    connect(round, &PromQlRound::answered, this, [this, &state, round](int index, const RangeResult &result) {
        answered(state, round->templates().at(index).metric, result);
    });
    connect(round, &PromQlRound::finished, this, [this, &state] { roundFinished(state); });
    round->start();
}

// A *_buckets answer: one series per `le` (and per whatever else the query
// kept, each its own heat map).
QString PrometheusPoller::storeHistograms(TargetState &state, const QString &histogram, const RangeResult &result)
{
    QMap<QString, std::vector<BucketSeries>> groups; // by the labels other than le
    for (const RangeSeries &s : result.series) {
        QHash<QString, QString> labels = s.labels;
        const QString le = labels.take(QStringLiteral("le"));
        bool ok = false;
        const double bound = le == u"+Inf" ? std::numeric_limits<double>::infinity() : le.toDouble(&ok);
        if (le.isEmpty() || (!ok && le != u"+Inf") || std::isnan(bound) || bound < 0)
            return tr("a series without a numeric le label: a histogram query must keep `le`");
        BucketSeries bucket{bound, {}};
        bucket.cumulative.msecs = s.msecs;
        bucket.cumulative.values = s.values;
        groups[labels.isEmpty() ? QString() : labelText(labels)].push_back(std::move(bucket));
    }
    // Frames without a +Inf bucket, or with one bound twice, would be read as
    // a complete histogram: refused, naming the series.
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        std::vector<double> bounds;
        for (const BucketSeries &b : *it)
            bounds.push_back(b.upperBound);
        std::sort(bounds.begin(), bounds.end());
        const QString series = it.key().isEmpty() ? QStringLiteral("{}") : it.key();
        if (bounds.empty() || !std::isinf(bounds.back()))
            return tr("series %1 has no le=\"+Inf\" bucket").arg(series);
        if (std::adjacent_find(bounds.begin(), bounds.end()) != bounds.end())
            return tr("series %1 has a bucket twice").arg(series);
    }
    const QString url = state.target.url.toString();
    for (auto it = groups.begin(); it != groups.end(); ++it) {
        const SeriesKey key{state.target.tenant, it.key().isEmpty() ? url : url + u' ' + it.key(), MetricSource::Prometheus,
                            histogram};
        m_store->replaceHistograms(key, framesFromBucketSeries(std::move(*it)));
    }
    return {};
}

void PrometheusPoller::answered(TargetState &state, const QString &metric, const RangeResult &result)
{
    const QString url = state.target.url.toString();
    if (!result.error.isEmpty()) {
        state.errors.append(metric + QStringLiteral(": ") + result.error);
        state.failed.insert(metric);
    } else if (const QString histogram = histogramOfMetric(metric); !histogram.isEmpty()) {
        if (const QString problem = storeHistograms(state, histogram, result); !problem.isEmpty()) {
            state.errors.append(metric + QStringLiteral(": ") + problem);
            state.failed.insert(metric);
        }
    } else {
        const bool several = result.series.size() > 1;
        for (const RangeSeries &s : result.series) {
            TimeSeries series;
            series.msecs.reserve(s.msecs.size());
            series.values.reserve(s.values.size());
            for (size_t i = 0; i < s.msecs.size(); ++i) {
                if (std::isfinite(s.values[i])) { // histogram_quantile of no requests is NaN: a gap
                    series.msecs.push_back(s.msecs[i]);
                    series.values.push_back(s.values[i]);
                }
            }
            const SeriesKey key{state.target.tenant, several ? url + u' ' + labelText(s.labels) : url,
                                MetricSource::Prometheus, metric};
            state.written.insert(key);
            m_store->replaceSeries(key, std::move(series));
        }
    }
}

void PrometheusPoller::roundFinished(TargetState &state)
{
    const QString url = state.target.url.toString();
    // Lines the last round drew that this one did not (an instance gone, an
    // edited template) are emptied rather than left frozen; a failed query
    // keeps its last lines, with its error shown.
    for (const SeriesKey &key : std::as_const(state.shown)) {
        if (!state.written.contains(key) && !state.failed.contains(key.metric))
            m_store->replaceSeries(key, {});
    }
    state.shown = state.written;
    m_store->setError(statusKey(state.target), state.errors.join(QStringLiteral("; ")));
    Q_EMIT polled(url);
}

} // namespace feastconsole
