#include "metrics/metricsscraper.h"

#include "boundedreply.h"
#include "logging.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace feastconsole {

MetricsScraper::MetricsScraper(MetricStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_network(new QNetworkAccessManager(this))
{
    m_timer.setInterval(15000);
    connect(&m_timer, &QTimer::timeout, this, &MetricsScraper::scrapeNow);
}

MetricsScraper::~MetricsScraper()
{
    stop();
}

void MetricsScraper::setTargets(const QList<ScrapeTarget> &targets)
{
    QHash<QString, TargetState> next;
    for (const ScrapeTarget &t : targets) {
        const QString url = t.url.toString();
        TargetState state = m_targets.take(url);
        state.target = t;
        next.insert(url, state);
    }
    for (TargetState &gone : m_targets) {
        if (gone.reply)
            gone.reply->abort();
    }
    m_targets = next;
}

void MetricsScraper::setIntervalMs(int ms)
{
    m_timer.setInterval(ms);
}

void MetricsScraper::start()
{
    scrapeNow();
    m_timer.start();
}

void MetricsScraper::stop()
{
    m_timer.stop();
    for (TargetState &state : m_targets) {
        if (state.reply) {
            state.reply->disconnect(this);
            state.reply->abort();
            state.reply->deleteLater();
        }
    }
}

SeriesKey MetricsScraper::statusKey(const ScrapeTarget &target)
{
    return SeriesKey{target.tenant, target.url.toString(), MetricSource::Scrape, QStringLiteral("scrape")};
}

const ScrapeSnapshot *MetricsScraper::lastSnapshot(const QString &url) const
{
    const auto it = m_targets.constFind(url);
    return it == m_targets.constEnd() || !it->previous ? nullptr : &*it->previous;
}

void MetricsScraper::scrapeNow()
{
    for (TargetState &state : m_targets)
        scrape(state);
}

void MetricsScraper::scrape(TargetState &state)
{
    if (state.reply)
        return; // still waiting: a slow target is not piled up on
    QNetworkRequest request(state.target.url);
    request.setRawHeader("Accept", "text/plain;version=0.0.4");
    QNetworkReply *reply = m_network->get(request);
    boundReply(reply, httplimits::kMetricsBytes, m_timeoutMs);
    state.reply = reply;
    const QString url = state.target.url.toString();
    connect(reply, &QNetworkReply::finished, this, [this, url, reply] { finished(url, reply); });
}

void MetricsScraper::finished(const QString &url, QNetworkReply *reply)
{
    reply->deleteLater();
    const auto it = m_targets.find(url);
    if (it == m_targets.end() || it->reply != reply)
        return; // target removed or replaced meanwhile
    TargetState &state = *it;
    state.reply = nullptr;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const SeriesKey key = statusKey(state.target);

    QString error;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->isReadable() ? reply->readAll() : QByteArray(); // an aborted reply is closed
    const QString contentType = reply->header(QNetworkRequest::ContentTypeHeader).toString();
    prometheus::Exposition exposition;
    if (const QString bound = boundError(reply, url); !bound.isEmpty()) {
        error = bound;
    } else if (reply->error() == QNetworkReply::OperationCanceledError || reply->error() == QNetworkReply::TimeoutError) {
        error = tr("%1: no answer within %2 s (slow or hung server)").arg(url).arg(m_timeoutMs / 1000.0);
    } else if (reply->error() != QNetworkReply::NoError && status == 0) {
        error = tr("%1: %2 (is the feature server running with --metrics?)").arg(url, reply->errorString());
    } else if (status != 200) {
        error = tr("%1: HTTP %2 instead of metrics").arg(url).arg(status);
    } else if (contentType.contains(QLatin1String("html"), Qt::CaseInsensitive)
               || body.trimmed().startsWith('<')) {
        error = tr("%1 answered an HTML page, not Prometheus metrics (wrong port or path?)").arg(url);
    } else {
        exposition = prometheus::parseExposition(body);
        if (!prometheus::looksLikeExposition(exposition))
            error = tr("%1 did not answer Prometheus metrics (line %2: %3)")
                        .arg(url).arg(exposition.errors.front().line).arg(exposition.errors.front().message);
    }
    if (!error.isEmpty()) {
        qCWarning(lcMetrics) << error;
        state.previous.reset(); // the next interval starts afresh
        m_store->setError(key, error);
        Q_EMIT failed(url, error);
        return;
    }
    ScrapeSnapshot snapshot = snapshotOf(exposition, now);
    if (state.previous)
        checkAgainstPrevious(*state.previous, snapshot);
    recordInterval(*m_store, key, state.previous ? &*state.previous : nullptr, snapshot);
    // Lines that did not parse are worth knowing, but the rest was used; a
    // histogram stated wrongly was not (it gives no quantile).
    QStringList problems;
    if (!exposition.errors.empty())
        problems.append(tr("%1: %n malformed line(s) skipped, first at line %2: %3", nullptr, int(exposition.errors.size()))
                            .arg(url).arg(exposition.errors.front().line).arg(exposition.errors.front().message));
    for (const QString &histogramError : std::as_const(snapshot.histogramErrors))
        problems.append(url + QStringLiteral(": ") + histogramError);
    problems.sort();
    for (const QString &p : std::as_const(problems))
        qCWarning(lcMetrics) << p;
    state.previous = std::move(snapshot);
    m_store->setError(key, problems.join(QStringLiteral("; ")));
    Q_EMIT scraped(url, now);
}

} // namespace feastconsole
