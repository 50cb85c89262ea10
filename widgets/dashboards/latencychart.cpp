#include "dashboards/latencychart.h"

#include <QDateTime>
#include <QFileInfo>

#include <cmath>

namespace feastconsole {

namespace {

const QColor mutedText(0x8a, 0x8a, 0x8a);

QSharedPointer<QCPAxisTickerDateTime> timeTicker()
{
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeSpec(Qt::UTC);
    ticker->setDateTimeFormat(QStringLiteral("MM-dd\nHH:mm:ss"));
    return ticker;
}

} // namespace

LatencyChart::LatencyChart(const QString &title, const QString &unit, QWidget *parent)
    : QCustomPlot(parent)
    , m_unit(unit)
{
    const QColor text = palette().color(QPalette::WindowText);
    setBackground(palette().color(QPalette::Base));
    for (QCPAxis *axis : {xAxis, yAxis}) {
        axis->setBasePen(QPen(text));
        axis->setTickPen(QPen(text));
        axis->setSubTickPen(QPen(text));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(mutedText.lighter(150), 0, Qt::DotLine));
    }
    xAxis->setTicker(timeTicker());
    xAxis->setLabel(tr("UTC"));
    yAxis->setLabel(unit);

    m_title = new QCPTextElement(this, title, QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    m_title->setTextColor(text);
    plotLayout()->insertRow(0);
    plotLayout()->addElement(0, 0, m_title);

    // The legend below the plot, never over the lines (placed by placeLegend()).
    axisRect()->insetLayout()->take(legend);
    axisRect()->insetLayout()->simplify();
    legend->setVisible(true);
    legend->setFont(QFont(font().family(), 8));
    legend->setTextColor(text);
    legend->setBorderPen(Qt::NoPen);
    legend->setBrush(Qt::NoBrush);
    legend->setFillOrder(QCPLegend::foColumnsFirst);
    legend->setWrap(3);
    legend->setMargins(QMargins(4, 0, 4, 2));
    legend->setRowSpacing(0);
    legend->setColumnSpacing(16);
    connect(this, &QCustomPlot::legendClick, this,
            [this](QCPLegend *, QCPAbstractLegendItem *item, QMouseEvent *event) { legendClicked(item, event, false); });
    connect(this, &QCustomPlot::legendDoubleClick, this,
            [this](QCPLegend *, QCPAbstractLegendItem *item, QMouseEvent *event) { legendClicked(item, event, true); });

    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    axisRect()->setRangeDrag(Qt::Horizontal);
    axisRect()->setRangeZoom(Qt::Horizontal);
    setNoAntialiasingOnDrag(true);
    setPlottingHint(QCP::phFastPolylines, true);
    setMinimumHeight(220);

    m_clipped = addGraph();
    m_clipped->setLineStyle(QCPGraph::lsNone);
    m_clipped->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangle, QColor(0xd5, 0x5e, 0x00), QColor(0xd5, 0x5e, 0x00), 7));
    m_clipped->removeFromLegend();
    m_clipped->setSelectable(QCP::stNone);
    m_clipped->setName(tr("clipped"));
    m_clippedNote = new QCPItemText(this);
    m_clippedNote->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_clippedNote->position->setCoords(0.995, 0.01);
    m_clippedNote->setPositionAlignment(Qt::AlignTop | Qt::AlignRight);
    m_clippedNote->setColor(QColor(0xd5, 0x5e, 0x00));
    m_clippedNote->setFont(QFont(font().family(), 8));
    m_clippedNote->setVisible(false);
    m_emptyNote = new QCPItemText(this);
    m_emptyNote->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_emptyNote->position->setCoords(0.5, 0.5);
    m_emptyNote->setText(tr("No data in this time range"));
    m_emptyNote->setColor(mutedText);

    // The crosshair on a layer of its own, redrawn without the lines below it.
    addLayer(QStringLiteral("overlay"), layer(QStringLiteral("legend")), QCustomPlot::limAbove);
    layer(QStringLiteral("overlay"))->setMode(QCPLayer::lmBuffered);
    m_crosshair = new QCPItemStraightLine(this);
    m_crosshair->setLayer(QStringLiteral("overlay"));
    m_crosshair->setPen(QPen(mutedText, 1, Qt::DashLine));
    m_crosshair->setVisible(false);
    m_crosshairLabel = new QCPItemText(this);
    m_crosshairLabel->setLayer(QStringLiteral("overlay"));
    m_crosshairLabel->setPositionAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_crosshairLabel->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_crosshairLabel->position->setCoords(0.01, 0.01);
    m_crosshairLabel->setColor(text);
    m_crosshairLabel->setBrush(palette().color(QPalette::ToolTipBase));
    m_crosshairLabel->setPen(QPen(mutedText));
    m_crosshairLabel->setPadding(QMargins(4, 2, 4, 2));
    m_crosshairLabel->setTextAlignment(Qt::AlignLeft);
    m_crosshairLabel->setVisible(false);
    connect(this, &QCustomPlot::mouseMove, this, [this](QMouseEvent *event) {
        if (axisRect()->rect().contains(event->position().toPoint()))
            showCrosshairAt(xAxis->pixelToCoord(event->position().x()));
        else
            hideCrosshair();
    });
}

void LatencyChart::placeLegend()
{
    // An empty legend in the layout would cap the plot's width: only with entries.
    const bool entries = legend->itemCount() > 0;
    if (entries && !legend->layout()) {
        plotLayout()->addElement(2, 0, legend);
        plotLayout()->setRowStretchFactor(2, 0.001);
    } else if (!entries && legend->layout()) {
        plotLayout()->take(legend);
        plotLayout()->simplify();
    }
}

void LatencyChart::setLegendColumns(int columns)
{
    if (legend->wrap() == columns)
        return;
    legend->setWrap(columns);
    legend->setFillOrder(QCPLegend::foColumnsFirst, true); // re-wraps the entries
}

QString LatencyChart::title() const
{
    return m_title->text();
}

QCPGraph *LatencyChart::addSeries(const QString &label, const QPen &pen)
{
    QCPGraph *graph = addGraph();
    graph->setPen(pen);
    graph->setAdaptiveSampling(false); // sampled already, to the pixel
    graph->setName(label);
    m_labels.insert(graph, label);
    m_enabled.insert(graph, true);
    return graph;
}

void LatencyChart::applyVisibility(QCPGraph *graph)
{
    const bool enabled = m_enabled.value(graph, true);
    graph->setVisible(enabled && !m_hidden.contains(graph));
    if (!enabled) {
        graph->removeFromLegend();
        return;
    }
    graph->addToLegend();
    if (QCPPlottableLegendItem *item = legend->itemWithPlottable(graph))
        item->setTextColor(m_hidden.contains(graph) ? mutedText : legend->textColor());
}

void LatencyChart::setSeriesEnabled(QCPGraph *graph, bool enabled)
{
    m_enabled.insert(graph, enabled);
    applyVisibility(graph);
}

void LatencyChart::toggleSeries(QCPGraph *graph)
{
    if (!m_hidden.remove(graph))
        m_hidden.insert(graph);
    applyVisibility(graph);
    Q_EMIT seriesVisibilityChanged();
}

void LatencyChart::isolateSeries(QCPGraph *graph)
{
    // Only this one shown already (all the others hidden): show them all again.
    bool othersHidden = true;
    for (auto it = m_labels.cbegin(); it != m_labels.cend(); ++it)
        othersHidden &= it.key() == graph || !m_enabled.value(it.key()) || m_hidden.contains(it.key());
    m_hidden.clear();
    if (!othersHidden) {
        for (auto it = m_labels.cbegin(); it != m_labels.cend(); ++it) {
            if (it.key() != graph)
                m_hidden.insert(it.key());
        }
    }
    for (int i = 0; i < graphCount(); ++i) {
        if (m_labels.contains(this->graph(i)))
            applyVisibility(this->graph(i));
    }
    Q_EMIT seriesVisibilityChanged();
}

void LatencyChart::legendClicked(QCPAbstractLegendItem *item, QMouseEvent *event, bool doubleClick)
{
    auto *entry = qobject_cast<QCPPlottableLegendItem *>(item);
    auto *graph = entry ? qobject_cast<QCPGraph *>(entry->plottable()) : nullptr;
    if (!graph || !m_labels.contains(graph))
        return;
    const bool isolate = doubleClick || (event && (event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier | Qt::MetaModifier)));
    if (isolate)
        isolateSeries(graph);
    else
        toggleSeries(graph);
    replot(rpQueuedReplot);
}

QString LatencyChart::formatValue(double value) const
{
    const double magnitude = std::abs(value);
    return QString::number(value, 'f', magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2);
}

void LatencyChart::setSeriesData(QCPGraph *graph, const QVector<double> &keys, const QVector<double> &values, double fromS,
                                 double toS)
{
    graph->setData(keys, values, true);
    const QString label = m_labels.value(graph);
    const std::optional<SeriesStats> stats = seriesStats(keys, values, fromS, toS);
    const QString name = stats ? tr("%1   now %2 · min %3 · max %4 %5")
                                     .arg(label, formatValue(stats->current), formatValue(stats->min),
                                          formatValue(stats->max), m_unit)
                               : tr("%1   no data in range").arg(label);
    if (graph->name() != name)
        graph->setName(name);
}

void LatencyChart::setThresholds(const QList<Threshold> &thresholds)
{
    if (thresholds == m_thresholds)
        return;
    m_thresholds = thresholds;
    for (QCPAbstractItem *item : std::as_const(m_thresholdItems))
        removeItem(item);
    m_thresholdItems.clear();
    for (const Threshold &t : thresholds) {
        auto *line = new QCPItemStraightLine(this);
        line->point1->setCoords(0, t.value);
        line->point2->setCoords(1, t.value);
        line->setPen(QPen(t.color, 1.2, Qt::DashLine));
        line->setSelectable(false);
        auto *label = new QCPItemText(this);
        label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
        label->position->setTypeY(QCPItemPosition::ptPlotCoords);
        label->position->setCoords(0.005, t.value);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
        label->setText(t.label);
        label->setColor(t.color);
        label->setFont(QFont(font().family(), 8, QFont::DemiBold));
        label->setClipToAxisRect(true);
        label->setSelectable(false);
        m_thresholdItems << line << label;
    }
}

void LatencyChart::setValueScale(ValueScale scale)
{
    m_scale = scale;
    const bool log = scale == ValueScale::Log;
    yAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log)
        yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    yAxis->setLabel(log ? tr("%1 (log)").arg(m_unit) : m_unit);
}

void LatencyChart::fitValues(std::vector<double> values)
{
    std::vector<double> mustShow;
    for (const Threshold &t : std::as_const(m_thresholds))
        mustShow.push_back(t.value);
    bool anyData = false;
    for (int i = 0; i < graphCount() && !anyData; ++i)
        anyData = graph(i) != m_clipped && graph(i)->visible() && !graph(i)->data()->isEmpty();
    m_emptyNote->setVisible(!anyData);
    placeLegend();
    const ValueRange range = valueAxisRange(std::move(values), mustShow, m_scale);
    yAxis->setRange(range.lower, range.upper);

    // Mark what the scale clips: a triangle at the top edge, at most one per
    // few pixels (a dense series would otherwise draw thousands).
    QVector<double> keys, tops;
    double highest = range.upper;
    const double edge = range.logarithmic ? range.upper / 1.04 : range.upper * 0.985;
    const double minGapPixels = 6;
    for (int i = 0; i < graphCount(); ++i) {
        const QCPGraph *g = graph(i);
        if (g == m_clipped || !g->visible())
            continue;
        double lastPixel = -1e9;
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
            if (it->value <= range.upper)
                continue;
            highest = std::max(highest, it->value);
            const double pixel = xAxis->coordToPixel(it->key);
            if (pixel - lastPixel < minGapPixels)
                continue;
            lastPixel = pixel;
            keys.append(it->key);
            tops.append(edge);
        }
    }
    m_clipped->setData(keys, tops, false);
    m_clippedNote->setVisible(!keys.isEmpty());
    if (!keys.isEmpty())
        m_clippedNote->setText(tr("▲ spikes above the scale, up to %1 %2").arg(formatValue(highest), m_unit));
}

int LatencyChart::clippedCount() const
{
    return m_clipped->dataCount();
}

void LatencyChart::setValueLookup(std::function<std::optional<double>(const QCPGraph *, double)> lookup)
{
    m_lookup = std::move(lookup);
}

void LatencyChart::showCrosshairAt(double keySeconds)
{
    m_crosshair->point1->setCoords(keySeconds, 0);
    m_crosshair->point2->setCoords(keySeconds, 1);
    QStringList lines{QDateTime::fromMSecsSinceEpoch(qint64(keySeconds * 1000), Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))};
    for (int i = 0; i < graphCount(); ++i) {
        const QCPGraph *g = graph(i);
        if (!g->visible() || !m_labels.contains(g) || !m_lookup)
            continue;
        if (const std::optional<double> value = m_lookup(g, keySeconds))
            lines.append(QStringLiteral("%1: %2 %3").arg(m_labels.value(g), formatValue(*value), m_unit));
    }
    m_crosshairLabel->setText(lines.join(u'\n'));
    // Keep the box on the side away from the mouse.
    const double ratio = (keySeconds - xAxis->range().lower) / std::max(1e-9, xAxis->range().size());
    const bool right = ratio < 0.5;
    m_crosshairLabel->position->setCoords(right ? 0.99 : 0.01, 0.01);
    m_crosshairLabel->setPositionAlignment(Qt::AlignTop | (right ? Qt::AlignRight : Qt::AlignLeft));
    m_crosshair->setVisible(true);
    m_crosshairLabel->setVisible(true);
    layer(QStringLiteral("overlay"))->replot();
}

void LatencyChart::hideCrosshair()
{
    if (!m_crosshair->visible())
        return;
    m_crosshair->setVisible(false);
    m_crosshairLabel->setVisible(false);
    layer(QStringLiteral("overlay"))->replot();
}

bool LatencyChart::crosshairVisible() const
{
    return m_crosshair->visible();
}

QString LatencyChart::crosshairText() const
{
    return m_crosshairLabel->visible() ? m_crosshairLabel->text() : QString();
}

void LatencyChart::leaveEvent(QEvent *event)
{
    QCustomPlot::leaveEvent(event);
    hideCrosshair();
}

bool LatencyChart::exportImage(const QString &path, const QString &timeRange)
{
    // The hover overlay is the user's, not the report's.
    const bool crosshair = m_crosshair->visible();
    m_crosshair->setVisible(false);
    m_crosshairLabel->setVisible(false);
    const QString title = m_title->text();
    m_title->setText(title + u'\n' + timeRange);
    const int w = std::max(width(), 1000), h = std::max(height(), 560);
    const bool pdf = QFileInfo(path).suffix().compare(u"pdf", Qt::CaseInsensitive) == 0;
    const bool ok = pdf ? savePdf(path, w, h) : savePng(path, w, h, 1.0, -1, 96);
    m_title->setText(title);
    m_crosshair->setVisible(crosshair);
    m_crosshairLabel->setVisible(crosshair);
    replot(rpQueuedReplot);
    return ok;
}

} // namespace feastconsole
