#pragma once

#include "metrics/materializationstatus.h"
#include "registry/materializationsource.h"

#include <QWidget>

class QCheckBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace feastconsole {

class MaterializationFilterModel;
class MetricStore;

// The fleet's materialization: every feature view of every connection with
// its freshness against its TTL (thresholds editable), filterable to the
// stale ones; for the selected view a timeline of the registry's intervals,
// gaps in red, the last end, the TTL deadline and now, plus success/failure
// counts and durations from the metrics when the pipeline provides them
// (metricnames.h: materialization_*; SeriesKey target "project/view").
// The views come decoded (`views`, one result per connection); the page only
// merges them, so a part's arrival costs the GUI thread no protobuf parsing.

class MaterializationPage : public QWidget
{
    Q_OBJECT
public:
    MaterializationPage(const MaterializationResults *views, const MetricStore *store, QWidget *parent = nullptr);

    MaterializationTableModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const;
    QTableView *table() const { return m_table; }
    QCustomPlot *timeline() const { return m_plot; }
    QString metricsText() const;

    void setThresholds(const FreshnessThresholds &thresholds);
    void setProblemsOnly(bool only);
    void setFilterText(const QString &text);
    // Selects a row of the (filtered, sorted) table; -1 clears.
    void selectRow(int proxyRow);
    int selectedSourceRow() const { return m_selected; }

public Q_SLOTS:
    void reload();

Q_SIGNALS:
    void thresholdsEdited(const feastconsole::FreshnessThresholds &thresholds); // by the user

private:
    void showView(int sourceRow);
    void applyThresholds();
    void updateMetrics();

    const MaterializationResults *m_views;
    const MetricStore *m_store;
    MaterializationTableModel *m_model;
    MaterializationFilterModel *m_proxy;
    QLineEdit *m_filter;
    QCheckBox *m_problemsOnly;
    QDoubleSpinBox *m_ttlFactor;
    QDoubleSpinBox *m_absoluteHours;
    QTableView *m_table;
    QCustomPlot *m_plot;
    QLabel *m_summary;
    QLabel *m_metrics;
    QTimer *m_clock;
    int m_selected = -1;
};

} // namespace feastconsole
