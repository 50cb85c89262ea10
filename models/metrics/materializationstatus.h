#pragma once

#include "metrics/thresholds.h"

#include <QAbstractTableModel>
#include <QString>

#include <optional>
#include <vector>

namespace feastconsole {

// One materialization run recorded in the registry: [start, end), UTC epoch ms.
struct MaterializationInterval {
    qint64 startMs = 0;
    qint64 endMs = 0;
    friend bool operator==(const MaterializationInterval &, const MaterializationInterval &) = default;
};

// What the registry says about one feature view's materialization, decoded at
// the connector edge (connectors/registry/materializationsource.h) so models/ stays free
// of protobuf.
struct ViewMaterialization {
    QString registry;
    QString tenant;
    QString project;
    QString view;
    qint64 ttlMs = 0; // 0: no TTL (Feast's "features never expire")
    bool online = true;
    std::vector<MaterializationInterval> intervals; // as stored
    qint64 lastAppliedMs = 0; // the view's last `feast apply` (0: unknown), a timeline annotation
    bool stream = false; // a stream feature view (materialized like a batch one)
};

enum class FreshnessState { Fresh, Stale, Never, Offline };
QString freshnessStateId(FreshnessState state); // "fresh", "stale", "never", "offline"

// When a view counts as stale (FreshnessThresholds, thresholds.h): its
// freshness exceeds its TTL times ttlFactor (if it has a TTL) or absoluteMs
// (if set); a view with neither never goes stale.

struct MaterializationStatus {
    FreshnessState state = FreshnessState::Never;
    std::optional<qint64> lastEndMs;                // latest end of any interval
    std::optional<qint64> freshnessMs;              // now - lastEndMs
    std::vector<MaterializationInterval> merged;    // intervals sorted and merged
    std::vector<MaterializationInterval> gaps;      // holes between merged intervals
};

// Sorts and merges overlapping or touching intervals; the gaps are what lies between.
std::vector<MaterializationInterval> mergeIntervals(std::vector<MaterializationInterval> intervals);
std::vector<MaterializationInterval> intervalGaps(const std::vector<MaterializationInterval> &merged);
MaterializationStatus evaluateMaterialization(const ViewMaterialization &view, qint64 nowMs,
                                              const FreshnessThresholds &thresholds = {});
// The state alone, from the latest end of any interval (the rule
// evaluateMaterialization() applies), for callers that keep only that.
std::optional<qint64> lastMaterializedEndMs(const ViewMaterialization &view);
FreshnessState freshnessStateAt(qint64 ttlMs, bool online, std::optional<qint64> lastEndMs, qint64 nowMs,
                                const FreshnessThresholds &thresholds = {});

// The time span a view's materialization timeline shows, UTC epoch ms: from
// its first interval (or its last apply, or a week back) to now (or to the TTL
// deadline when later), with 5 % margin each side. Without a view (nullptr):
// the last week up to now, so an empty timeline still reads as dates near
// today, never as 1970.
struct TimelineSpan {
    qint64 fromMs = 0;
    qint64 toMs = 0;
    friend bool operator==(const TimelineSpan &, const TimelineSpan &) = default;
};
TimelineSpan timelineSpan(const ViewMaterialization *view, const MaterializationStatus *status, qint64 nowMs,
                          double ttlFactor = 1.0);

// "3d 4h", "12m 5s": a duration for a table cell.
QString formatDurationMs(qint64 ms);

// Every feature view of every tenant and connection with its freshness. Sort
// and filter through a QSortFilterProxyModel (SortRole gives raw values).
class MaterializationTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { RegistryColumn, TenantColumn, ProjectColumn, ViewColumn, StateColumn, LastEndColumn,
                  FreshnessColumn, TtlColumn, GapsColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, StateRole, RowRole };

    explicit MaterializationTableModel(QObject *parent = nullptr);

    void setViews(std::vector<ViewMaterialization> views);
    void setNow(qint64 nowMs);
    void setThresholds(const FreshnessThresholds &thresholds);
    const FreshnessThresholds &thresholds() const { return m_thresholds; }
    qint64 now() const { return m_nowMs; }

    const ViewMaterialization &view(int row) const { return m_views[size_t(row)]; }
    const MaterializationStatus &status(int row) const { return m_status[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // Whether row `a` sorts before row `b` in `column`, in SortRole's order,
    // without building QVariants (a proxy's lessThan over 20,000 views).
    bool rowLessThan(int a, int b, int column) const;

private:
    void reevaluate();

    std::vector<ViewMaterialization> m_views;
    std::vector<MaterializationStatus> m_status;
    FreshnessThresholds m_thresholds;
    qint64 m_nowMs = 0;
};

} // namespace feastconsole
