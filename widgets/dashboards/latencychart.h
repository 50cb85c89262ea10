#pragma once

#include "metrics/chartscale.h"

#include "dashboards/qcustomplotinclude.h"

#include <QHash>

#include <functional>
#include <optional>

namespace feastconsole {

// One time chart of the SRE dashboards, as an SRE knows them from Grafana: a
// title, the unit on the value axis, a legend below the plot listing each
// series' current/min/max in the window (click an entry: hide or show it;
// double-click or Ctrl/Shift-click: only that series, again: all), labelled
// threshold lines that always stay in view, a value scale the user picks
// (chartscale.h; spikes clipped by the robust scale are marked at the top
// edge) and a crosshair that lists the series' values under the mouse and
// leaves with it. Exports carry the title, the legend and the time range,
// never the crosshair. The page decides what the series are (pure code in
// models/); this class only draws them.
class LatencyChart : public QCustomPlot
{
    Q_OBJECT
public:
    LatencyChart(const QString &title, const QString &unit, QWidget *parent = nullptr);

    QString title() const;
    QString unit() const { return m_unit; }
    void setLegendColumns(int columns);

    QCPGraph *addSeries(const QString &label, const QPen &pen);
    QString seriesLabel(const QCPGraph *graph) const { return m_labels.value(graph); }
    void setSeriesLabel(QCPGraph *graph, const QString &label) { m_labels.insert(graph, label); }
    // Enabled: the page's own filters (the quantile boxes), off the legend.
    // Hidden: the user's legend clicks, greyed in the legend.
    void setSeriesEnabled(QCPGraph *graph, bool enabled);
    bool isSeriesHidden(const QCPGraph *graph) const { return m_hidden.contains(graph); }
    void toggleSeries(QCPGraph *graph);
    void isolateSeries(QCPGraph *graph);
    // The sampled points and, in the legend, their current/min/max in [fromS, toS].
    void setSeriesData(QCPGraph *graph, const QVector<double> &keys, const QVector<double> &values, double fromS, double toS);

    struct Threshold {
        double value = 0;
        QString label;
        QColor color;
        friend bool operator==(const Threshold &, const Threshold &) = default;
    };
    void setThresholds(const QList<Threshold> &thresholds);

    void setValueScale(ValueScale scale);
    ValueScale valueScale() const { return m_scale; }
    // Fits the value axis to `values` (chartscale.h valueAxisRange) and the
    // thresholds, marks the visible points the scale clips, and places the
    // legend (below the plot, when it has entries).
    void fitValues(std::vector<double> values);
    int clippedCount() const;

    // The crosshair asks the page for each shown series' value at a time.
    void setValueLookup(std::function<std::optional<double>(const QCPGraph *, double keySeconds)> lookup);
    void showCrosshairAt(double keySeconds);
    void hideCrosshair();
    bool crosshairVisible() const;
    QString crosshairText() const;

    // PNG or PDF by the file's suffix, `timeRange` under the title.
    bool exportImage(const QString &path, const QString &timeRange);

Q_SIGNALS:
    void seriesVisibilityChanged();

protected:
    void leaveEvent(QEvent *event) override;

private:
    void applyVisibility(QCPGraph *graph);
    void placeLegend();
    void legendClicked(QCPAbstractLegendItem *item, QMouseEvent *event, bool doubleClick);
    QString formatValue(double value) const;

    QString m_unit;
    QCPTextElement *m_title;
    QCPGraph *m_clipped;
    QCPItemText *m_clippedNote;
    QCPItemText *m_emptyNote;
    QCPItemStraightLine *m_crosshair;
    QCPItemText *m_crosshairLabel;
    QHash<const QCPGraph *, QString> m_labels;
    QHash<const QCPGraph *, bool> m_enabled;
    QSet<const QCPGraph *> m_hidden;
    QList<Threshold> m_thresholds;
    QList<QCPAbstractItem *> m_thresholdItems;
    ValueScale m_scale = ValueScale::Robust;
    std::function<std::optional<double>(const QCPGraph *, double)> m_lookup;
};

} // namespace feastconsole
