#include "dashboards/latencydashboard.h"

#include "appsettings.h"
#include "dashboards/latencychart.h"
#include "dashboards/latencyheatmapchart.h"
#include "metrics/metricnames.h"

#include "dashboards/qcustomplotinclude.h"

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
#include <QUrl>
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

// Line styles tell the metrics of a chart apart; colours tell the series.
QPen metricPen(const QString &metric, const QColor &color)
{
    QPen pen(color, 1.6);
    if (metric == metricnames::latencyP99Ms())
        pen.setWidthF(2.2);
    else if (metric == metricnames::latencyP95Ms())
        pen.setStyle(Qt::DashLine);
    else if (metric == metricnames::latencyMaxMs() || metric == metricnames::errorRate())
        pen.setStyle(Qt::DotLine);
    else if (metric == metricnames::transformationP99Ms())
        pen.setStyle(Qt::DashDotLine);
    return pen;
}

QString hostOf(const QString &target)
{
    const QUrl url(target);
    return url.host().isEmpty() ? target : url.port() > 0 ? url.host() + u':' + QString::number(url.port()) : url.host();
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
    , m_latency(new LatencyChart(tr("Request latency"), tr("ms"), this))
    , m_rates(new LatencyChart(tr("Requests and errors"), tr("req/s"), this))
    , m_breakdown(new LatencyChart(tr("p99: online store read vs transformation"), tr("ms"), this))
    , m_heatmap(new LatencyHeatmapChart(this))
    , m_range(new QComboBox(this))
    , m_scale(new QComboBox(this))
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
    m_scale->setObjectName(QStringLiteral("valueScale"));
    m_scale->addItem(tr("Robust (clip spikes)"), valueScaleId(ValueScale::Robust));
    m_scale->addItem(tr("Full range"), valueScaleId(ValueScale::Full));
    m_scale->addItem(tr("Logarithmic"), valueScaleId(ValueScale::Log));
    m_scale->setToolTip(tr("Value axes: robust ignores the top 1 % (spikes are clipped and marked ▲), full shows every point, "
                           "logarithmic shows both"));

    QHBoxLayout *controls = controlsBar();

    m_errors->setWordWrap(true);
    m_errors->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_errors->hide();

    m_overview->setHorizontalHeaderLabels({tr("Tenant"), tr("Online store"), tr("p50 (ms) · source"), tr("p99 (ms) · source"),
                                           tr("SLO p50 (ms)"), tr("SLO p99 (ms)"), tr("Status")});
    m_overview->verticalHeader()->hide();
    m_overview->horizontalHeader()->setStretchLastSection(true);
    m_overview->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_overview->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_overview->setMaximumHeight(fontMetrics().height() * 7 + 12);

    auto *heatBox = new QWidget(this);
    auto *heatLayout = new QVBoxLayout(heatBox);
    heatLayout->setContentsMargins(0, 0, 0, 0);
    heatLayout->addWidget(m_heatmapKey);
    heatLayout->addWidget(m_heatmap, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_latency);
    splitter->addWidget(m_rates);
    splitter->addWidget(m_breakdown);
    splitter->addWidget(heatBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 2);
    splitter->setStretchFactor(3, 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_errors);
    layout->addWidget(m_overview);
    layout->addWidget(splitter, 1);

    for (LatencyChart *chart : charts()) {
        chart->setValueLookup([this](const QCPGraph *graph, double keySeconds) -> std::optional<double> {
            const TimeSeries *series = m_store && m_keyOf.contains(graph) ? m_store->series(m_keyOf.value(graph)) : nullptr;
            return series ? valueAt(*series, qint64(std::llround(keySeconds * 1000))) : std::nullopt;
        });
        connect(chart, &LatencyChart::seriesVisibilityChanged, this, &LatencyDashboard::scheduleReplot);
    }

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
    setValueScale(valueScaleFromId(AppSettings().latencyValueScale()).value_or(ValueScale::Robust));
    connect(m_scale, &QComboBox::currentIndexChanged, this, [this](int index) {
        const ValueScale scale = valueScaleFromId(m_scale->itemData(index).toString()).value_or(ValueScale::Robust);
        AppSettings().setLatencyValueScale(valueScaleId(scale));
        setValueScale(scale);
    });
    connect(m_liveButton, &QPushButton::toggled, this, [this](bool paused) { setLive(!paused); });
    connect(m_heatmapKey, &QComboBox::currentIndexChanged, this, &LatencyDashboard::scheduleReplot);
    for (LatencyChart *plot : charts()) {
        connect(plot->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this, [this, plot](const QCPRange &range) {
            if (m_settingRange)
                return;
            m_settingRange = true;
            for (QCustomPlot *other : plots()) {
                if (other != plot)
                    other->xAxis->setRange(range);
            }
            m_settingRange = false;
            userMovedRange();
        });
    }
    connect(m_overview, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_updatingOverview || (item->column() != SloP50Col && item->column() != SloP99Col))
            return;
        const QString tenant = m_overview->item(item->row(), TenantCol)->data(Qt::UserRole).toString();
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

// Range, pause, scale and quantile choices, the PromQL… and Probe… buttons,
// and the exports.
QHBoxLayout *LatencyDashboard::controlsBar()
{
    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Range:"), this));
    controls->addWidget(m_range);
    controls->addWidget(m_liveButton);
    controls->addWidget(new QLabel(tr("Scale:"), this));
    controls->addWidget(m_scale);
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
    return controls;
}


QList<LatencyChart *> LatencyDashboard::charts() const
{
    return {m_latency, m_rates, m_breakdown};
}

QList<QCustomPlot *> LatencyDashboard::plots() const
{
    return {m_latency, m_rates, m_breakdown, m_heatmap};
}

QCustomPlot *LatencyDashboard::latencyPlot() const
{
    return m_latency;
}

QCustomPlot *LatencyDashboard::ratePlot() const
{
    return m_rates;
}

QCustomPlot *LatencyDashboard::breakdownPlot() const
{
    return m_breakdown;
}

QCustomPlot *LatencyDashboard::heatmapPlot() const
{
    return m_heatmap;
}

QCPColorScale *LatencyDashboard::heatmapColorScale() const
{
    return m_heatmap->colorScale();
}

void LatencyDashboard::setValueScale(ValueScale scale)
{
    {
        const QSignalBlocker block(m_scale);
        m_scale->setCurrentIndex(m_scale->findData(valueScaleId(scale)));
    }
    for (LatencyChart *chart : charts())
        chart->setValueScale(scale);
    scheduleReplot();
}

ValueScale LatencyDashboard::valueScale() const
{
    return m_latency->valueScale();
}

void LatencyDashboard::setTenantStore(const QString &tenant, const QString &onlineStoreType, const QString &redisType)
{
    m_objectives.setStore(tenant, onlineStoreType, redisType);
    scheduleReplot();
}

void LatencyDashboard::setTenantLabel(const QString &tenant, const QString &label)
{
    m_objectives.setLabel(tenant, label);
    scheduleReplot();
}

QString LatencyDashboard::tenantLabel(const QString &tenant) const
{
    return m_objectives.label(tenant);
}

void LatencyDashboard::setSlo(const QString &tenant, const SloThreshold &slo)
{
    m_objectives.setSlo(tenant, slo);
    scheduleReplot();
}

void LatencyDashboard::setObjectives(const TenantObjectives &objectives)
{
    m_objectives = objectives;
    scheduleReplot();
}

SloThreshold LatencyDashboard::slo(const QString &tenant) const
{
    return m_objectives.slo(tenant);
}

QStringList LatencyDashboard::tenants() const
{
    return dashboardTenants(m_objectives, m_store);
}

TenantLatency LatencyDashboard::tenantLatency(const QString &tenant) const
{
    // The worst figure of any of the tenant's servers and sources, recent at the end of the window.
    if (!m_store)
        return {};
    return worstRecentLatency(*m_store, tenant, viewToMs(), std::max<qint64>(60 * 1000, m_rangeMs / 10));
}

SloStatus LatencyDashboard::tenantStatus(const QString &tenant) const
{
    if (!m_store)
        return SloStatus::Unknown;
    return sloStatusOf(tenantLatency(tenant), slo(tenant));
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

QString LatencyDashboard::timeRangeText() const
{
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(viewFromMs(), Qt::UTC);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(viewToMs(), Qt::UTC);
    const QString format = QStringLiteral("yyyy-MM-dd HH:mm:ss");
    return tr("%1 – %2 UTC").arg(from.toString(format), from.date() == to.date() ? to.toString(QStringLiteral("HH:mm:ss")) : to.toString(format));
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

LatencyChart *LatencyDashboard::chartFor(const QString &metric) const
{
    if (quantileMetrics().contains(metric))
        return m_latency;
    if (metric == metricnames::requestRate() || metric == metricnames::errorRate())
        return m_rates;
    if (metric == metricnames::onlineReadP99Ms() || metric == metricnames::transformationP99Ms())
        return m_breakdown;
    return nullptr;
}

QString LatencyDashboard::seriesLabel(const SeriesKey &key) const
{
    // The server only when the tenant has more than one for this metric and source.
    bool several = false;
    if (m_store) {
        const QList<SeriesKey> keys = m_store->keys();
        for (const SeriesKey &other : keys)
            several |= other.tenant == key.tenant && other.metric == key.metric && other.source == key.source && other.target != key.target;
    }
    QString label = QStringLiteral("%1 %2 · %3").arg(tenantLabel(key.tenant), shortMetric(key.metric), metricSourceId(key.source));
    if (several)
        label += QStringLiteral(" · %1").arg(hostOf(key.target));
    return label;
}

QCPGraph *LatencyDashboard::graphFor(const SeriesKey &key)
{
    if (QCPGraph *graph = m_graphs.value(key))
        return graph;
    LatencyChart *chart = chartFor(key.metric);
    if (!chart)
        return nullptr;
    const quint32 rgb = m_palette.colorFor(seriesColorKey(key.tenant, metricSourceId(key.source), key.metric), chart->title());
    const quint32 readable = readableOn(rgb, palette().color(QPalette::Base).rgb() & 0xffffff);
    QCPGraph *graph = chart->addSeries(seriesLabel(key), metricPen(key.metric, QColor::fromRgb(QRgb(readable))));
    m_graphs.insert(key, graph);
    m_keyOf.insert(graph, key);
    return graph;
}

void LatencyDashboard::applyRange()
{
    m_settingRange = true;
    const QCPRange range(double(viewFromMs()) / 1000.0, double(viewToMs()) / 1000.0);
    for (QCustomPlot *plot : plots())
        plot->xAxis->setRange(range);
    m_settingRange = false;
}

void LatencyDashboard::replotNow()
{
    m_replotTimer->stop();
    applyRange();
    const qint64 from = viewFromMs(), to = viewToMs();
    const double fromS = double(from) / 1000.0, toS = double(to) / 1000.0;
    QVector<double> keys, values;
    QHash<LatencyChart *, std::vector<double>> spread; // what each chart's value axis fits
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
            auto *chart = static_cast<LatencyChart *>(graph->parentPlot());
            chart->setSeriesLabel(graph, seriesLabel(key)); // tenant labels and servers may have come since
            const QCheckBox *box = m_quantiles.value(key.metric);
            const bool enabled = !box || box->isChecked();
            chart->setSeriesEnabled(graph, enabled);
            const TimeSeries *series = m_store->series(key);
            if (!series || !enabled) {
                graph->data()->clear();
                continue;
            }
            const int pixels = std::max(100, graph->keyAxis()->axisRect()->width());
            sampleSeries(*series, from, to, pixels, keys, values);
            chart->setSeriesData(graph, keys, values, fromS, toS);
            // A dense line (several points per pixel) gains nothing from
            // antialiasing and costs most of the replot with it.
            graph->setAntialiased(keys.size() < pixels);
            if (!graph->visible())
                continue;
            std::vector<double> &chartValues = spread[chart];
            strideSample(*series, from, to, 2048, chartValues);
            if (const auto stats = seriesStats(keys, values, fromS, toS)) {
                chartValues.push_back(stats->min);
                chartValues.push_back(stats->max);
            }
        }
    }
    updateSloLines();
    for (LatencyChart *chart : charts()) {
        chart->setLegendColumns(std::max(1, chart->width() / 420));
        chart->fitValues(spread.take(chart));
    }
    updateHeatmap();
    updateOverview();
    for (QCustomPlot *plot : plots())
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
    QSet<QString> withData;
    if (m_store) {
        const QList<SeriesKey> keys = m_store->keys();
        for (const SeriesKey &key : keys)
            withData.insert(key.tenant);
    }
    QList<std::pair<QString, SloThreshold>> objectives;
    for (const QString &tenant : tenants()) {
        if (withData.contains(tenant))
            objectives.append({tenantLabel(tenant), slo(tenant)});
    }
    QList<LatencyChart::Threshold> thresholds;
    const quint32 background = palette().color(QPalette::Base).rgb() & 0xffffff;
    for (const SloLine &line : sloLines(objectives)) {
        // The objectives in the palette's warm colours: vermillion p99, orange p50.
        const quint32 rgb = readableOn(line.hasP99() ? okabeIto()[3] : okabeIto()[1], background, 3.0);
        thresholds.append({line.valueMs, line.label(), QColor::fromRgb(QRgb(rgb))});
    }
    m_latency->setThresholds(thresholds);
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
        const TenantLatency latency = tenantLatency(tenant);
        const SloThreshold s = slo(tenant);
        const SloStatus status = tenantStatus(tenant);
        auto figure = [](const std::optional<LatencyFigure> &f) {
            return f ? QStringLiteral("%1 · %2").arg(QString::number(f->value, 'f', 2), metricSourceId(f->key.source))
                     : QStringLiteral("–");
        };
        QTableWidgetItem *name = cell(TenantCol, tenantLabel(tenant), false);
        name->setData(Qt::UserRole, tenant);
        name->setToolTip(tenantLabel(tenant) == tenant ? QString() : tr("Figures of connection %1").arg(tenant));
        const QString store = m_objectives.storeType(tenant);
        cell(StoreCol, store.isEmpty() ? tr("unknown") : store, false);
        QStringList all;
        for (const LatencyFigure &f : latency.figures)
            all.append(tr("%1 %2 ms from %3 (%4)")
                           .arg(shortMetric(f.key.metric), QString::number(f.value, 'f', 2), metricSourceId(f.key.source), f.key.target));
        const QString sources = all.isEmpty() ? tr("No recent figures") : all.join(u'\n');
        cell(P50Col, figure(latency.p50), false)->setToolTip(sources);
        cell(P99Col, figure(latency.p99), false)->setToolTip(sources);
        cell(SloP50Col, QString::number(s.p50Ms), true);
        cell(SloP99Col, QString::number(s.p99Ms), true);
        QTableWidgetItem *statusItem = cell(StatusCol, sloStatusId(status), false);
        statusItem->setBackground(statusColor(status));
    }
    m_updatingOverview = false;
}

void LatencyDashboard::updateHeatmap()
{
    if (!m_store) {
        m_heatmap->setHeatmap({});
        return;
    }
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
            m_heatmapKey->addItem(QStringLiteral("%1 · %2 · %3 (%4)").arg(tenantLabel(key.tenant), hostOf(key.target), key.metric, metricSourceId(key.source)));
        const int index = m_heatmapKey->findText(chosen);
        m_heatmapKey->setCurrentIndex(index >= 0 ? index : 0);
    }
    m_heatmapKey->setVisible(!histogramKeys.isEmpty());
    const int current = m_heatmapKey->currentIndex();
    LatencyHeatmap map;
    if (current >= 0 && current < histogramKeys.size())
        map = latencyHeatmap(*m_store->histograms(histogramKeys.at(current)), viewFromMs(), viewToMs());
    m_heatmap->setHeatmap(map);
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
        lines.append(tr("%1 · %2 (%3): %4").arg(tenantLabel(key.tenant), key.target, metricSourceId(key.source), m_store->error(key)));
    lines.removeDuplicates();
    lines.sort();
    return lines.join(u'\n');
}

void LatencyDashboard::showCrosshairAt(double keySeconds)
{
    m_latency->showCrosshairAt(keySeconds);
}

QString LatencyDashboard::crosshairText() const
{
    return m_latency->crosshairText();
}

bool LatencyDashboard::exportPng(const QString &path) const
{
    return m_latency->exportImage(path, timeRangeText());
}

bool LatencyDashboard::exportPdf(const QString &path) const
{
    return m_latency->exportImage(path, timeRangeText());
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
