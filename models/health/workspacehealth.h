#pragma once

#include "workspace/connectionstatus.h"
#include "metrics/latencyseries.h"
#include "metrics/materializationstatus.h"
#include "catalog/pagelocation.h"
#include "permissions/permissionlint.h"
#include "health/tenantlatency.h"
#include "metrics/thresholds.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace feastconsole {

class Catalog;
class MetricStore;
struct Workspace;

// What the overview keeps of one view: enough to tell its freshness at any
// instant without the intervals (a large registry has tens of thousands).
struct ViewFreshness {
    QString name; // project/view
    qint64 ttlMs = 0;
    bool online = true;
    std::optional<qint64> lastEndMs;
};
ViewFreshness viewFreshnessOf(const ViewMaterialization &view);

// What one loaded registry says about each of its tenants, gathered once per
// catalog part off the GUI thread (connectors/metrics/healthfacts.h): object counts,
// the materialization record of every view and the permission lint findings.
struct TenantFacts {
    QString tenant;
    int projects = 0;
    qsizetype objects = 0; // every object but projects
    qsizetype features = 0;
    std::vector<ViewFreshness> views;
    QList<LintFinding> findings;
};

struct ConnectionFacts {
    QString connection;
    QList<TenantFacts> tenants;
};

// Per connection and tenant: is everything all right? The overview's rows,
// and what `status health` prints.
enum class HealthLevel { Ok, Attention, Problem, Unknown };
QString healthLevelId(HealthLevel level); // ok, attention, problem, unknown

struct TenantHealth {
    QString connection;
    QString tenant;         // empty: the connection has no data yet
    QString metricsTenant;  // the key its latency figures are filed under
    ConnectionStatus status;
    bool hasFacts = false;
    int projects = 0;
    qsizetype objects = 0;
    qsizetype features = 0;
    int views = 0;             // online views checked against their TTL
    int staleViews = 0;
    int neverMaterialized = 0;
    QString worstView;         // the stalest view ("project/view"), for the detail
    int lintErrors = 0;
    int lintWarnings = 0;
    QString firstFinding;      // the first error (else warning) finding's message
    SloStatus latency = SloStatus::Unknown;
    std::optional<double> p99Ms;
    SloThreshold slo;
    HealthLevel level = HealthLevel::Unknown;
    QStringList reasons;       // why the level is not ok, one line each
    QStringList topics;        // the same, a word or two each ("stale views", "lint errors")
};

struct HealthInputs {
    QStringList connections;                     // in workspace order
    QHash<QString, ConnectionStatus> statuses;   // per connection
    QHash<QString, ConnectionFacts> facts;       // per connection, when gathered
    QHash<QString, QString> metricsKeys;         // per connection: its `tenant`, else its name
    FreshnessThresholds freshness;
    TenantObjectives objectives;
    const MetricStore *metrics = nullptr;
    qint64 nowMs = 0;
    qint64 latencyMaxAgeMs = 5 * 60 * 1000;
};

// One row per tenant of every connection with data, one row for a connection
// without (loading, failed, idle).
QList<TenantHealth> workspaceHealth(const HealthInputs &inputs);

// The inputs as the catalog and the workspace hold them now: every
// connection's status, the workspace's freshness thresholds and objectives,
// and the facts gathered so far.
HealthInputs healthInputs(const Catalog &catalog, const Workspace &workspace, const QHash<QString, ConnectionFacts> &facts,
                          const MetricStore *metrics, qint64 nowMs);

// The overview's table of TenantHealth rows. Each cell links to the page that
// explains it (linkOf()): the tenant's catalog, the materialization page, the
// permissions of the connection, the latency dashboard.
class WorkspaceHealthModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { ConnectionCol, TenantCol, StateCol, ObjectsCol, FeaturesCol, FreshnessCol, PermissionsCol, LatencyCol,
                  HealthCol, ColumnCount };
    enum Role { LevelRole = Qt::UserRole + 1 }; // the cell's HealthLevel as int

    using QAbstractTableModel::QAbstractTableModel;

    void setRows(QList<TenantHealth> rows);
    const QList<TenantHealth> &rows() const { return m_rows; }
    PageLocation linkOf(const QModelIndex &index) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString text(const TenantHealth &row, int column) const;
    QString toolTip(const TenantHealth &row, int column) const;
    HealthLevel cellLevel(const TenantHealth &row, int column) const;
    QList<TenantHealth> m_rows;
};

} // namespace feastconsole
