#pragma once

// The JSON shapes of the console's domain objects, one encoder each: the CLI's
// --json output and the web console's messages print these and nothing else,
// so every front end says the same thing in the same words.

#include "catalog/catalog.h"
#include "metrics/latencyseries.h"
#include "metrics/materializationstatus.h"
#include "permissions/accessquestions.h"
#include "permissions/permission.h"
#include "permissions/permissionengine.h"
#include "permissions/permissionimpact.h"
#include "permissions/permissionlint.h"
#include "health/workspacehealth.h"
#include "compare/comparison.h"
#include "lineage/lineagelayout.h"
#include "crexport/crvalidation.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

namespace feastconsole {

// Catalog: registry, tenant, project, kind, name; features add feature_view
// and dtype; description, owner and tags when present.
QJsonObject catalogItemJson(const CatalogItem &item);
QJsonObject tagsJson(const Tags &tags);
QJsonValue timeJson(const QDateTime &time); // ISO 8601 with milliseconds, null when unset
// One feature of a view: name, dtype, description and tags when present.
QJsonObject featureJson(const RegistrySnapshot &snapshot, qsizetype feature);
// A search hit: the item's JSON with its rank (1 = best) and score.
QJsonObject searchHitJson(const CatalogItem &item, int rank, int score);
// A connection's state: name, state, progress, error (category, message),
// last_success, next_retry, stale.
QJsonObject connectionStatusJson(const QString &name, const ConnectionStatus &status);
// A reference to another object; an empty project is `ownerProject`'s.
QJsonObject objectRefJson(const ObjectRef &ref, const QString &ownerProject);

// Permissions: a decision (allowed, decision, permissions, explanation), a
// lint finding of `registry`, a field-by-field change, the impact of an edit.
QJsonObject decisionJson(const Decision &decision);
// A lineage graph as the desktop draws it: nodes (registry, kind, project,
// name, subtype, external, missing, x, y, w, h), edges (from, to: node
// indexes, `from` used by `to`; route: [[x, y], …]), width, height, crossings.
QJsonObject lineageJson(const LineageGraph &graph, const LineageLayout &layout);
// A comparison: left and right ({registry, tenant, project, label}),
// by_name_across_projects, identical, counts {only_left, only_right,
// changed}, errors, total (differences), truncated, and the first
// `maxDifferences` differences (kind, name, left_project, right_project,
// status, fields [{path, left, right, on_left, on_right}], features_*).
QJsonObject comparisonJson(const Comparison &comparison, int maxDifferences);
// permissions check: the decision, its registry and resource_found.
QJsonObject accessCheckJson(const AccessCheck &check);
// permissions who-can: one decision per principal, with "principal".
QJsonArray whoCanJson(const WhoCanAnswer &answer);
// permissions what-can: registry, project, kind, name, actions (and undecided when any).
QJsonObject resourceActionsJson(const ResourceActions &row);
QJsonObject lintFindingJson(const QString &registry, const LintFinding &finding);
QJsonArray fieldChangesJson(const QList<FieldChange> &changes);
QJsonObject impactJson(const QString &project, const PermissionImpact &impact);

// Health of one overview row (`status health --json`).
QJsonObject tenantHealthJson(const TenantHealth &row);

// One view's materialization against its TTL (`status materialization --json`).
QJsonObject materializationJson(const ViewMaterialization &view, const MaterializationStatus &status);
// UTC ISO 8601, milliseconds only when there are some.
QString isoUtc(qint64 msecs);

// One exported document's validation: document, valid, errors (path,
// message), unchecked_rules (CEL rules the console does not check).
QJsonObject documentReportJson(const DocumentReport &report);

// One latency figure of a source (`status latency --json`); windowS > 0 adds window_s.
QJsonObject latencyItemJson(const LatencyItem &item, qint64 windowS);

} // namespace feastconsole
