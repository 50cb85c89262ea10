#include "statusmaterialization.h"

#include "json/domainjson.h"

#include "exitcodes.h"
#include "registry/materializationsource.h"
#include "metrics/materializationstatus.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <optional>

namespace feastconsole {

namespace {

struct ServerFigures {
    double succeeded = 0;
    double failed = 0;
    std::optional<double> freshnessS;
};

ServerFigures serverFigures(const QList<ScrapedServer> &servers, const ViewMaterialization &view)
{
    ServerFigures figures;
    const QString success = QStringLiteral("materialization_success:") + view.view;
    const QString failure = QStringLiteral("materialization_failure:") + view.view;
    const QString freshness = QStringLiteral("freshness_s:") + view.project + u'/' + view.view;
    for (const ScrapedServer &s : servers) {
        if (!s.tenant.isEmpty() && s.tenant != view.tenant)
            continue;
        figures.succeeded += s.snapshot.counters.value(success, 0);
        figures.failed += s.snapshot.counters.value(failure, 0);
        if (const auto it = s.snapshot.gauges.constFind(freshness); it != s.snapshot.gauges.cend())
            figures.freshnessS = std::max(figures.freshnessS.value_or(*it), *it);
    }
    return figures;
}

} // namespace

int runStatusMaterialization(const Catalog &catalog, bool json, bool header, QTextStream &out, qint64 nowMs,
                             const FreshnessThresholds &thresholds, const QList<ScrapedServer> *servers)
{
    const std::vector<ViewMaterialization> views = materializationViews(catalog);
    if (json)
        out << "[";
    else if (header)
        out << "CONNECTION\tTENANT\tPROJECT\tFEATURE_VIEW\tSTATE\tFRESHNESS\tLAST_MATERIALIZED\tTTL"
            << (servers ? "\tRUNS" : "") << '\n';
    bool first = true;
    for (const ViewMaterialization &view : views) {
        const MaterializationStatus status = evaluateMaterialization(view, nowMs, thresholds);
        if (json) {
            QJsonObject o = materializationJson(view, status);
            if (servers) {
                const ServerFigures f = serverFigures(*servers, view);
                o.insert(QStringLiteral("runs"), QJsonObject{{QStringLiteral("succeeded"), f.succeeded},
                                                             {QStringLiteral("failed"), f.failed}});
                o.insert(QStringLiteral("server_freshness_s"),
                         f.freshnessS ? QJsonValue(*f.freshnessS) : QJsonValue(QJsonValue::Null));
            }
            out << (first ? "\n" : ",\n") << QJsonDocument(o).toJson(QJsonDocument::Compact);
        } else {
            out << view.registry << '\t' << view.tenant << '\t' << view.project << '\t' << view.view << '\t'
                << freshnessStateId(status.state) << '\t'
                << (status.freshnessMs ? formatDurationMs(*status.freshnessMs) : QStringLiteral("-")) << '\t'
                << (status.lastEndMs ? isoUtc(*status.lastEndMs) : QStringLiteral("never")) << '\t'
                << (view.ttlMs > 0 ? formatDurationMs(view.ttlMs) : QStringLiteral("no-ttl"));
            if (servers) {
                const ServerFigures f = serverFigures(*servers, view);
                out << '\t' << f.succeeded << " ok " << f.failed << " failed";
            }
            out << '\n';
        }
        first = false;
    }
    if (json)
        out << (first ? "]\n" : "\n]\n");
    out.flush();
    return ExitOk;
}

} // namespace feastconsole
