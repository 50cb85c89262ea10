#include "metrics/materializationstatus.h"

#include <QDateTime>

#include <algorithm>
#include <limits>

namespace feastconsole {

QString freshnessStateId(FreshnessState state)
{
    switch (state) {
    case FreshnessState::Fresh: return QStringLiteral("fresh");
    case FreshnessState::Stale: return QStringLiteral("stale");
    case FreshnessState::Never: return QStringLiteral("never");
    case FreshnessState::Offline: return QStringLiteral("offline");
    }
    return {};
}

std::vector<MaterializationInterval> mergeIntervals(std::vector<MaterializationInterval> intervals)
{
    std::sort(intervals.begin(), intervals.end(), [](const auto &a, const auto &b) {
        return a.startMs < b.startMs || (a.startMs == b.startMs && a.endMs < b.endMs);
    });
    std::vector<MaterializationInterval> merged;
    for (const MaterializationInterval &interval : intervals) {
        if (!merged.empty() && interval.startMs <= merged.back().endMs)
            merged.back().endMs = std::max(merged.back().endMs, interval.endMs);
        else
            merged.push_back(interval);
    }
    return merged;
}

std::vector<MaterializationInterval> intervalGaps(const std::vector<MaterializationInterval> &merged)
{
    std::vector<MaterializationInterval> gaps;
    for (size_t i = 1; i < merged.size(); ++i)
        gaps.push_back({merged[i - 1].endMs, merged[i].startMs});
    return gaps;
}

MaterializationStatus evaluateMaterialization(const ViewMaterialization &view, qint64 nowMs,
                                              const FreshnessThresholds &thresholds)
{
    MaterializationStatus status;
    status.merged = mergeIntervals(view.intervals);
    status.gaps = intervalGaps(status.merged);
    status.lastEndMs = lastMaterializedEndMs(view);
    if (status.lastEndMs)
        status.freshnessMs = nowMs - *status.lastEndMs;
    status.state = freshnessStateAt(view.ttlMs, view.online, status.lastEndMs, nowMs, thresholds);
    return status;
}

std::optional<qint64> lastMaterializedEndMs(const ViewMaterialization &view)
{
    std::optional<qint64> last;
    for (const MaterializationInterval &interval : view.intervals)
        last = std::max(last.value_or(interval.endMs), interval.endMs);
    return last;
}

FreshnessState freshnessStateAt(qint64 ttlMs, bool online, std::optional<qint64> lastEndMs, qint64 nowMs,
                                const FreshnessThresholds &thresholds)
{
    if (!online)
        return FreshnessState::Offline;
    if (!lastEndMs)
        return FreshnessState::Never;
    const qint64 age = nowMs - *lastEndMs;
    const bool pastTtl = ttlMs > 0 && double(age) > double(ttlMs) * thresholds.ttlFactor;
    const bool pastAbsolute = thresholds.absoluteMs > 0 && age > thresholds.absoluteMs;
    return pastTtl || pastAbsolute ? FreshnessState::Stale : FreshnessState::Fresh;
}

TimelineSpan timelineSpan(const ViewMaterialization *view, const MaterializationStatus *status, qint64 nowMs,
                          double ttlFactor)
{
    constexpr qint64 week = 7 * 24 * 3600 * 1000LL;
    qint64 from = status && !status->merged.empty() ? status->merged.front().startMs : nowMs - week;
    qint64 to = nowMs;
    if (view && status && status->lastEndMs && view->ttlMs > 0)
        to = std::max(to, *status->lastEndMs + qint64(double(view->ttlMs) * ttlFactor));
    if (view && view->lastAppliedMs > 0)
        from = std::min(from, view->lastAppliedMs);
    const qint64 margin = std::max<qint64>(1000, (to - from) / 20);
    return {from - margin, to + margin};
}

QString formatDurationMs(qint64 ms)
{
    const bool negative = ms < 0;
    qint64 s = (negative ? -ms : ms) / 1000;
    const qint64 d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60;
    s %= 60;
    QString text;
    if (d > 0)
        text = QStringLiteral("%1d %2h").arg(d).arg(h);
    else if (h > 0)
        text = QStringLiteral("%1h %2m").arg(h).arg(m);
    else if (m > 0)
        text = QStringLiteral("%1m %2s").arg(m).arg(s);
    else
        text = QStringLiteral("%1s").arg(s);
    return negative ? QStringLiteral("-") + text : text;
}

MaterializationTableModel::MaterializationTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_nowMs(QDateTime::currentMSecsSinceEpoch())
{
}

void MaterializationTableModel::setViews(std::vector<ViewMaterialization> views)
{
    beginResetModel();
    m_views = std::move(views);
    m_status.clear();
    for (const ViewMaterialization &view : m_views)
        m_status.push_back(evaluateMaterialization(view, m_nowMs, m_thresholds));
    endResetModel();
}

void MaterializationTableModel::setNow(qint64 nowMs)
{
    m_nowMs = nowMs;
    reevaluate();
}

void MaterializationTableModel::setThresholds(const FreshnessThresholds &thresholds)
{
    if (thresholds == m_thresholds)
        return;
    m_thresholds = thresholds;
    reevaluate();
}

void MaterializationTableModel::reevaluate()
{
    for (size_t i = 0; i < m_views.size(); ++i)
        m_status[i] = evaluateMaterialization(m_views[i], m_nowMs, m_thresholds);
    if (!m_views.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int MaterializationTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_views.size());
}

int MaterializationTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MaterializationTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ViewMaterialization &view = m_views[size_t(index.row())];
    const MaterializationStatus &status = m_status[size_t(index.row())];
    if (role == StateRole)
        return int(status.state);
    if (role == RowRole)
        return index.row();
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool sort = role == SortRole;
    switch (Column(index.column())) {
    case RegistryColumn: return view.registry;
    case TenantColumn: return view.tenant;
    case ProjectColumn: return view.project;
    case ViewColumn: return view.view;
    case StateColumn: return sort ? QVariant(int(status.state)) : QVariant(freshnessStateId(status.state));
    case LastEndColumn:
        if (!status.lastEndMs)
            return sort ? QVariant(qint64(-1)) : QVariant(QString());
        return sort ? QVariant(*status.lastEndMs)
                    : QVariant(QDateTime::fromMSecsSinceEpoch(*status.lastEndMs, Qt::UTC).toString(Qt::ISODate));
    case FreshnessColumn:
        if (!status.freshnessMs)
            return sort ? QVariant(std::numeric_limits<qint64>::max()) : QVariant(QString());
        return sort ? QVariant(*status.freshnessMs) : QVariant(formatDurationMs(*status.freshnessMs));
    case TtlColumn:
        return sort ? QVariant(view.ttlMs) : QVariant(view.ttlMs > 0 ? formatDurationMs(view.ttlMs) : tr("none"));
    case GapsColumn: return qulonglong(status.gaps.size());
    case ColumnCount: break;
    }
    return {};
}

bool MaterializationTableModel::rowLessThan(int a, int b, int column) const
{
    const ViewMaterialization &va = m_views[size_t(a)], &vb = m_views[size_t(b)];
    const MaterializationStatus &sa = m_status[size_t(a)], &sb = m_status[size_t(b)];
    switch (Column(column)) {
    case RegistryColumn: return va.registry < vb.registry;
    case TenantColumn: return va.tenant < vb.tenant;
    case ProjectColumn: return va.project < vb.project;
    case ViewColumn: return va.view < vb.view;
    case StateColumn: return int(sa.state) < int(sb.state);
    case LastEndColumn: return sa.lastEndMs.value_or(-1) < sb.lastEndMs.value_or(-1);
    case FreshnessColumn:
        return sa.freshnessMs.value_or(std::numeric_limits<qint64>::max())
            < sb.freshnessMs.value_or(std::numeric_limits<qint64>::max());
    case TtlColumn: return va.ttlMs < vb.ttlMs;
    case GapsColumn: return sa.gaps.size() < sb.gaps.size();
    case ColumnCount: break;
    }
    return false;
}

QVariant MaterializationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case RegistryColumn: return tr("Registry");
    case TenantColumn: return tr("Tenant");
    case ProjectColumn: return tr("Project");
    case ViewColumn: return tr("Feature view");
    case StateColumn: return tr("State");
    case LastEndColumn: return tr("Last materialized end (UTC)");
    case FreshnessColumn: return tr("Freshness");
    case TtlColumn: return tr("TTL");
    case GapsColumn: return tr("Gaps");
    case ColumnCount: break;
    }
    return {};
}

} // namespace feastconsole
