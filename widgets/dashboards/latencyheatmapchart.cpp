#include "dashboards/latencyheatmapchart.h"

namespace feastconsole {

LatencyHeatmapChart::LatencyHeatmapChart(QWidget *parent)
    : QCustomPlot(parent)
{
    const QColor text = palette().color(QPalette::WindowText);
    setBackground(palette().color(QPalette::Base));
    setMinimumHeight(200);
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, new QCPTextElement(this, tr("Latency distribution (share of requests per bucket)"),
                                                  QFont(font().family(), font().pointSize() + 1, QFont::Bold)));
    m_map = new QCPColorMap(xAxis, yAxis);
    m_map->setInterpolate(false);
    // A sequential scale from pale to dark; empty buckets (NaN) stay blank.
    QCPColorGradient gradient;
    gradient.setColorStops({{0.0, QColor(0xfd, 0xd4, 0x9e)}, {0.3, QColor(0xfd, 0xae, 0x61)}, {0.6, QColor(0xe6, 0x55, 0x0d)},
                            {1.0, QColor(0x7f, 0x27, 0x04)}});
    gradient.setNanHandling(QCPColorGradient::nhTransparent);
    m_scale = new QCPColorScale(this);
    plotLayout()->addElement(1, 1, m_scale);
    m_scale->setType(QCPAxis::atRight);
    m_scale->setLabel(tr("share of requests"));
    m_scale->setDataRange(QCPRange(0, 1));
    auto percent = QSharedPointer<QCPAxisTickerText>::create();
    for (int p = 0; p <= 100; p += 25)
        percent->addTick(p / 100.0, QStringLiteral("%1 %").arg(p));
    m_scale->axis()->setTicker(percent);
    m_map->setColorScale(m_scale);
    m_scale->setGradient(gradient); // the map follows its scale
    m_map->setDataRange(QCPRange(0, 1));
    auto *margins = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    auto heatTicker = QSharedPointer<QCPAxisTickerDateTime>::create();
    heatTicker->setDateTimeSpec(Qt::UTC);
    heatTicker->setDateTimeFormat(QStringLiteral("MM-dd\nHH:mm:ss"));
    xAxis->setTicker(heatTicker);
    xAxis->setLabel(tr("UTC"));
    yAxis->setLabel(tr("latency bucket"));
    for (QCPAxis *axis : {xAxis, yAxis, m_scale->axis()}) {
        axis->setBasePen(QPen(text));
        axis->setTickPen(QPen(text));
        axis->setSubTickPen(QPen(text));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
    }
    yAxis->grid()->setVisible(false);
    yAxis->setTicks(false);
    m_empty = new QCPItemText(this);
    m_empty->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_empty->position->setCoords(0.5, 0.5);
    m_empty->setText(tr("No latency histogram in this time range"));
    m_empty->setColor(QColor(0x8a, 0x8a, 0x8a));
}


void LatencyHeatmapChart::setHeatmap(const LatencyHeatmap &map)
{
    m_empty->setVisible(map.columns() == 0);
    yAxis->setTicks(map.columns() > 0);
    if (map.columns() == 0) {
        m_map->data()->clear();
        return;
    }
    m_map->data()->setSize(map.columns(), map.rows());
    m_map->data()->setRange(QCPRange(double(map.msecs.front()) / 1000.0, double(map.msecs.back()) / 1000.0),
                            QCPRange(0, map.rows() - 1));
    for (int column = 0; column < map.columns(); ++column) {
        for (int row = 0; row < map.rows(); ++row)
            m_map->data()->setCell(column, row, map.cells[size_t(column * map.rows() + row)]);
    }
    m_map->setDataRange(QCPRange(0, 1));
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const QStringList labels = bucketLabels(map.upperBoundsMs);
    for (int row = 0; row < map.rows(); ++row)
        ticker->addTick(row, labels.at(row));
    yAxis->setTicker(ticker);
    yAxis->setRange(-0.5, map.rows() - 0.5);
}


} // namespace feastconsole
