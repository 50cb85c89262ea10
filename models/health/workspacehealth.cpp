#include "health/workspacehealth.h"

#include "catalog/catalog.h"
#include "health/tenantlatency.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace feastconsole {

namespace {

struct Text {
    Q_DECLARE_TR_FUNCTIONS(WorkspaceHealth)
};

void raise(TenantHealth &row, HealthLevel level, const QString &topic, const QString &reason)
{
    auto rank = [](HealthLevel l) {
        switch (l) {
        case HealthLevel::Ok: return 0;
        case HealthLevel::Unknown: return 1;
        case HealthLevel::Attention: return 2;
        case HealthLevel::Problem: return 3;
        }
        return 0;
    };
    if (rank(level) > rank(row.level))
        row.level = level;
    row.topics.append(topic);
    row.reasons.append(reason);
}

void addFreshness(TenantHealth &row, const TenantFacts &facts, const HealthInputs &in)
{
    qint64 worstFreshness = -1;
    for (const ViewFreshness &view : facts.views) {
        const FreshnessState state = freshnessStateAt(view.ttlMs, view.online, view.lastEndMs, in.nowMs, in.freshness);
        if (state == FreshnessState::Offline)
            continue;
        ++row.views;
        if (state == FreshnessState::Never)
            ++row.neverMaterialized;
        if (state != FreshnessState::Stale)
            continue;
        ++row.staleViews;
        const qint64 freshness = in.nowMs - *view.lastEndMs;
        if (freshness > worstFreshness) {
            worstFreshness = freshness;
            row.worstView = view.name;
        }
    }
    if (row.staleViews > 0)
        raise(row, HealthLevel::Attention, Text::tr("stale views"),
              Text::tr("%n view(s) stale against their TTL, the stalest %1 (%2)", nullptr, row.staleViews)
                  .arg(row.worstView, formatDurationMs(worstFreshness)));
    if (row.neverMaterialized > 0)
        raise(row, HealthLevel::Attention, Text::tr("never materialized"), Text::tr("%n online view(s) never materialized", nullptr, row.neverMaterialized));
}

void addLint(TenantHealth &row, const TenantFacts &facts)
{
    QString firstWarning;
    for (const LintFinding &f : facts.findings) {
        if (f.severity == LintFinding::Severity::Error) {
            if (row.lintErrors++ == 0)
                row.firstFinding = f.message;
        } else if (f.severity == LintFinding::Severity::Warning) {
            if (row.lintWarnings++ == 0)
                firstWarning = f.message;
        }
    }
    if (row.firstFinding.isEmpty())
        row.firstFinding = firstWarning;
    if (row.lintErrors > 0)
        raise(row, HealthLevel::Problem, Text::tr("lint errors"), Text::tr("%n permission lint error(s): %1", nullptr, row.lintErrors).arg(row.firstFinding));
    else if (row.lintWarnings > 0)
        raise(row, HealthLevel::Attention, Text::tr("lint warnings"), Text::tr("%n permission lint warning(s): %1", nullptr, row.lintWarnings).arg(row.firstFinding));
}

void addLatency(TenantHealth &row, const HealthInputs &in)
{
    if (!in.metrics)
        return;
    TenantLatency latency = worstRecentLatency(*in.metrics, row.tenant, in.nowMs, in.latencyMaxAgeMs);
    row.metricsTenant = row.tenant;
    if (!latency.p50 && !latency.p99) {
        // A connection's figures are filed under its `tenant` or its name: one
        // feature server answers for every tenant of a shared registry.
        row.metricsTenant = in.metricsKeys.value(row.connection, row.connection);
        latency = worstRecentLatency(*in.metrics, row.metricsTenant, in.nowMs, in.latencyMaxAgeMs);
    }
    row.slo = in.objectives.slo(row.metricsTenant);
    row.latency = sloStatusOf(latency, row.slo);
    if (latency.p99)
        row.p99Ms = latency.p99->value;
    const QString figure = row.p99Ms ? QLocale().toString(*row.p99Ms, 'f', 1) : QStringLiteral("–");
    if (row.latency == SloStatus::Red)
        raise(row, HealthLevel::Problem, Text::tr("latency"), Text::tr("latency beyond its SLO (p99 %1 ms, objective %2 ms)").arg(figure).arg(row.slo.p99Ms));
    else if (row.latency == SloStatus::Amber)
        raise(row, HealthLevel::Attention, Text::tr("latency"), Text::tr("latency near its SLO (p99 %1 ms, objective %2 ms)").arg(figure).arg(row.slo.p99Ms));
}

TenantHealth connectionRow(const QString &connection, const ConnectionStatus &status)
{
    TenantHealth row;
    row.connection = connection;
    row.status = status;
    if (status.hasData) {
        row.level = HealthLevel::Ok;
        if (status.isStale())
            raise(row, HealthLevel::Attention, Text::tr("stale registry data"),
                  Text::tr("showing data loaded %1: the last load failed (%2)")
                      .arg(QLocale().toString(status.lastSuccess.toLocalTime(), QLocale::ShortFormat), status.error.message));
        return row;
    }
    if (status.state == ConnectionState::Failed || status.state == ConnectionState::Retrying)
        raise(row, HealthLevel::Problem, Text::tr("registry unavailable"), Text::tr("no data: %1").arg(status.error.message));
    else
        raise(row, HealthLevel::Unknown, Text::tr("not loaded"),
              status.state == ConnectionState::Loading ? Text::tr("loading") : Text::tr("not loaded yet"));
    return row;
}

} // namespace

ViewFreshness viewFreshnessOf(const ViewMaterialization &view)
{
    return ViewFreshness{view.project + u'/' + view.view, view.ttlMs, view.online, lastMaterializedEndMs(view)};
}

QString healthLevelId(HealthLevel level)
{
    switch (level) {
    case HealthLevel::Ok: return QStringLiteral("ok");
    case HealthLevel::Attention: return QStringLiteral("attention");
    case HealthLevel::Problem: return QStringLiteral("problem");
    case HealthLevel::Unknown: return QStringLiteral("unknown");
    }
    return {};
}

HealthInputs healthInputs(const Catalog &catalog, const Workspace &workspace, const QHash<QString, ConnectionFacts> &facts,
                          const MetricStore *metrics, qint64 nowMs)
{
    HealthInputs in;
    in.connections = catalog.connections();
    for (const QString &c : std::as_const(in.connections))
        in.statuses.insert(c, catalog.status(c));
    in.facts = facts;
    for (const ConnectionSpec &c : workspace.connections)
        in.metricsKeys.insert(c.name, sourceTenantOf(c));
    in.freshness = workspace.freshness.value_or(FreshnessThresholds{});
    in.objectives = tenantObjectives(catalog, workspace);
    in.metrics = metrics;
    in.nowMs = nowMs;
    return in;
}

QList<TenantHealth> workspaceHealth(const HealthInputs &in)
{
    QList<TenantHealth> rows;
    for (const QString &connection : in.connections) {
        const ConnectionStatus status = in.statuses.value(connection);
        const auto facts = in.facts.constFind(connection);
        if (!status.hasData || facts == in.facts.cend() || facts->tenants.isEmpty()) {
            TenantHealth row = connectionRow(connection, status);
            if (status.hasData)
                raise(row, HealthLevel::Unknown, Text::tr("checking"), Text::tr("checking the loaded registry"));
            rows.append(row);
            continue;
        }
        for (const TenantFacts &tenant : facts->tenants) {
            TenantHealth row = connectionRow(connection, status);
            row.tenant = tenant.tenant;
            row.hasFacts = true;
            row.projects = tenant.projects;
            row.objects = tenant.objects;
            row.features = tenant.features;
            addFreshness(row, tenant, in);
            addLint(row, tenant);
            addLatency(row, in);
            rows.append(row);
        }
    }
    return rows;
}

} // namespace feastconsole
