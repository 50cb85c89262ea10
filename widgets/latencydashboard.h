#pragma once

#include "latencyseries.h"
#include "metricstore.h"

#include <QHash>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QCPColorMap;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;
class QLabel;
class QPushButton;
class QTableWidget;
class QTimer;

namespace feastconsole {

// Latency of every tenant's online feature servers from MetricStore: p50, p95,
// p99 and max over time (several tenants on one chart, each line naming its
// source: scrape, prometheus or probe), request and error rates, online-store
// read vs transformation vs total p99, a heat map of the latency histograms,
// and an overview grid with each tenant's SLO status (red/amber/green) whose
// objectives are editable. SLO lines always stay in view. Time range 5 min to
// 7 days, live or paused, zoom and pan (which pause), a crosshair tooltip,
// export PNG/PDF/CSV. Replots are throttled by a single-shot timer and every
// line is sampled to the chart's pixel width (latencyseries.h).
class LatencyDashboard : public QWidget
{
    Q_OBJECT
public:
    explicit LatencyDashboard(const MetricStore *store, QWidget *parent = nullptr);

    // The tenant's online store type sets its default SLO (defaultSlo()).
    void setTenantStore(const QString &tenant, const QString &onlineStoreType, const QString &redisType = {});
    void setSlo(const QString &tenant, const SloThreshold &slo);
    SloThreshold slo(const QString &tenant) const;
    SloStatus tenantStatus(const QString &tenant) const;
    QStringList tenants() const;

    static const QList<qint64> &rangeChoicesMs(); // 5 min … 7 days
    void setRangeMs(qint64 ms);
    qint64 rangeMs() const { return m_rangeMs; }
    void setLive(bool live);
    bool isLive() const { return m_live; }
    // The shown window [from, to], UTC epoch ms.
    qint64 viewFromMs() const;
    qint64 viewToMs() const;

    bool exportPng(const QString &path) const;
    bool exportPdf(const QString &path) const;
    bool exportCsv(const QString &path) const;
    QString csv() const;

    // Resamples every line for the current window and replots now (what the
    // throttle timer does); the replot benchmark times this.
    void replotNow();
    bool replotPending() const;
    int shownPointCount() const;
    QString crosshairText() const;
    void showCrosshairAt(double keySeconds);

    QCustomPlot *latencyPlot() const { return m_latency; }
    QCustomPlot *ratePlot() const { return m_rates; }
    QCustomPlot *breakdownPlot() const { return m_breakdown; }
    QCustomPlot *heatmapPlot() const { return m_heatmap; }
    QTableWidget *overview() const { return m_overview; }
    QString errorText() const;

Q_SIGNALS:
    // The shown window moved (range, live/pause, zoom or pan), debounced:
    // sources that fetch history (Prometheus) follow it.
    void windowChanged(qint64 rangeMs, bool live, qint64 toMs);
    void editPromQlRequested();
    void sloEdited(const QString &tenant, const feastconsole::SloThreshold &slo); // by the user, in the grid
    void probeRequested();

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct TenantLatency {
        std::optional<double> p50, p99;
    };
    TenantLatency tenantLatency(const QString &tenant) const;
    void scheduleReplot();
    QCPGraph *graphFor(const SeriesKey &key);
    QCustomPlot *plotFor(const QString &metric) const;
    void applyRange();
    void fitValueAxis(QCustomPlot *plot, double minimumTop);
    void updateSloLines();
    void updateOverview();
    void updateHeatmap();
    void updateErrors();
    void userMovedRange();
    QColor tenantColor(const QString &tenant) const;

    const MetricStore *m_store;
    QCustomPlot *m_latency;
    QCustomPlot *m_rates;
    QCustomPlot *m_breakdown;
    QCustomPlot *m_heatmap;
    QCPColorMap *m_heatmapMap = nullptr;
    QComboBox *m_range;
    QPushButton *m_liveButton;
    QHash<QString, QCheckBox *> m_quantiles; // metric -> shown
    QComboBox *m_heatmapKey;
    QTableWidget *m_overview;
    QLabel *m_errors;
    QTimer *m_replotTimer;
    QTimer *m_liveTimer;
    QTimer *m_windowTimer;
    QCPItemStraightLine *m_crosshair = nullptr;
    QCPItemText *m_crosshairLabel = nullptr;

    QHash<SeriesKey, QCPGraph *> m_graphs;
    QList<QCPItemStraightLine *> m_sloLines;
    QHash<QString, SloThreshold> m_slos;       // per tenant
    QHash<QString, QString> m_storeTypes;      // per tenant, shown in the grid
    QStringList m_tenantOrder;
    qint64 m_rangeMs = 3600 * 1000;
    qint64 m_pausedToMs = 0;
    bool m_live = true;
    bool m_settingRange = false;
    bool m_updatingOverview = false;
};

} // namespace feastconsole
