// The overview's health rows: levels and reasons from states, staleness,
// lint findings and latency; the links each cell opens; the tenant
// objectives and worst recent latency the dashboard shares.
#include "metrics/metricnames.h"
#include "metrics/metricstore.h"
#include "health/tenantlatency.h"
#include "health/workspacehealth.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace feastconsole;

namespace {

constexpr qint64 now = 1'800'000'000'000;
constexpr qint64 hour = 3'600'000;

ViewFreshness view(const QString &name, qint64 ttlMs, qint64 lastEndMs, bool online = true)
{
    ViewMaterialization v;
    v.registry = QStringLiteral("shared");
    v.tenant = QStringLiteral("fraud");
    v.project = QStringLiteral("fraud_detection");
    v.view = name;
    v.ttlMs = ttlMs;
    v.online = online;
    if (lastEndMs > 0)
        v.intervals.push_back({lastEndMs - hour, lastEndMs});
    if (lastEndMs > 0)
        v.intervals.push_back({lastEndMs - 3 * hour, lastEndMs - 2 * hour});
    return viewFreshnessOf(v);
}

LintFinding finding(LintFinding::Severity severity, const QString &message)
{
    LintFinding f;
    f.severity = severity;
    f.connection = QStringLiteral("shared");
    f.tenant = QStringLiteral("fraud");
    f.message = message;
    return f;
}

ConnectionStatus ready()
{
    ConnectionStatus s;
    s.state = ConnectionState::Ready;
    s.hasData = true;
    s.lastSuccess = QDateTime::fromMSecsSinceEpoch(now - 60'000);
    return s;
}

HealthInputs sharedInputs()
{
    HealthInputs in;
    in.nowMs = now;
    in.connections = {QStringLiteral("shared")};
    in.statuses.insert(QStringLiteral("shared"), ready());
    TenantFacts fraud{QStringLiteral("fraud"), 1, 26, 27, {}, {}};
    TenantFacts risk{QStringLiteral("risk"), 1, 17, 20, {}, {}};
    risk.views.push_back(view(QStringLiteral("loans"), 24 * hour, now - hour)); // fresh
    ConnectionFacts facts{QStringLiteral("shared"), {fraud, risk}};
    in.facts.insert(QStringLiteral("shared"), facts);
    in.metricsKeys.insert(QStringLiteral("shared"), QStringLiteral("shared"));
    return in;
}

} // namespace

class TstWorkspaceHealth : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everythingAllRight()
    {
        const QList<TenantHealth> rows = workspaceHealth(sharedInputs());
        QCOMPARE(rows.size(), 2);
        for (const TenantHealth &row : rows) {
            QCOMPARE(row.level, HealthLevel::Ok);
            QVERIFY(row.reasons.isEmpty());
            QVERIFY(row.hasFacts);
        }
        QCOMPARE(rows.at(0).tenant, QStringLiteral("fraud"));
        QCOMPARE(rows.at(0).objects, 26);
        QCOMPARE(rows.at(1).views, 1);
        QCOMPARE(rows.at(1).staleViews, 0);
    }

    void staleAndNeverMaterializedViewsNeedAttention()
    {
        HealthInputs in = sharedInputs();
        TenantFacts &fraud = in.facts[QStringLiteral("shared")].tenants[0];
        fraud.views.push_back(view(QStringLiteral("fresh"), 24 * hour, now - hour));
        fraud.views.push_back(view(QStringLiteral("old"), 2 * hour, now - 5 * hour));
        fraud.views.push_back(view(QStringLiteral("older"), 2 * hour, now - 9 * hour));
        fraud.views.push_back(view(QStringLiteral("never"), 2 * hour, 0));
        fraud.views.push_back(view(QStringLiteral("offline"), 2 * hour, now - 99 * hour, false));
        const TenantHealth row = workspaceHealth(in).at(0);
        QCOMPARE(row.views, 4); // offline views are not checked
        QCOMPARE(row.staleViews, 2);
        QCOMPARE(row.neverMaterialized, 1);
        QCOMPARE(row.worstView, QStringLiteral("fraud_detection/older"));
        QCOMPARE(row.level, HealthLevel::Attention);
        QCOMPARE(row.reasons.size(), 2);
        QCOMPARE(row.topics, (QStringList{QStringLiteral("stale views"), QStringLiteral("never materialized")}));
        QVERIFY2(row.reasons.at(0).contains(QStringLiteral("fraud_detection/older")), qPrintable(row.reasons.at(0)));
    }

    void lintErrorsAreProblemsAndWarningsNeedAttention()
    {
        HealthInputs in = sharedInputs();
        in.facts[QStringLiteral("shared")].tenants[0].findings = {
            finding(LintFinding::Severity::Warning, QStringLiteral("allow-all policy")),
            finding(LintFinding::Severity::Error, QStringLiteral("Feast cannot read it")),
            finding(LintFinding::Severity::Info, QStringLiteral("just so you know"))};
        in.facts[QStringLiteral("shared")].tenants[1].findings = {finding(LintFinding::Severity::Warning, QStringLiteral("unprotected"))};
        const QList<TenantHealth> rows = workspaceHealth(in);
        QCOMPARE(rows.at(0).lintErrors, 1);
        QCOMPARE(rows.at(0).lintWarnings, 1);
        QCOMPARE(rows.at(0).firstFinding, QStringLiteral("Feast cannot read it")); // errors first
        QCOMPARE(rows.at(0).level, HealthLevel::Problem);
        QCOMPARE(rows.at(1).level, HealthLevel::Attention);
        QCOMPARE(rows.at(1).firstFinding, QStringLiteral("unprotected"));
    }

    void latencyAgainstTheObjectives()
    {
        HealthInputs in = sharedInputs();
        MetricStore store;
        // Figures filed under the connection's key answer for every tenant of
        // the shared registry; a tenant's own figures win.
        store.append({QStringLiteral("shared"), QStringLiteral("http://fs:6566"), MetricSource::Scrape, metricnames::latencyP99Ms()},
                     now - 10'000, 45);
        store.append({QStringLiteral("risk"), QStringLiteral("http://risk:6566"), MetricSource::Probe, metricnames::latencyP99Ms()},
                     now - 10'000, 80);
        store.append({QStringLiteral("risk"), QStringLiteral("http://risk:6566"), MetricSource::Scrape, metricnames::latencyP99Ms()},
                     now - 10'000, 20);
        in.metrics = &store;
        const QList<TenantHealth> rows = workspaceHealth(in);
        QCOMPARE(rows.at(0).metricsTenant, QStringLiteral("shared"));
        QCOMPARE(rows.at(0).p99Ms, 45.0);
        QCOMPARE(rows.at(0).latency, SloStatus::Amber); // 45 of the default 50 ms
        QCOMPARE(rows.at(0).level, HealthLevel::Attention);
        QCOMPARE(rows.at(1).metricsTenant, QStringLiteral("risk"));
        QCOMPARE(rows.at(1).p99Ms, 80.0); // the worst of its sources
        QCOMPARE(rows.at(1).latency, SloStatus::Red);
        QCOMPARE(rows.at(1).level, HealthLevel::Problem);
        QVERIFY(rows.at(1).reasons.at(0).contains(QStringLiteral("80")));

        in.objectives.setSlo(QStringLiteral("risk"), SloThreshold{50, 100});
        QCOMPARE(workspaceHealth(in).at(1).latency, SloStatus::Green);
        // Figures older than the window do not count.
        in.nowMs = now + in.latencyMaxAgeMs + 20'000;
        QCOMPARE(workspaceHealth(in).at(1).latency, SloStatus::Unknown);
        QCOMPARE(workspaceHealth(in).at(1).level, HealthLevel::Ok); // no recent figures: not a problem of its own
    }

    void connectionsWithoutData()
    {
        HealthInputs in;
        in.nowMs = now;
        in.connections = {QStringLiteral("down"), QStringLiteral("loading"), QStringLiteral("stale")};
        ConnectionStatus down;
        down.state = ConnectionState::Failed;
        down.error = {ErrorCategory::Unreachable, QStringLiteral("127.0.0.1:1: connection refused")};
        in.statuses.insert(QStringLiteral("down"), down);
        ConnectionStatus loading;
        loading.state = ConnectionState::Loading;
        in.statuses.insert(QStringLiteral("loading"), loading);
        ConnectionStatus stale = ready();
        stale.state = ConnectionState::Retrying;
        stale.error = {ErrorCategory::Unreachable, QStringLiteral("deadline exceeded")};
        in.statuses.insert(QStringLiteral("stale"), stale);
        in.facts.insert(QStringLiteral("stale"), ConnectionFacts{QStringLiteral("stale"), {TenantFacts{QStringLiteral("t"), 1, 2, 3, {}, {}}}});
        const QList<TenantHealth> rows = workspaceHealth(in);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0).level, HealthLevel::Problem);
        QVERIFY(rows.at(0).reasons.at(0).contains(QStringLiteral("connection refused")));
        QCOMPARE(rows.at(1).level, HealthLevel::Unknown);
        QCOMPARE(rows.at(2).level, HealthLevel::Attention);
        QVERIFY(rows.at(2).reasons.at(0).contains(QStringLiteral("deadline exceeded")));
        QCOMPARE(rows.at(2).tenant, QStringLiteral("t"));

        // Loaded, facts not gathered yet: not known, never "all right".
        in.facts.clear();
        QCOMPARE(workspaceHealth(in).at(2).level, HealthLevel::Attention);
        in.statuses[QStringLiteral("stale")] = ready();
        QCOMPARE(workspaceHealth(in).at(2).level, HealthLevel::Unknown);
    }

    void modelCellsAndLinks()
    {
        HealthInputs in = sharedInputs();
        in.facts[QStringLiteral("shared")].tenants[0].findings = {finding(LintFinding::Severity::Error, QStringLiteral("unreadable"))};
        WorkspaceHealthModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRows(workspaceHealth(in));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(WorkspaceHealthModel::ColumnCount));
        const QModelIndex lint = model.index(0, WorkspaceHealthModel::PermissionsCol);
        QCOMPARE(lint.data().toString(), QStringLiteral("1 error(s)"));
        QCOMPARE(HealthLevel(lint.data(WorkspaceHealthModel::LevelRole).toInt()), HealthLevel::Problem);
        QCOMPARE(lint.data(Qt::ToolTipRole).toString(), QStringLiteral("unreadable"));
        QCOMPARE(model.index(0, WorkspaceHealthModel::HealthCol).data().toString(), QStringLiteral("problem: lint errors"));

        PageLocation link = model.linkOf(lint);
        QCOMPARE(link.page, PageLocation::Page::Permissions);
        QCOMPARE(link.connection, QStringLiteral("shared"));
        QCOMPARE(link.tenant, QStringLiteral("fraud"));
        // The health cell opens the page of its worst figure.
        QCOMPARE(model.linkOf(model.index(0, WorkspaceHealthModel::HealthCol)).page, PageLocation::Page::Permissions);
        QCOMPARE(model.linkOf(model.index(1, WorkspaceHealthModel::FreshnessCol)).page, PageLocation::Page::Materialization);
        QCOMPARE(model.linkOf(model.index(1, WorkspaceHealthModel::LatencyCol)).page, PageLocation::Page::Latency);
        link = model.linkOf(model.index(1, WorkspaceHealthModel::ObjectsCol));
        QCOMPARE(link.page, PageLocation::Page::List);
        QCOMPARE(link.tenant, QStringLiteral("risk"));
        model.setRows({});
        QCOMPARE(model.rowCount(), 0);
    }

    void objectivesAndDashboardTenants()
    {
        TenantObjectives objectives;
        objectives.setStore(QStringLiteral("alpha"), QStringLiteral("redis"), QStringLiteral("redis_cluster"));
        QCOMPARE(objectives.slo(QStringLiteral("alpha")), (SloThreshold{2, 10}));
        QCOMPARE(objectives.storeType(QStringLiteral("alpha")), QStringLiteral("redis cluster"));
        objectives.setSlo(QStringLiteral("alpha"), SloThreshold{3, 30});
        QCOMPARE(objectives.slo(QStringLiteral("alpha")), (SloThreshold{3, 30}));
        QCOMPARE(objectives.slo(QStringLiteral("unknown")), (SloThreshold{10, 50}));
        // A connection keyed by its name, labelled with the catalog's tenant:
        // the tenant row without figures of its own is not listed twice.
        objectives.setStore(QStringLiteral("beta"), QStringLiteral("sqlite"));
        objectives.setLabel(QStringLiteral("conn-b"), QStringLiteral("beta"));
        MetricStore store;
        store.append({QStringLiteral("conn-b"), QStringLiteral("t"), MetricSource::Scrape, metricnames::latencyP50Ms()}, now, 1);
        QCOMPARE(dashboardTenants(objectives, &store), (QStringList{QStringLiteral("alpha"), QStringLiteral("conn-b")}));
        QCOMPARE(objectives.label(QStringLiteral("conn-b")), QStringLiteral("beta"));

        const TenantLatency latency = worstRecentLatency(store, QStringLiteral("conn-b"), now, 60'000);
        QVERIFY(latency.p50);
        QCOMPARE(latency.p50->value, 1.0);
        QVERIFY(!latency.p99);
        QCOMPARE(latency.figures.size(), 1);
        QCOMPARE(sloStatusOf(latency, SloThreshold{10, 50}), SloStatus::Green);
        QCOMPARE(sloStatusOf(TenantLatency{}, SloThreshold{10, 50}), SloStatus::Unknown);
    }
};

QTEST_GUILESS_MAIN(TstWorkspaceHealth)
#include "tst_workspacehealth.moc"
