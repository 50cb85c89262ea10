#pragma once

#include <QtGlobal>

class QTextStream;

namespace feastconsole {

class Catalog;
struct FreshnessThresholds;

// `feast-console status materialization [--json]`: one item per feature view of
// every loaded connection with registry, tenant, project, feature_view,
// last_materialized_end (ISO 8601 UTC or null), ttl_s, freshness_s, state
// (fresh|stale|never|offline), intervals and gaps. Returns an exit code.
int runStatusMaterialization(const Catalog &catalog, bool json, QTextStream &out, qint64 nowMs,
                             const FreshnessThresholds &thresholds);

} // namespace feastconsole
