#pragma once

#include "jobprogress.h"

#include "catalog/catalogpart.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <vector>

namespace feastconsole {

// One side of a comparison: a connection, or one tenant of it, or one project.
struct CompareScope {
    QString connection;
    QString tenant;  // empty: every tenant
    QString project; // empty: every project (of the tenant)
    QString label() const;
    friend bool operator==(const CompareScope &, const CompareScope &) = default;
};

enum class DifferenceStatus { OnlyLeft, OnlyRight, Changed };

// A field that differs, by its path in Feast's proto JSON (protobuf's JSON
// mapping with proto field names): `spec.ttl`, `spec.tags.team`,
// `spec.features[name=amount].value_type`. Repeated messages are matched by
// their `name` (or `feature_view_name`) when every element has a distinct
// one, otherwise by position. A message element on one side only is one
// difference at its own path, its JSON as the value.
struct FieldDifference {
    QString path;
    QString left;  // scalar text or compact JSON; empty when absent (see onLeft)
    QString right;
    bool onLeft = true;
    bool onRight = true;
};

struct ObjectDifference {
    ObjectKind kind = ObjectKind::Project;
    QString name;         // the left name, else the right one
    QString leftProject;  // empty: not on the left
    QString rightProject; // empty: not on the right
    DifferenceStatus status = DifferenceStatus::Changed;
    QList<FieldDifference> fields; // Changed only
    // Views: features by name, derived from the `spec.features[name=…]` fields.
    QStringList featuresOnlyLeft;
    QStringList featuresOnlyRight;
    QStringList featuresChanged;
};

struct Comparison {
    CompareScope left;
    CompareScope right;
    bool byNameAcrossProjects = false; // one project each side, different names
    std::vector<ObjectDifference> differences; // by kind, then name
    int identical = 0;
    QStringList errors; // objects whose stored message could not be read
    int count(DifferenceStatus status) const;
};

// Fields that differ between any two registries without meaning anything
// (glob patterns over paths, `*` matches anything, dots included):
//   *meta.created_timestamp, *meta.last_updated_timestamp   when it was written
//   *meta.materialization_intervals*     materialization runs, not the definition
//   *meta.earliestEventTimestamp, *meta.latestEventTimestamp  data statistics of a source
//   *meta.version_id                     a random id per registered version
// and, when the two sides are different projects, every `project` field whose
// values are exactly the two projects' names.
QStringList defaultIgnoredPaths();

struct CompareOptions {
    QStringList ignoredPaths = defaultIgnoredPaths();
    bool ignoreProjectNames = true;
};

// What the comparison needs of each object: its proto JSON (from its wire
// bytes, which only connectors/ can decode). Sets *error when it can't.
using ObjectJsonProvider = std::function<QJsonObject(const CatalogPart &part, qsizetype object, QString *error)>;

// Differences of two JSON documents, paths relative to `prefix`.
// leftProject/rightProject feed the project-name rule (empty: off).
QList<FieldDifference> diffJson(const QJsonObject &left, const QJsonObject &right, const CompareOptions &options = {},
                                const QString &leftProject = {}, const QString &rightProject = {});

// Every object (features aside: they are compared inside their views) of two
// scopes. Objects pair up by kind, project and name; when each side is one
// project and the projects differ, by kind and name (the two Project records
// pair with each other). Stops early, returning what it has, when *cancel.
// *progress counts the objects of both sides looked at.
Comparison compareScopes(const CatalogPart &left, const CompareScope &leftScope, const CatalogPart &right,
                         const CompareScope &rightScope, const ObjectJsonProvider &json,
                         const CompareOptions &options = {}, const std::atomic_bool *cancel = nullptr,
                         JobProgress *progress = nullptr);

// The projects of `part` a scope covers.
QStringList projectsInScope(const CatalogPart &part, const CompareScope &scope);

} // namespace feastconsole
