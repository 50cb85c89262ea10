#include "dashboards/materializationpage.h"

#include "metrics/metricnames.h"
#include "metrics/metricstore.h"

#include "dashboards/qcustomplotinclude.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace feastconsole {

// Text filter over every column, optionally only views that need attention
// (stale or never materialized); colours the state cell.
class MaterializationFilterModel : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setProblemsOnly(bool only)
    {
        m_problemsOnly = only;
        invalidateFilter();
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::ForegroundRole && index.column() == MaterializationTableModel::StateColumn) {
            switch (FreshnessState(index.data(MaterializationTableModel::StateRole).toInt())) {
            case FreshnessState::Fresh: return QColor(0x2e, 0x7d, 0x32);
            case FreshnessState::Stale: return QColor(0xc6, 0x28, 0x28);
            case FreshnessState::Never: return QColor(0xef, 0x6c, 0x00);
            case FreshnessState::Offline: return QColor(0x75, 0x75, 0x75);
            }
        }
        return QSortFilterProxyModel::data(index, role);
    }

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override
    {
        if (const auto *model = qobject_cast<const MaterializationTableModel *>(sourceModel()))
            return model->rowLessThan(left.row(), right.row(), left.column());
        return QSortFilterProxyModel::lessThan(left, right);
    }

    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        if (m_problemsOnly) {
            const auto state = FreshnessState(sourceModel()->index(row, 0, parent).data(MaterializationTableModel::StateRole).toInt());
            if (state != FreshnessState::Stale && state != FreshnessState::Never)
                return false;
        }
        return QSortFilterProxyModel::filterAcceptsRow(row, parent);
    }

private:
    bool m_problemsOnly = false;
};

namespace {

double seconds(qint64 msecs)
{
    return double(msecs) / 1000.0;
}

QCPItemRect *band(QCustomPlot *plot, qint64 from, qint64 to, double low, double high, const QColor &fill)
{
    auto *rect = new QCPItemRect(plot);
    rect->topLeft->setCoords(seconds(from), high);
    rect->bottomRight->setCoords(seconds(to), low);
    rect->setBrush(fill);
    rect->setPen(QPen(fill.darker(130)));
    return rect;
}

void marker(QCustomPlot *plot, qint64 at, const QColor &color, Qt::PenStyle style, const QString &label, double labelY = 1.6)
{
    auto *line = new QCPItemStraightLine(plot);
    line->point1->setCoords(seconds(at), 0);
    line->point2->setCoords(seconds(at), 1);
    line->setPen(QPen(color, 1.5, style));
    auto *text = new QCPItemText(plot);
    text->position->setCoords(seconds(at), labelY);
    text->setText(label);
    text->setColor(color);
    text->setPositionAlignment(Qt::AlignBottom | Qt::AlignHCenter);
}

} // namespace

MaterializationPage::MaterializationPage(const MaterializationResults *views, const MetricStore *store, QWidget *parent)
    : QWidget(parent)
    , m_views(views)
    , m_store(store)
    , m_model(new MaterializationTableModel(this))
    , m_proxy(new MaterializationFilterModel(this))
    , m_filter(new QLineEdit(this))
    , m_problemsOnly(new QCheckBox(tr("Only stale or never materialized"), this))
    , m_ttlFactor(new QDoubleSpinBox(this))
    , m_absoluteHours(new QDoubleSpinBox(this))
    , m_table(new QTableView(this))
    , m_plot(new QCustomPlot(this))
    , m_summary(new QLabel(this))
    , m_metrics(new QLabel(this))
    , m_clock(new QTimer(this))
{
    m_ttlFactor->setObjectName(QStringLiteral("ttlFactor"));
    m_absoluteHours->setObjectName(QStringLiteral("staleAfterHours"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(MaterializationTableModel::SortRole);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(MaterializationTableModel::FreshnessColumn, Qt::DescendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();

    m_filter->setPlaceholderText(tr("Filter views, projects, tenants…"));
    m_filter->setClearButtonEnabled(true);
    m_ttlFactor->setRange(0.01, 1e6);
    m_ttlFactor->setDecimals(2);
    m_ttlFactor->setValue(1.0);
    m_ttlFactor->setPrefix(tr("stale after TTL × "));
    m_absoluteHours->setRange(0, 24 * 365);
    m_absoluteHours->setDecimals(1);
    m_absoluteHours->setSpecialValueText(tr("no absolute threshold"));
    m_absoluteHours->setPrefix(tr("or after "));
    m_absoluteHours->setSuffix(tr(" h"));

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_filter, 2);
    controls->addWidget(m_problemsOnly);
    controls->addWidget(m_ttlFactor);
    controls->addWidget(m_absoluteHours);

    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerDateTime>::create());
    qSharedPointerCast<QCPAxisTickerDateTime>(m_plot->xAxis->ticker())->setDateTimeSpec(Qt::UTC);
    qSharedPointerCast<QCPAxisTickerDateTime>(m_plot->xAxis->ticker())->setDateTimeFormat(QStringLiteral("yyyy-MM-dd\nHH:mm"));
    m_plot->xAxis->setLabel(tr("UTC"));
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, new QCPTextElement(m_plot, tr("Materialization timeline: intervals (green), gaps (red), TTL deadline"),
                                                              QFont(font().family(), font().pointSize(), QFont::Bold)));
    m_plot->yAxis->setVisible(false);
    m_plot->yAxis->setRange(-0.5, 2.2);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->setMinimumHeight(180);

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_summary);
    detailLayout->addWidget(m_plot, 1);
    detailLayout->addWidget(m_metrics);
    m_metrics->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(detail);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(splitter, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_problemsOnly, &QCheckBox::toggled, this, [this](bool on) { m_proxy->setProblemsOnly(on); });
    auto edited = [this] {
        applyThresholds();
        Q_EMIT thresholdsEdited(m_model->thresholds());
    };
    connect(m_ttlFactor, &QDoubleSpinBox::valueChanged, this, edited);
    connect(m_absoluteHours, &QDoubleSpinBox::valueChanged, this, edited);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                showView(current.isValid() ? m_proxy->mapToSource(current).row() : -1);
            });
    if (m_views)
        connect(m_views, &PartJobs::resultChanged, this, &MaterializationPage::reload);
    if (m_store) {
        connect(m_store, &MetricStore::updated, this, [this](const SeriesKey &key) {
            if (key.metric.startsWith(QStringLiteral("materialization_")))
                updateMetrics();
        });
    }
    // Freshness grows with the clock.
    m_clock->setInterval(30 * 1000);
    connect(m_clock, &QTimer::timeout, this, [this] {
        m_model->setNow(QDateTime::currentMSecsSinceEpoch());
        m_proxy->invalidate();
    });
    m_clock->start();
    reload();
}

QSortFilterProxyModel *MaterializationPage::proxy() const
{
    return m_proxy;
}

void MaterializationPage::reload()
{
    const int keep = m_selected;
    const ViewMaterialization previous = keep >= 0 && keep < m_model->rowCount() ? m_model->view(keep) : ViewMaterialization{};
    m_model->setNow(QDateTime::currentMSecsSinceEpoch());
    std::vector<ViewMaterialization> views;
    if (m_views) {
        for (const QString &connection : m_views->connectionsWithResults()) {
            const auto part = m_views->result(connection);
            views.insert(views.end(), part->begin(), part->end());
        }
    }
    m_model->setViews(std::move(views));
    m_selected = -1;
    for (int row = 0; row < m_model->rowCount() && keep >= 0; ++row) {
        const ViewMaterialization &v = m_model->view(row);
        if (v.registry == previous.registry && v.project == previous.project && v.view == previous.view) {
            m_table->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)));
            break;
        }
    }
    showView(m_selected);
}

void MaterializationPage::setThresholds(const FreshnessThresholds &thresholds)
{
    const QSignalBlocker blockFactor(m_ttlFactor);
    const QSignalBlocker blockHours(m_absoluteHours);
    m_ttlFactor->setValue(thresholds.ttlFactor);
    m_absoluteHours->setValue(double(thresholds.absoluteMs) / 3600.0 / 1000.0);
    applyThresholds();
}

void MaterializationPage::applyThresholds()
{
    m_model->setThresholds({m_ttlFactor->value(), qint64(m_absoluteHours->value() * 3600 * 1000)});
    m_proxy->invalidate();
    showView(m_selected);
}

void MaterializationPage::setProblemsOnly(bool only)
{
    m_problemsOnly->setChecked(only);
}

void MaterializationPage::setFilterText(const QString &text)
{
    m_filter->setText(text);
}

void MaterializationPage::selectRow(int proxyRow)
{
    if (proxyRow < 0 || proxyRow >= m_proxy->rowCount())
        m_table->setCurrentIndex({});
    else
        m_table->setCurrentIndex(m_proxy->index(proxyRow, 0));
}

void MaterializationPage::showView(int sourceRow)
{
    m_selected = sourceRow;
    m_plot->clearItems();
    if (sourceRow < 0 || sourceRow >= m_model->rowCount()) {
        const int total = m_model->rowCount();
        int stale = 0;
        for (int row = 0; row < total; ++row)
            stale += m_model->status(row).state == FreshnessState::Stale ? 1 : 0;
        m_summary->setText(tr("%1 feature views, %2 stale. Select one to see its materialization timeline.").arg(total).arg(stale));
        m_metrics->clear();
        const TimelineSpan span = timelineSpan(nullptr, nullptr, QDateTime::currentMSecsSinceEpoch());
        m_plot->xAxis->setRange(seconds(span.fromMs), seconds(span.toMs));
        auto *hint = new QCPItemText(m_plot);
        hint->position->setType(QCPItemPosition::ptAxisRectRatio);
        hint->position->setCoords(0.5, 0.5);
        hint->setText(tr("Select a feature view to see its materialization intervals, gaps and TTL."));
        hint->setColor(palette().color(QPalette::PlaceholderText));
        m_plot->replot();
        return;
    }
    const ViewMaterialization &view = m_model->view(sourceRow);
    const MaterializationStatus &status = m_model->status(sourceRow);
    const qint64 now = m_model->now();

    for (const MaterializationInterval &interval : status.merged)
        band(m_plot, interval.startMs, interval.endMs, 0.0, 1.0, QColor(0x81, 0xc7, 0x84));
    for (const MaterializationInterval &gap : status.gaps)
        band(m_plot, gap.startMs, gap.endMs, 0.0, 1.0, QColor(0xe5, 0x73, 0x73, 200));
    if (status.lastEndMs) {
        marker(m_plot, *status.lastEndMs, QColor(0x1e, 0x88, 0xe5), Qt::SolidLine, tr("last end"));
        if (view.ttlMs > 0) {
            const qint64 deadline = *status.lastEndMs + qint64(double(view.ttlMs) * m_model->thresholds().ttlFactor);
            marker(m_plot, deadline, QColor(0xfb, 0x8c, 0x00), Qt::DashLine, tr("TTL"), 1.95);
        }
    }
    if (view.lastAppliedMs > 0)
        marker(m_plot, view.lastAppliedMs, QColor(0x6a, 0x1b, 0x9a), Qt::DashDotLine, tr("applied"), 1.25);
    marker(m_plot, now, QColor(0x42, 0x42, 0x42), Qt::DotLine, tr("now"));
    const TimelineSpan span = timelineSpan(&view, &status, now, m_model->thresholds().ttlFactor);
    m_plot->xAxis->setRange(seconds(span.fromMs), seconds(span.toMs));
    m_plot->replot();

    const QString lastEnd = status.lastEndMs
        ? QDateTime::fromMSecsSinceEpoch(*status.lastEndMs, Qt::UTC).toString(Qt::ISODate)
        : tr("never");
    m_summary->setText(tr("%1 / %2 (%3): %4 — last materialized end %5, freshness %6, TTL %7, %8 interval(s), %9 gap(s)")
                           .arg(view.project, view.view, view.registry, freshnessStateId(status.state), lastEnd,
                                status.freshnessMs ? formatDurationMs(*status.freshnessMs) : tr("n/a"),
                                view.ttlMs > 0 ? formatDurationMs(view.ttlMs) : tr("none"))
                           .arg(status.merged.size())
                           .arg(status.gaps.size()));
    updateMetrics();
}

QString MaterializationPage::metricsText() const
{
    return m_metrics->text();
}

void MaterializationPage::updateMetrics()
{
    if (!m_store || m_selected < 0 || m_selected >= m_model->rowCount()) {
        m_metrics->clear();
        return;
    }
    const ViewMaterialization &view = m_model->view(m_selected);
    const QString target = view.project + u'/' + view.view;
    auto latest = [&](const QString &metric, MetricSource *source) -> std::optional<double> {
        // Either keyed by "project/view" as target, or (from a scrape of the
        // feature server, whose target is its /metrics URL) named "<metric>:<view>".
        const QString scraped = metric + u':' + view.view;
        const QList<SeriesKey> keys = m_store->keys();
        for (const SeriesKey &key : keys) {
            const bool byTarget = key.tenant == view.tenant && key.target == target && key.metric == metric;
            if (!byTarget && key.metric != scraped)
                continue;
            const TimeSeries *series = m_store->series(key);
            if (series && !series->values.empty()) {
                *source = key.source;
                return series->values.back();
            }
        }
        return std::nullopt;
    };
    MetricSource source = MetricSource::Scrape;
    const auto success = latest(metricnames::materializationSuccessTotal(), &source);
    const auto failure = latest(metricnames::materializationFailureTotal(), &source);
    const auto duration = latest(metricnames::materializationDurationS(), &source);
    if (!success && !failure && !duration) {
        m_metrics->setText(tr("No materialization metrics for this view."));
        return;
    }
    m_metrics->setText(tr("Materializations: %1 succeeded, %2 failed; last duration %3 s (source: %4)")
                           .arg(success ? QString::number(*success) : tr("?"), failure ? QString::number(*failure) : tr("?"),
                                duration ? QString::number(*duration, 'f', 2) : tr("?"), metricSourceId(source)));
}

} // namespace feastconsole
