#pragma once

#include "metrics/latencyhistogram.h"

#include <QElapsedTimer>
#include <QMap>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <deque>

class QNetworkAccessManager;
class QNetworkReply;

namespace feastconsole {

class MetricStore;

// Actively probes a Feast feature server: POST /get-online-features with a
// fixed body at a fixed rate and bounded concurrency. Each request has an
// intended start on the schedule (start + i / rate); its latency is measured
// from that intended start, so a slow server delays later requests and the
// delay is counted (coordinated omission corrected). Errors are counted by
// HTTP status (0: no complete HTTP answer - none, too late, or larger than
// httplimits::kProbeBytes).
class OnlineProbe : public QObject
{
    Q_OBJECT
public:
    struct Settings {
        QUrl url;             // the server, e.g. http://host:6566 (the path is added)
        QByteArray body;      // get-online-features JSON
        double rate = 50;     // requests per second
        int concurrency = 8;  // requests in flight at most
        int durationMs = 10000;
        int timeoutMs = 10000; // each request, connecting to the last byte of its answer
    };
    explicit OnlineProbe(Settings settings, QObject *parent = nullptr);
    ~OnlineProbe() override;

    // Records per-second p50/p95/p99/max into the store (source Probe).
    void setMetricStore(MetricStore *store, const QString &tenant);
    void start();
    void stop();

    const LatencyHistogram &histogram() const { return m_all; }
    qint64 sent() const { return m_sent; }
    qint64 succeeded() const { return m_succeeded; }
    const QMap<int, qint64> &errors() const { return m_errors; } // by HTTP status
    QString lastError() const { return m_lastError; }
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void finished();

private:
    void tick();
    void send(qint64 intendedNs);
    void onReply(QNetworkReply *reply, qint64 intendedNs, size_t network);
    void publish();
    void finishIfDone();

    Settings m_settings;
    // Qt keeps at most 6 HTTP/1.1 connections per host and manager; the probe
    // uses enough managers that `concurrency` requests really are in flight
    // (else they would queue inside Qt and the wait would count as latency).
    std::vector<QNetworkAccessManager *> m_networks;
    std::vector<int> m_inFlightPerNetwork;
    QTimer m_timer;
    QTimer m_publishTimer;
    QElapsedTimer m_clock;
    qint64 m_nextIndex = 0;      // of the next request on the schedule
    std::deque<qint64> m_waiting; // intended starts of due requests waiting for a slot
    int m_inFlight = 0;
    qint64 m_sent = 0;
    qint64 m_succeeded = 0;
    QMap<int, qint64> m_errors;
    QString m_lastError;
    LatencyHistogram m_all;
    LatencyHistogram m_interval;
    MetricStore *m_store = nullptr;
    QString m_tenant;
    bool m_running = false;
    bool m_scheduleDone = false;
};

} // namespace feastconsole
