#pragma once

#include "metrics/metricstore.h"
#include "metrics/promqlround.h"

#include <QHash>
#include <QSet>
#include <QList>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <optional>

namespace feastconsole {

// Keeps the dashboards' Prometheus series (MetricSource::Prometheus) in step
// with the shown window: every interval, and at once when the window moves,
// it asks each target for every template over the whole window with
// query_range (so a 7-day view has 7 days of history at once) and replaces
// the series in MetricStore. A template that yields several series (one per
// instance, say) gives one line each. A target is never asked again while a
// round is in flight; a target that fails shows its errors inline under
// statusKey() and the others keep updating.
class PrometheusPoller : public QObject
{
    Q_OBJECT
public:
    explicit PrometheusPoller(MetricStore *store, QObject *parent = nullptr);

    void setTargets(const QList<PrometheusTarget> &targets);
    void setTemplates(const QList<PromQlTemplate> &templates);
    // The shown window: the last rangeMs up to now (live), or up to toMs.
    void setWindow(qint64 rangeMs, std::optional<qint64> toMs = std::nullopt);
    void setIntervalMs(int ms);
    qint64 rangeMs() const { return m_rangeMs; }
    void setMinStepSeconds(int seconds) { m_minStepS = std::max(1, seconds); }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    void start(); // polls now, then every interval
    void stop();
    void pollNow();
    bool isPolling() const;

    // At most ~300 points per line: 15 s for an hour, 2016 s for 7 days.
    static int stepSecondsFor(qint64 rangeMs, int minStepS);
    // rate()/increase() range: a step, but at least a minute so that a
    // server scraped every 15 s still has enough samples.
    static qint64 windowSecondsFor(int stepS) { return std::max(60, stepS); }
    static SeriesKey statusKey(const PrometheusTarget &target);

Q_SIGNALS:
    void polled(const QString &url); // a target's round finished, well or not

private:
    struct TargetState {
        PrometheusTarget target;
        PromQlRound *round = nullptr; // the round in flight, or the last one
        QStringList errors;
        QSet<QString> failed;  // templates whose query failed this round
        QSet<SeriesKey> shown; // series this target wrote in the last round
        QSet<SeriesKey> written;
    };
    void poll(TargetState &state);
    void answered(TargetState &state, const QString &metric, const RangeResult &result);
    void roundFinished(TargetState &state);
    QString storeHistograms(TargetState &state, const QString &histogram, const RangeResult &result);

    MetricStore *m_store;
    QTimer m_timer;
    QList<PromQlTemplate> m_templates;
    std::vector<std::unique_ptr<TargetState>> m_owned;
    qint64 m_rangeMs = 3600 * 1000;
    std::optional<qint64> m_toMs;
    int m_minStepS = 15;
    int m_timeoutMs = 10000;
};

} // namespace feastconsole
