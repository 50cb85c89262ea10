#pragma once

#include "metrics/metricstore.h"
#include "metrics/scrapeanalysis.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace feastconsole {

// One feature server's /metrics, for one tenant.
struct ScrapeTarget {
    QString tenant;
    QUrl url;
};

// Scrapes feature servers' Prometheus endpoints every interval, asynchronously
// (QNetworkAccessManager; the GUI thread only parses a few kilobytes), and
// feeds MetricStore with per-interval quantiles, rates and gauges (see
// recordInterval()). Each target is independent: one that is down, slow (no
// answer within the timeout) or answers something other than metrics gets an
// inline error under SeriesKey{tenant, url, Scrape, "scrape"} and the others
// keep updating. A target is never asked again while a scrape is in flight.
class MetricsScraper : public QObject
{
    Q_OBJECT
public:
    explicit MetricsScraper(MetricStore *store, QObject *parent = nullptr);
    ~MetricsScraper() override;

    void setTargets(const QList<ScrapeTarget> &targets);
    void setIntervalMs(int ms);
    // The deadline of a whole scrape: connecting, headers and body (a body
    // that drips forever is cut there). Bodies are bounded by httplimits.
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    void start(); // scrapes now, then every interval
    void stop();
    void scrapeNow();

    // The latest good scrape of a target (cumulative since the server started).
    const ScrapeSnapshot *lastSnapshot(const QString &url) const;
    // The key errors of a target are stored under.
    static SeriesKey statusKey(const ScrapeTarget &target);

Q_SIGNALS:
    void scraped(const QString &target, qint64 msecs);
    void failed(const QString &target, const QString &error);

private:
    struct TargetState {
        ScrapeTarget target;
        QPointer<QNetworkReply> reply;
        std::optional<ScrapeSnapshot> previous;
    };
    void scrape(TargetState &state);
    void finished(const QString &url, QNetworkReply *reply);

    MetricStore *m_store;
    QNetworkAccessManager *m_network;
    QTimer m_timer;
    int m_timeoutMs = 5000;
    QHash<QString, TargetState> m_targets; // by URL
};

} // namespace feastconsole
