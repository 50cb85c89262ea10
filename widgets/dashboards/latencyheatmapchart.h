#pragma once

#include "metrics/latencyseries.h"

#include "dashboards/qcustomplotinclude.h"

namespace feastconsole {

// The latency dashboard's heat map of one histogram series
// (latencyseries.h latencyHeatmap()): a title, a column per scrape interval,
// rows labelled as buckets ("5–10 ms"), a colour key of the share of requests;
// empty buckets stay blank.
class LatencyHeatmapChart : public QCustomPlot
{
    Q_OBJECT
public:
    explicit LatencyHeatmapChart(QWidget *parent = nullptr);

    void setHeatmap(const LatencyHeatmap &map);
    QCPColorMap *colorMap() const { return m_map; }
    QCPColorScale *colorScale() const { return m_scale; }

private:
    QCPColorMap *m_map;
    QCPColorScale *m_scale;
    QCPItemText *m_empty;
};

} // namespace feastconsole
