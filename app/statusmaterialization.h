#pragma once

#include "metrics/scrapeanalysis.h"

#include <QList>
#include <QString>
#include <QtGlobal>

class QTextStream;

namespace feastconsole {

class Catalog;
struct FreshnessThresholds;

// `feast-console status materialization [--json]`: one item per feature view of
// every loaded connection with registry, tenant, project, feature_view,
// last_materialized_end (ISO 8601 UTC or null), ttl_s, freshness_s, state
// (fresh|stale|never|offline), intervals and gaps. Returns an exit code.
// With feature servers scraped (`servers`, given when a metrics source was
// named), each item adds `runs` {succeeded, failed}: the materializations
// those servers ran for the view (Feast counts them by view name; a server
// with a tenant counts only for that tenant's views), and `server_freshness_s`
// from Feast's own freshness gauge (null when the server does not report it).
struct ScrapedServer {
    QString tenant; // empty: any
    QString url;
    ScrapeSnapshot snapshot;
};
int runStatusMaterialization(const Catalog &catalog, bool json, bool header, QTextStream &out, qint64 nowMs,
                             const FreshnessThresholds &thresholds, const QList<ScrapedServer> *servers = nullptr);

} // namespace feastconsole
