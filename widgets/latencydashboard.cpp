#include "latencydashboard.h"

#include "metricnames.h"

#include "qcustomplotinclude.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace feastconsole {

namespace {

enum OverviewColumn { TenantCol, StoreCol, P50Col, P99Col, SloP50Col, SloP99Col, StatusCol, OverviewColumns };

const QStringList &quantileMetrics()
{
    static const QStringList metrics{metricnames::latencyP50Ms(), metricnames::latencyP95Ms(),
                                     metricnames::latencyP99Ms(), metricnames::latencyMaxMs()};
    return metrics;
}

QString shortMetric(const QString &metric)
{
    QString s = metric;
    s.remove(QStringLiteral("request_latency_"));
    s.remove(QStringLiteral("latency_"));
    s.remove(QStringLiteral("_ms"));
    return s;
}

QColor statusColor(SloStatus status)
{
    switch (status) {
    case SloStatus::Green: return QColor(0x43, 0xa0, 0x47);
    case SloStatus::Amber: return QColor(0xff, 0xb3, 0x00);
    case SloStatus::Red: return QColor(0xe5, 0x39, 0x35);
    case SloStatus::Unknown: break;
    }
    return QColor(0xbd, 0xbd, 0xbd);
}

QCustomPlot *makeTimePlot(QWidget *parent, const QString &valueLabel)
{
    auto *plot = new QCustomPlot(parent);
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeSpec(Qt::UTC);
    ticker->setDateTimeFormat(QStringLiteral("MM-dd\nHH:mm:ss"));
    plot->xAxis->setTicker(ticker);
    plot->yAxis->setLabel(valueLabel);
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont(plot->font().family(), 8));
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->axisRect()->setRangeDrag(Qt::Horizontal);
    plot->axisRect()->setRangeZoom(Qt::Horizontal);
    plot->setNoAntialiasingOnDrag(true);
    plot->setPlottingHint(QCP::phFastPolylines, true);
    plot->setMinimumHeight(160);
    return plot;
}

} // namespace

const QList<qint64> &LatencyDashboard::rangeChoicesMs()
{
    static const QList<qint64> choices{5 * 60 * 1000LL, 15 * 60 * 1000LL, 3600 * 1000LL, 6 * 3600 * 1000LL,
                                       24 * 3600 * 1000LL, 7 * 24 * 3600 * 1000LL};
    return choices;
}

LatencyDashboard::LatencyDashboard(const MetricStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_latency(makeTimePlot(this, tr("latency (ms)")))
    , m_rates(makeTimePlot(this, tr("per second")))
    , m_breakdown(makeTimePlot(this, tr("p99 (ms)")))
    , m_heatmap(new QCustomPlot(this))
    , m_range(new QComboBox(this))
    , m_liveButton(new QPushButton(tr("Pause"), this))
    , m_heatmapKey(new QComboBox(this))
    , m_overview(new QTableWidget(0, OverviewColumns, this))
    , m_errors(new QLabel(this))
    , m_replotTimer(new QTimer(this))
    , m_liveTimer(new QTimer(this))
    , m_windowTimer(new QTimer(this))
{
    const QStringList rangeNames{tr("5 minutes"), tr("15 minutes"), tr("1 hour"), tr("6 hours"), tr("24 hours"), tr("7 days")};
    for (int i = 0; i < rangeNames.size(); ++i)
        m_range->addItem(rangeNames.at(i), rangeChoicesMs().at(i));
    m_range->setCurrentIndex(2);
    m_liveButton->setCheckable(true);

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Range:"), this));
    controls->addWidget(m_range);
    controls->addWidget(m_liveButton);
    for (const QString &metric : quantileMetrics()) {
        auto *box = new QCheckBox(shortMetric(metric), this);
        box->setChecked(metric != metricnames::latencyP95Ms());
        m_quantiles.insert(metric, box);
        controls->addWidget(box);
        connect(box, &QCheckBox::toggled, this, &LatencyDashboard::scheduleReplot);
    }
    controls->addStretch(1);
    auto *promql = new QPushButton(tr("PromQL…"), this);
    promql->setToolTip(tr("Edit the PromQL templates the Prometheus sources are asked with"));
    auto *probe = new QPushButton(tr("Probe…"), this);
    probe->setToolTip(tr("Probe a feature server with get-online-features requests picked from the catalog"));
    controls->addWidget(promql);
    controls->addWidget(probe);
    connect(promql, &QPushButton::clicked, this, &LatencyDashboard::editPromQlRequested);
    connect(probe, &QPushButton::clicked, this, &LatencyDashboard::probeRequested);
    auto *png = new QPushButton(tr("PNG…"), this);
    auto *pdf = new QPushButton(tr("PDF…"), this);
    auto *csvButton = new QPushButton(tr("CSV…"), this);
    controls->addWidget(png);
    controls->addWidget(pdf);
    controls->addWidget(csvButton);

    m_errors->setWordWrap(true);
    m_errors->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_errors->hide();

    m_overview->setHorizontalHeaderLabels({tr("Tenant"), tr("Online store"), tr("p50 (ms)"), tr("p99 (ms)"),
                                           tr("SLO p50 (ms)"), tr("SLO p99 (ms)"), tr("Status")});
    m_overview->verticalHeader()->hide();
    m_overview->horizontalHeader()->setStretchLastSection(true);
    m_overview->setMaximumHeight(160);

    m_heatmap->setMinimumHeight(140);
    m_heatmapMap = new QCPColorMap(m_heatmap->xAxis, m_heatmap->yAxis);
    m_heatmapMap->setGradient(QCPColorGradient::gpHot);
    m_heatmapMap->setInterpolate(false);
    auto heatTicker = QSharedPointer<QCPAxisTickerDateTime>::create();
    heatTicker->setDateTimeSpec(Qt::UTC);
    heatTicker->setDateTimeFormat(QStringLiteral("MM-dd\nHH:mm:ss"));
    m_heatmap->xAxis->setTicker(heatTicker);
    m_heatmap->yAxis->setLabel(tr("bucket ≤ ms"));
    auto *heatBox = new QWidget(this);
    auto *heatLayout = new QVBoxLayout(heatBox);
    heatLayout->setContentsMargins(0, 0, 0, 0);
    heatLayout->addWidget(m_heatmapKey);
    heatLayout->addWidget(m_heatmap, 1);

    auto *charts = new QSplitter(Qt::Vertical, this);
    charts->addWidget(m_latency);
    charts->addWidget(m_rates);
    charts->addWidget(m_breakdown);
    charts->addWidget(heatBox);
    charts->setStretchFactor(0, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_errors);
    layout->addWidget(m_overview);
    layout->addWidget(charts, 1);

    m_crosshair = new QCPItemStraightLine(m_latency);
    m_crosshair->setPen(QPen(QColor(0x61, 0x61, 0x61), 1, Qt::DotLine));
    m_crosshair->setVisible(false);
    m_crosshairLabel = new QCPItemText(m_latency);
    m_crosshairLabel->setPositionAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_crosshairLabel->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_crosshairLabel->position->setCoords(0.01, 0.01);
    m_crosshairLabel->setBrush(QColor(255, 255, 255, 220));
    m_crosshairLabel->setPadding(QMargins(4, 2, 4, 2));
    m_crosshairLabel->setTextAlignment(Qt::AlignLeft);
    m_crosshairLabel->setVisible(false);
    m_latency->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

    // Throttle: however many points arrive, at most one replot per interval.
    m_replotTimer->setSingleShot(true);
    m_replotTimer->setInterval(250);
    connect(m_replotTimer, &QTimer::timeout, this, &LatencyDashboard::replotNow);
    m_liveTimer->setInterval(1000);
    connect(m_liveTimer, &QTimer::timeout, this, [this] {
        if (m_live && isVisible()) // a hidden page only catches up when shown
            scheduleReplot();
    });
    m_liveTimer->start();

    m_windowTimer->setSingleShot(true);
    m_windowTimer->setInterval(300);
    connect(m_windowTimer, &QTimer::timeout, this, [this] { Q_EMIT windowChanged(m_rangeMs, m_live, viewToMs()); });
    connect(m_range, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_rangeMs = m_range->itemData(index).toLongLong();
        m_windowTimer->start();
        scheduleReplot();
    });
    connect(m_liveButton, &QPushButton::toggled, this, [this](bool paused) { setLive(!paused); });
    connect(m_heatmapKey, &QComboBox::currentIndexChanged, this, &LatencyDashboard::scheduleReplot);
    connect(png, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export PNG"), QStringLiteral("latency.png"), tr("PNG (*.png)"));
        if (!path.isEmpty())
            exportPng(path);
    });
    connect(pdf, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export PDF"), QStringLiteral("latency.pdf"), tr("PDF (*.pdf)"));
        if (!path.isEmpty())
            exportPdf(path);
    });
    connect(csvButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV"), QStringLiteral("latency.csv"), tr("CSV (*.csv)"));
        if (!path.isEmpty())
            exportCsv(path);
    });
    for (QCustomPlot *plot : {m_latency, m_rates, m_breakdown}) {
        connect(plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this, [this, plot](const QCPRange &range) {
            if (m_settingRange)
                return;
            m_settingRange = true;
            for (QCustomPlot *other : {m_latency, m_rates, m_breakdown, m_heatmap}) {
                if (other != plot)
                    other->xAxis->setRange(range);
            }
            m_settingRange = false;
            userMovedRange();
        });
    }
    connect(m_latency, &QCustomPlot::mouseMove, this, [this](QMouseEvent *event) {
        showCrosshairAt(m_latency->xAxis->pixelToCoord(event->position().x()));
    });
    connect(m_overview, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_updatingOverview || (item->column() != SloP50Col && item->column() != SloP99Col))
            return;
        const QString tenant = m_overview->item(item->row(), TenantCol)->text();
        SloThreshold s = slo(tenant);
        bool ok = false;
        const double value = item->text().toDouble(&ok);
        if (ok && value > 0)
            (item->column() == SloP50Col ? s.p50Ms : s.p99Ms) = value;
        setSlo(tenant, s);
        Q_EMIT sloEdited(tenant, s);
    });
    if (m_store) {
        connect(m_store, &MetricStore::updated, this, [this](const SeriesKey &) {
            if (m_live && isVisible())
                scheduleReplot();
        });
        connect(m_store, &MetricStore::errorChanged, this, &LatencyDashboard::updateErrors);
    }
    replotNow();
}

void LatencyDashboard::setTenantStore(const QString &tenant, const QString &onlineStoreType, const QString &redisType)
{
    m_storeTypes.insert(tenant, redisType.compare(u"redis_cluster", Qt::CaseInsensitive) == 0
                                    ? QStringLiteral("redis cluster") : onlineStoreType);
    m_slos.insert(tenant, defaultSlo(onlineStoreType, redisType));
    if (!m_tenantOrder.contains(tenant))
        m_tenantOrder.append(tenant);
    scheduleReplot();
}

void LatencyDashboard::setSlo(const QString &tenant, const SloThreshold &slo)
{
    m_slos.insert(tenant, slo);
    if (!m_tenantOrder.contains(tenant))
        m_tenantOrder.append(tenant);
    scheduleReplot();
}

SloThreshold LatencyDashboard::slo(const QString &tenant) const
{
    return m_slos.value(tenant, defaultSlo(m_storeTypes.value(tenant)));
}

QStringList LatencyDashboard::tenants() const
{
    QStringList all = m_tenantOrder;
    if (m_store) {
        const QList<SeriesKey> keys = m_store->keys();
        for (const SeriesKey &key : keys) {
            if (!all.contains(key.tenant))
                all.append(key.tenant);
        }
    }
    return all;
}

LatencyDashboard::TenantLatency LatencyDashboard::tenantLatency(const QString &tenant) const
{
    // The worst figure of any of the tenant's servers and sources, recent at the end of the window.
    TenantLatency worst;
    if (!m_store)
        return worst;
    const qint64 at = viewToMs();
    const QList<SeriesKey> keys = m_store->keys();
    for (const SeriesKey &key : keys) {
        if (key.tenant != tenant)
            continue;
        std::optional<double> *slot = key.metric == metricnames::latencyP50Ms() ? &worst.p50
            : key.metric == metricnames::latencyP99Ms()                          ? &worst.p99
                                                                                 : nullptr;
        const TimeSeries *series = slot ? m_store->series(key) : nullptr;
        if (!series)
            continue;
        if (const auto value = latestValue(*series, at, std::max<qint64>(60 * 1000, m_rangeMs / 10)))
            *slot = std::max(slot->value_or(*value), *value);
    }
    return worst;
}

SloStatus LatencyDashboard::tenantStatus(const QString &tenant) const
{
    if (!m_store)
        return SloStatus::Unknown;
    const TenantLatency latency = tenantLatency(tenant);
    return sloStatus(latency.p50, latency.p99, slo(tenant));
}

void LatencyDashboard::setRangeMs(qint64 ms)
{
    const qsizetype index = rangeChoicesMs().indexOf(ms);
    if (index >= 0) {
        m_range->setCurrentIndex(int(index));
    } else {
        m_rangeMs = std::clamp<qint64>(ms, rangeChoicesMs().first(), rangeChoicesMs().last());
        m_windowTimer->start();
        scheduleReplot();
    }
}

void LatencyDashboard::setLive(bool live)
{
    if (!live && m_live)
        m_pausedToMs = viewToMs();
    m_live = live;
    {
        const QSignalBlocker block(m_liveButton);
        m_liveButton->setChecked(!live);
        m_liveButton->setText(live ? tr("Pause") : tr("Live"));
    }
    m_windowTimer->start();
    scheduleReplot();
}

qint64 LatencyDashboard::viewToMs() const
{
    return m_live ? QDateTime::currentMSecsSinceEpoch() : m_pausedToMs;
}

qint64 LatencyDashboard::viewFromMs() const
{
    return viewToMs() - m_rangeMs;
}

void LatencyDashboard::userMovedRange()
{
    // Zooming or panning pauses: the user looks at a fixed window.
    const QCPRange range = m_latency->xAxis->range();
    m_pausedToMs = qint64(range.upper * 1000);
    m_rangeMs = std::max<qint64>(1000, qint64(range.size() * 1000));
    if (m_live) {
        m_live = false;
        const QSignalBlocker block(m_liveButton);
        m_liveButton->setChecked(true);
        m_liveButton->setText(tr("Live"));
    }
    m_windowTimer->start();
    scheduleReplot();
}

void LatencyDashboard::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    scheduleReplot();
}

void LatencyDashboard::scheduleReplot()
{
    if (!m_replotTimer->isActive())
        m_replotTimer->start();
}

bool LatencyDashboard::replotPending() const
{
    return m_replotTimer->isActive();
}

QCustomPlot *LatencyDashboard::plotFor(const QString &metric) const
{
    if (quantileMetrics().contains(metric))
        return m_latency;
    if (metric == metricnames::requestRate() || metric == metricnames::errorRate())
        return m_rates;
    if (metric == metricnames::onlineReadP99Ms() || metric == metricnames::transformationP99Ms())
        return m_breakdown;
    return nullptr;
}

QColor LatencyDashboard::tenantColor(const QString &tenant) const
{
    static const QList<QColor> palette{QColor(0x1e, 0x88, 0xe5), QColor(0x8e, 0x24, 0xaa), QColor(0x00, 0x89, 0x7b),
                                       QColor(0xf4, 0x51, 0x1e), QColor(0x6d, 0x4c, 0x41), QColor(0x39, 0x49, 0xab),
                                       QColor(0xc0, 0xca, 0x33), QColor(0xd8, 0x1b, 0x60)};
    const qsizetype index = tenants().indexOf(tenant);
    return palette.at(index < 0 ? 0 : index % palette.size());
}

QCPGraph *LatencyDashboard::graphFor(const SeriesKey &key)
{
    if (QCPGraph *graph = m_graphs.value(key))
        return graph;
    QCustomPlot *plot = plotFor(key.metric);
    if (!plot)
        return nullptr;
    auto *graph = plot->addGraph();
    QPen pen(tenantColor(key.tenant));
    if (key.metric == metricnames::latencyP50Ms() || key.metric == metricnames::onlineReadP99Ms()
        || key.metric == metricnames::requestRate()) {
        pen.setWidthF(1.2);
    } else if (key.metric == metricnames::latencyP95Ms()) {
        pen.setStyle(Qt::DashLine);
    } else if (key.metric == metricnames::latencyMaxMs() || key.metric == metricnames::errorRate()) {
        pen.setStyle(Qt::DotLine);
    } else if (key.metric == metricnames::transformationP99Ms()) {
        pen.setStyle(Qt::DashDotLine);
    } else {
        pen.setWidthF(2.0);
    }
    if (key.source == MetricSource::Probe)
        pen.setColor(pen.color().darker(140));
    graph->setPen(pen);
    graph->setAdaptiveSampling(false); // sampled already, to the pixel
    graph->setName(QStringLiteral("%1 · %2 · %3 (%4)")
                       .arg(key.tenant, key.target, shortMetric(key.metric), metricSourceId(key.source)));
    m_graphs.insert(key, graph);
    return graph;
}

void LatencyDashboard::applyRange()
{
    m_settingRange = true;
    const QCPRange range(double(viewFromMs()) / 1000.0, double(viewToMs()) / 1000.0);
    for (QCustomPlot *plot : {m_latency, m_rates, m_breakdown, m_heatmap})
        plot->xAxis->setRange(range);
    m_settingRange = false;
}

void LatencyDashboard::fitValueAxis(QCustomPlot *plot, double minimumTop)
{
    double top = minimumTop;
    for (int i = 0; i < plot->graphCount(); ++i) {
        QCPGraph *graph = plot->graph(i);
        if (!graph->visible())
            continue;
        bool found = false;
        const QCPRange values = graph->getValueRange(found, QCP::sdBoth, plot->xAxis->range());
        if (found)
            top = std::max(top, values.upper);
    }
    plot->yAxis->setRange(0, top > 0 ? top * 1.1 : 1.0);
}

void LatencyDashboard::replotNow()
{
    m_replotTimer->stop();
    applyRange();
    const qint64 from = viewFromMs(), to = viewToMs();
    QVector<double> keys, values;
    if (m_store) {
        QList<SeriesKey> storeKeys = m_store->keys();
        // A stable order: legends and colours do not move between replots or runs.
        std::sort(storeKeys.begin(), storeKeys.end(), [](const SeriesKey &a, const SeriesKey &b) {
            return std::tie(a.tenant, a.metric, a.target) < std::tie(b.tenant, b.metric, b.target)
                || (std::tie(a.tenant, a.metric, a.target) == std::tie(b.tenant, b.metric, b.target) && a.source < b.source);
        });
        for (const SeriesKey &key : std::as_const(storeKeys)) {
            QCPGraph *graph = graphFor(key);
            if (!graph)
                continue;
            const QCheckBox *box = m_quantiles.value(key.metric);
            const bool shown = !box || box->isChecked();
            graph->setVisible(shown);
            if (shown)
                graph->addToLegend();
            else
                graph->removeFromLegend();
            const TimeSeries *series = m_store->series(key);
            if (!series || !shown) {
                graph->data()->clear();
                continue;
            }
            const int pixels = std::max(100, graph->keyAxis()->axisRect()->width());
            sampleSeries(*series, from, to, pixels, keys, values);
            graph->setData(keys, values, true);
            // A dense line (several points per pixel) gains nothing from
            // antialiasing and costs most of the replot with it.
            graph->setAntialiased(keys.size() < pixels);
        }
    }
    updateSloLines();
    double sloTop = 0;
    for (const QString &tenant : tenants())
        sloTop = std::max(sloTop, slo(tenant).p99Ms);
    fitValueAxis(m_latency, sloTop * 1.05); // SLO lines stay in view
    fitValueAxis(m_rates, 0);
    fitValueAxis(m_breakdown, 0);
    updateHeatmap();
    updateOverview();
    for (QCustomPlot *plot : {m_latency, m_rates, m_breakdown, m_heatmap})
        plot->replot();
}

int LatencyDashboard::shownPointCount() const
{
    int points = 0;
    for (const QCPGraph *graph : m_graphs)
        points += graph->visible() ? graph->dataCount() : 0;
    return points;
}

void LatencyDashboard::updateSloLines()
{
    for (QCPItemStraightLine *line : std::as_const(m_sloLines))
        m_latency->removeItem(line);
    m_sloLines.clear();
    QSet<QString> withData;
    if (m_store) {
        const QList<SeriesKey> keys = m_store->keys();
        for (const SeriesKey &key : keys)
            withData.insert(key.tenant);
    }
    for (const QString &tenant : tenants()) {
        if (!withData.contains(tenant))
            continue;
        const SloThreshold s = slo(tenant);
        for (double value : {s.p50Ms, s.p99Ms}) {
            auto *line = new QCPItemStraightLine(m_latency);
            line->point1->setCoords(0, value);
            line->point2->setCoords(1, value);
            QPen pen(tenantColor(tenant), 1, Qt::DashDotDotLine);
            line->setPen(pen);
            line->setSelectable(false);
            m_sloLines.append(line);
        }
    }
}

void LatencyDashboard::updateOverview()
{
    m_updatingOverview = true;
    const QStringList all = tenants();
    m_overview->setRowCount(int(all.size()));
    for (int row = 0; row < all.size(); ++row) {
        const QString &tenant = all.at(row);
        auto cell = [&](int column, const QString &text, bool editable) {
            QTableWidgetItem *item = m_overview->item(row, column);
            if (!item) {
                item = new QTableWidgetItem;
                m_overview->setItem(row, column, item);
            }
            item->setText(text);
            item->setFlags(editable ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable
                                    : Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            return item;
        };
        const auto [p50, p99] = tenantLatency(tenant);
        const SloThreshold s = slo(tenant);
        const SloStatus status = sloStatus(p50, p99, s);
        auto number = [](std::optional<double> v) { return v ? QString::number(*v, 'f', 2) : QStringLiteral("–"); };
        cell(TenantCol, tenant, false);
        cell(StoreCol, m_storeTypes.value(tenant, tr("unknown")), false);
        cell(P50Col, number(p50), false);
        cell(P99Col, number(p99), false);
        cell(SloP50Col, QString::number(s.p50Ms), true);
        cell(SloP99Col, QString::number(s.p99Ms), true);
        QTableWidgetItem *statusItem = cell(StatusCol, sloStatusId(status), false);
        statusItem->setBackground(statusColor(status));
    }
    m_updatingOverview = false;
}

void LatencyDashboard::updateHeatmap()
{
    if (!m_store)
        return;
    // Offer every histogram series; keep the choice across updates.
    const QString chosen = m_heatmapKey->currentText();
    QList<SeriesKey> histogramKeys = m_store->histogramKeys();
    std::sort(histogramKeys.begin(), histogramKeys.end(), [](const SeriesKey &a, const SeriesKey &b) {
        return std::tie(a.tenant, a.target, a.metric) < std::tie(b.tenant, b.target, b.metric);
    });
    {
        const QSignalBlocker block(m_heatmapKey);
        m_heatmapKey->clear();
        for (const SeriesKey &key : std::as_const(histogramKeys))
            m_heatmapKey->addItem(QStringLiteral("%1 · %2 · %3 (%4)").arg(key.tenant, key.target, key.metric, metricSourceId(key.source)));
        const int index = m_heatmapKey->findText(chosen);
        m_heatmapKey->setCurrentIndex(index >= 0 ? index : 0);
    }
    m_heatmapKey->setVisible(!histogramKeys.isEmpty());
    const int current = m_heatmapKey->currentIndex();
    LatencyHeatmap map;
    if (current >= 0 && current < histogramKeys.size())
        map = latencyHeatmap(*m_store->histograms(histogramKeys.at(current)), viewFromMs(), viewToMs());
    if (map.columns() == 0) {
        m_heatmapMap->data()->clear();
        return;
    }
    m_heatmapMap->data()->setSize(map.columns(), map.rows());
    m_heatmapMap->data()->setRange(QCPRange(double(map.msecs.front()) / 1000.0, double(map.msecs.back()) / 1000.0),
                                   QCPRange(0, map.rows() - 1));
    for (int column = 0; column < map.columns(); ++column) {
        for (int row = 0; row < map.rows(); ++row)
            m_heatmapMap->data()->setCell(column, row, map.cells[size_t(column * map.rows() + row)]);
    }
    m_heatmapMap->setDataRange(QCPRange(0, 1));
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int row = 0; row < map.rows(); ++row) {
        const double bound = map.upperBoundsMs[size_t(row)];
        ticker->addTick(row, std::isinf(bound) ? QStringLiteral("+Inf") : QString::number(bound, 'g', 4));
    }
    m_heatmap->yAxis->setTicker(ticker);
    m_heatmap->yAxis->setRange(-0.5, map.rows() - 0.5);
}

void LatencyDashboard::updateErrors()
{
    const QString text = errorText();
    m_errors->setText(text);
    m_errors->setVisible(!text.isEmpty());
}

QString LatencyDashboard::errorText() const
{
    if (!m_store)
        return {};
    QStringList lines;
    const QList<SeriesKey> keys = m_store->errorKeys();
    for (const SeriesKey &key : keys)
        lines.append(tr("%1 · %2 (%3): %4").arg(key.tenant, key.target, metricSourceId(key.source), m_store->error(key)));
    lines.removeDuplicates();
    lines.sort();
    return lines.join(u'\n');
}

void LatencyDashboard::showCrosshairAt(double keySeconds)
{
    m_crosshair->point1->setCoords(keySeconds, 0);
    m_crosshair->point2->setCoords(keySeconds, 1);
    QStringList lines{QDateTime::fromMSecsSinceEpoch(qint64(keySeconds * 1000), Qt::UTC).toString(Qt::ISODate)};
    for (int i = 0; i < m_latency->graphCount(); ++i) {
        QCPGraph *graph = m_latency->graph(i);
        if (!graph->visible() || graph->data()->isEmpty())
            continue;
        auto it = graph->data()->findBegin(keySeconds, false);
        if (it == graph->data()->constEnd())
            continue;
        lines.append(QStringLiteral("%1: %2 ms").arg(graph->name()).arg(it->value, 0, 'f', 2));
    }
    m_crosshairLabel->setText(lines.join(u'\n'));
    m_crosshair->setVisible(true);
    m_crosshairLabel->setVisible(true);
    m_latency->replot(QCustomPlot::rpQueuedReplot);
}

QString LatencyDashboard::crosshairText() const
{
    return m_crosshairLabel->visible() ? m_crosshairLabel->text() : QString();
}

bool LatencyDashboard::exportPng(const QString &path) const
{
    return m_latency->savePng(path, 0, 0, 1.0, -1, 96);
}

bool LatencyDashboard::exportPdf(const QString &path) const
{
    return m_latency->savePdf(path);
}

QString LatencyDashboard::csv() const
{
    if (!m_store)
        return {};
    QList<SeriesKey> shown;
    for (auto it = m_graphs.cbegin(); it != m_graphs.cend(); ++it) {
        if (it.value()->visible())
            shown.append(it.key());
    }
    std::sort(shown.begin(), shown.end(), [](const SeriesKey &a, const SeriesKey &b) {
        return std::tie(a.tenant, a.target, a.metric) < std::tie(b.tenant, b.target, b.metric)
            || (std::tie(a.tenant, a.target, a.metric) == std::tie(b.tenant, b.target, b.metric) && a.source < b.source);
    });
    return seriesCsv(*m_store, shown, viewFromMs(), viewToMs());
}

bool LatencyDashboard::exportCsv(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(csv().toUtf8()) >= 0;
}

} // namespace feastconsole
