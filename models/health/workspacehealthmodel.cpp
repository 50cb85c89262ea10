#include "health/workspacehealth.h"

#include <QCoreApplication>
#include <QLocale>

namespace feastconsole {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(WorkspaceHealthModel)
};

QString stateText(const TenantHealth &row)
{
    const ConnectionStatus &s = row.status;
    if (s.isStale())
        return Text::tr("stale");
    if (s.state == ConnectionState::Loading)
        return s.progressPercent >= 0 ? Text::tr("loading %1%").arg(s.progressPercent) : Text::tr("loading");
    return stateId(s.state);
}

QString freshnessText(const TenantHealth &row)
{
    if (!row.hasFacts)
        return {};
    if (row.views == 0)
        return Text::tr("no online views");
    if (row.staleViews == 0 && row.neverMaterialized == 0)
        return Text::tr("%n view(s) fresh", nullptr, row.views);
    QStringList parts;
    if (row.staleViews > 0)
        parts.append(Text::tr("%n stale", nullptr, row.staleViews));
    if (row.neverMaterialized > 0)
        parts.append(Text::tr("%n never", nullptr, row.neverMaterialized));
    return Text::tr("%1 of %2").arg(parts.join(QStringLiteral(", "))).arg(row.views);
}

QString lintText(const TenantHealth &row)
{
    if (!row.hasFacts)
        return {};
    if (row.lintErrors == 0 && row.lintWarnings == 0)
        return Text::tr("no findings");
    QStringList parts;
    if (row.lintErrors > 0)
        parts.append(Text::tr("%n error(s)", nullptr, row.lintErrors));
    if (row.lintWarnings > 0)
        parts.append(Text::tr("%n warning(s)", nullptr, row.lintWarnings));
    return parts.join(QStringLiteral(", "));
}

QString latencyText(const TenantHealth &row)
{
    if (!row.hasFacts)
        return {};
    if (row.latency == SloStatus::Unknown)
        return Text::tr("no recent figures");
    return Text::tr("p99 %1 ms / %2 · %3")
        .arg(row.p99Ms ? QLocale().toString(*row.p99Ms, 'f', 1) : QStringLiteral("–"))
        .arg(row.slo.p99Ms)
        .arg(sloStatusId(row.latency));
}

HealthLevel levelOfSlo(SloStatus status)
{
    switch (status) {
    case SloStatus::Green: return HealthLevel::Ok;
    case SloStatus::Amber: return HealthLevel::Attention;
    case SloStatus::Red: return HealthLevel::Problem;
    case SloStatus::Unknown: return HealthLevel::Unknown;
    }
    return HealthLevel::Unknown;
}

} // namespace

void WorkspaceHealthModel::setRows(QList<TenantHealth> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int WorkspaceHealthModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WorkspaceHealthModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString WorkspaceHealthModel::text(const TenantHealth &row, int column) const
{
    const QLocale locale;
    switch (column) {
    case ConnectionCol: return row.connection;
    case TenantCol: return row.tenant;
    case StateCol: return stateText(row);
    case ObjectsCol: return row.hasFacts ? locale.toString(row.objects) : QString();
    case FeaturesCol: return row.hasFacts ? locale.toString(row.features) : QString();
    case FreshnessCol: return freshnessText(row);
    case PermissionsCol: return lintText(row);
    case LatencyCol: return latencyText(row);
    case HealthCol:
        return row.topics.isEmpty() ? healthLevelId(row.level)
                                    : QStringLiteral("%1: %2").arg(healthLevelId(row.level), row.topics.join(QStringLiteral(", ")));
    }
    return {};
}

QString WorkspaceHealthModel::toolTip(const TenantHealth &row, int column) const
{
    switch (column) {
    case StateCol: return row.status.error.message;
    case ObjectsCol: return Text::tr("%n project(s)", nullptr, row.projects);
    case FreshnessCol: return row.worstView.isEmpty() ? QString() : Text::tr("Stalest view: %1").arg(row.worstView);
    case PermissionsCol: return row.firstFinding;
    case LatencyCol: return row.metricsTenant.isEmpty() ? QString()
                                                        : Text::tr("Worst recent figure of %1; objective p50 %2 ms, p99 %3 ms")
                                                              .arg(row.metricsTenant).arg(row.slo.p50Ms).arg(row.slo.p99Ms);
    case HealthCol: return row.reasons.join(u'\n');
    }
    return {};
}

HealthLevel WorkspaceHealthModel::cellLevel(const TenantHealth &row, int column) const
{
    switch (column) {
    case StateCol:
        if (!row.status.hasData)
            return row.status.error.isError() ? HealthLevel::Problem : HealthLevel::Unknown;
        return row.status.isStale() ? HealthLevel::Attention : HealthLevel::Ok;
    case FreshnessCol:
        if (!row.hasFacts)
            return HealthLevel::Unknown;
        return row.staleViews + row.neverMaterialized > 0 ? HealthLevel::Attention : HealthLevel::Ok;
    case PermissionsCol:
        if (!row.hasFacts)
            return HealthLevel::Unknown;
        return row.lintErrors > 0 ? HealthLevel::Problem : row.lintWarnings > 0 ? HealthLevel::Attention : HealthLevel::Ok;
    case LatencyCol: return levelOfSlo(row.latency);
    case HealthCol: return row.level;
    }
    return HealthLevel::Ok;
}

QVariant WorkspaceHealthModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TenantHealth &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return text(row, index.column());
    case Qt::ToolTipRole: {
        const QString tip = toolTip(row, index.column());
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case LevelRole: return int(cellLevel(row, index.column()));
    case Qt::TextAlignmentRole:
        if (index.column() == ObjectsCol || index.column() == FeaturesCol)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant WorkspaceHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ConnectionCol: return Text::tr("Connection");
    case TenantCol: return Text::tr("Tenant");
    case StateCol: return Text::tr("State");
    case ObjectsCol: return Text::tr("Objects");
    case FeaturesCol: return Text::tr("Features");
    case FreshnessCol: return Text::tr("Materialization");
    case PermissionsCol: return Text::tr("Permissions");
    case LatencyCol: return Text::tr("Latency");
    case HealthCol: return Text::tr("Health");
    }
    return {};
}

PageLocation WorkspaceHealthModel::linkOf(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TenantHealth &row = m_rows.at(index.row());
    int column = index.column();
    if (column == HealthCol) {
        // The health cell opens the page of its worst figure.
        column = StateCol;
        for (int c : {StateCol, PermissionsCol, LatencyCol, FreshnessCol}) {
            if (cellLevel(row, c) == row.level) {
                column = c;
                break;
            }
        }
    }
    PageLocation location;
    location.connection = row.connection;
    location.tenant = row.tenant;
    switch (column) {
    case FreshnessCol: location.page = PageLocation::Page::Materialization; break;
    case PermissionsCol: location.page = PageLocation::Page::Permissions; break;
    case LatencyCol: location.page = PageLocation::Page::Latency; break;
    default:
        if (!row.hasFacts)
            return {}; // nothing loaded to show yet: stay on the overview
        location = PageLocation::list(row.connection, row.tenant, QString(), std::nullopt);
    }
    return location;
}

} // namespace feastconsole
