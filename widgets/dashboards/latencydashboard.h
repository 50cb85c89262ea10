#pragma once

#include "metrics/chartpalette.h"
#include "metrics/chartscale.h"
#include "metrics/latencyseries.h"
#include "metrics/metricstore.h"
#include "health/tenantlatency.h"

#include <QHash>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QCPColorScale;
class QCPGraph;
class QCPTextElement;
class QCustomPlot;
class QLabel;
class QPushButton;
class QTableWidget;
class QTimer;

namespace feastconsole {

class LatencyChart;
class LatencyHeatmapChart;

// Latency of every tenant's online feature servers from MetricStore: p50, p95,
// p99 and max over time (several tenants on one chart, each line naming its
// source: scrape, prometheus or probe), request and error rates, online-store
// read vs transformation vs total p99, a heat map of the latency histograms,
// and an overview grid with each tenant's SLO status (red/amber/green), each
// figure naming its source, whose objectives are editable. Every chart is a
// LatencyChart (title, unit, legend with current/min/max that hides and
// isolates series, labelled SLO lines always in view, the value scale the
// user picks, remembered); a series keeps its palette colour (chartpalette.h)
// by tenant, source and metric. Time range 5 min to 7 days, live or paused,
// zoom and pan (which pause), a crosshair, export PNG/PDF/CSV. Replots are
// throttled by a single-shot timer and every line is sampled to the chart's
// pixel width (latencyseries.h).
class LatencyDashboard : public QWidget
{
    Q_OBJECT
public:
    explicit LatencyDashboard(const MetricStore *store, QWidget *parent = nullptr);

    // The tenant's online store type sets its default SLO (defaultSlo()).
    void setTenantStore(const QString &tenant, const QString &onlineStoreType, const QString &redisType = {});
    // The name the grid and the charts show for a tenant key of the metrics:
    // the feeds key a connection's figures by its `tenant`, or by the
    // connection's name when it has none (dashboardpages.cpp resolves that to
    // the tenant the catalog knows).
    void setTenantLabel(const QString &tenant, const QString &label);
    QString tenantLabel(const QString &tenant) const;
    void setSlo(const QString &tenant, const SloThreshold &slo);
    // Every tenant's store, label and SLO at once (tenantObjectives()).
    void setObjectives(const TenantObjectives &objectives);
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

    // The value axes' scale; the user's choice is kept in AppSettings.
    void setValueScale(ValueScale scale);
    ValueScale valueScale() const;

    // The latency chart with its title, legend and the shown time range.
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

    QString timeRangeText() const; // "2026-12-04 16:51 – 17:51 UTC"
    LatencyChart *latencyChart() const { return m_latency; }
    QCustomPlot *latencyPlot() const;
    QCustomPlot *ratePlot() const;
    QCustomPlot *breakdownPlot() const;
    QCPGraph *graphOf(const SeriesKey &key) const { return m_graphs.value(key); }
    QCPColorScale *heatmapColorScale() const;
    QCustomPlot *heatmapPlot() const;
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
    QHBoxLayout *controlsBar();
    TenantLatency tenantLatency(const QString &tenant) const;
    void scheduleReplot();
    QCPGraph *graphFor(const SeriesKey &key);
    LatencyChart *chartFor(const QString &metric) const;
    QList<LatencyChart *> charts() const;
    QList<QCustomPlot *> plots() const; // the charts and the heat map
    QString seriesLabel(const SeriesKey &key) const;
    void applyRange();
    void updateSloLines();
    void updateOverview();
    void updateHeatmap();
    void updateErrors();
    void userMovedRange();

    const MetricStore *m_store;
    LatencyChart *m_latency;
    LatencyChart *m_rates;
    LatencyChart *m_breakdown;
    LatencyHeatmapChart *m_heatmap;
    QComboBox *m_range;
    QComboBox *m_scale;
    QPushButton *m_liveButton;
    QHash<QString, QCheckBox *> m_quantiles; // metric -> shown
    QComboBox *m_heatmapKey;
    QTableWidget *m_overview;
    QLabel *m_errors;
    QTimer *m_replotTimer;
    QTimer *m_liveTimer;
    QTimer *m_windowTimer;

    SeriesPalette m_palette;
    QHash<SeriesKey, QCPGraph *> m_graphs;
    QHash<const QCPGraph *, SeriesKey> m_keyOf;
    TenantObjectives m_objectives;
    qint64 m_rangeMs = 3600 * 1000;
    qint64 m_pausedToMs = 0;
    bool m_live = true;
    bool m_settingRange = false;
    bool m_updatingOverview = false;
};

} // namespace feastconsole
