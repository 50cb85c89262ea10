#include "metrics/onlineprobe.h"

#include "boundedreply.h"
#include "metrics/metricstore.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>
#include <cmath>

namespace feastconsole {

OnlineProbe::OnlineProbe(Settings settings, QObject *parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{
    constexpr int connectionsPerManager = 6;
    const int managers = std::max(1, (m_settings.concurrency + connectionsPerManager - 1) / connectionsPerManager);
    for (int i = 0; i < managers; ++i)
        m_networks.push_back(new QNetworkAccessManager(this));
    m_inFlightPerNetwork.assign(m_networks.size(), 0);
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(1);
    connect(&m_timer, &QTimer::timeout, this, &OnlineProbe::tick);
    m_publishTimer.setInterval(1000);
    connect(&m_publishTimer, &QTimer::timeout, this, &OnlineProbe::publish);
}

OnlineProbe::~OnlineProbe()
{
    stop();
}

void OnlineProbe::setMetricStore(MetricStore *store, const QString &tenant)
{
    m_store = store;
    m_tenant = tenant;
}

void OnlineProbe::start()
{
    m_running = true;
    m_scheduleDone = false;
    m_nextIndex = 0;
    m_clock.start();
    m_timer.start();
    m_publishTimer.start();
    tick();
}

void OnlineProbe::stop()
{
    m_timer.stop();
    m_publishTimer.stop();
    m_waiting.clear();
    m_scheduleDone = true;
    if (m_running && m_inFlight == 0) {
        m_running = false;
        publish();
        Q_EMIT finished();
    }
}

// Sends what the schedule says is due, as slots allow; the rest waits with
// its intended start (which its latency will be measured from).
void OnlineProbe::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    const double intervalNs = 1e9 / std::max(0.001, m_settings.rate);
    const qint64 endNs = qint64(m_settings.durationMs) * 1000000;
    while (!m_scheduleDone) {
        const auto intended = qint64(std::llround(double(m_nextIndex) * intervalNs));
        if (intended >= endNs) {
            m_scheduleDone = true;
            m_timer.stop();
            break;
        }
        if (intended > now)
            break;
        m_waiting.push_back(intended);
        ++m_nextIndex;
    }
    while (!m_waiting.empty() && m_inFlight < m_settings.concurrency) {
        send(m_waiting.front());
        m_waiting.pop_front();
    }
    finishIfDone();
}

void OnlineProbe::send(qint64 intendedNs)
{
    QUrl url = m_settings.url;
    if (url.path().isEmpty() || url.path() == u"/")
        url.setPath(QStringLiteral("/get-online-features"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    const size_t network = size_t(std::min_element(m_inFlightPerNetwork.begin(), m_inFlightPerNetwork.end())
                                  - m_inFlightPerNetwork.begin());
    QNetworkReply *reply = m_networks[network]->post(request, m_settings.body);
    boundReply(reply, httplimits::kProbeBytes, m_settings.timeoutMs);
    ++m_inFlightPerNetwork[network];
    ++m_inFlight;
    ++m_sent;
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, intendedNs, network] { onReply(reply, intendedNs, network); });
}

void OnlineProbe::onReply(QNetworkReply *reply, qint64 intendedNs, size_t network)
{
    --m_inFlight;
    --m_inFlightPerNetwork[network];
    const qint64 micros = (m_clock.nsecsElapsed() - intendedNs) / 1000;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (const QString bound = boundError(reply, reply->url().toString()); !bound.isEmpty()) {
        ++m_errors[0]; // no complete answer, whatever its headers said
        m_lastError = bound;
    } else if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300) {
        ++m_succeeded;
        m_all.record(micros);
        m_interval.record(micros);
    } else {
        ++m_errors[status];
        m_lastError = status ? QStringLiteral("HTTP %1 from %2").arg(status).arg(reply->url().toString())
                             : QStringLiteral("%1: %2").arg(reply->url().toString(), reply->errorString());
    }
    reply->deleteLater();
    tick();
}

void OnlineProbe::publish()
{
    if (!m_store || m_interval.count() == 0)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QString target = m_settings.url.toString();
    auto put = [&](const char *metric, double value) {
        m_store->append({m_tenant, target, MetricSource::Probe, QLatin1StringView(metric)}, now, value);
    };
    put("request_latency_p50_ms", double(m_interval.quantileMicros(0.50)) / 1000.0);
    put("request_latency_p95_ms", double(m_interval.quantileMicros(0.95)) / 1000.0);
    put("request_latency_p99_ms", double(m_interval.quantileMicros(0.99)) / 1000.0);
    put("request_latency_max_ms", double(m_interval.maxMicros()) / 1000.0);
    m_interval.reset();
}

void OnlineProbe::finishIfDone()
{
    if (m_running && m_scheduleDone && m_waiting.empty() && m_inFlight == 0) {
        m_running = false;
        m_publishTimer.stop();
        publish();
        Q_EMIT finished();
    }
}

} // namespace feastconsole
