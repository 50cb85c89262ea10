#include "statusmaterialization.h"

#include "exitcodes.h"
#include "materializationsource.h"
#include "materializationstatus.h"

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

QString isoUtc(qint64 msecs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
    return t.toString(msecs % 1000 == 0 ? Qt::ISODate : Qt::ISODateWithMs);
}

QJsonArray intervalsJson(const std::vector<MaterializationInterval> &intervals)
{
    QJsonArray array;
    for (const MaterializationInterval &i : intervals)
        array.append(QJsonArray{isoUtc(i.startMs), isoUtc(i.endMs)});
    return array;
}

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
            QJsonObject o{{QStringLiteral("registry"), view.registry},
                          {QStringLiteral("tenant"), view.tenant},
                          {QStringLiteral("project"), view.project},
                          {QStringLiteral("feature_view"), view.view},
                          {QStringLiteral("kind"), view.stream ? QStringLiteral("stream_feature_view") : QStringLiteral("feature_view")},
                          {QStringLiteral("last_materialized_end"),
                           status.lastEndMs ? QJsonValue(isoUtc(*status.lastEndMs)) : QJsonValue(QJsonValue::Null)},
                          {QStringLiteral("freshness_s"),
                           status.freshnessMs ? QJsonValue(double(*status.freshnessMs) / 1000) : QJsonValue(QJsonValue::Null)},
                          {QStringLiteral("ttl_s"), double(view.ttlMs) / 1000},
                          {QStringLiteral("online"), view.online},
                          {QStringLiteral("state"), freshnessStateId(status.state)},
                          {QStringLiteral("intervals"), intervalsJson(view.intervals)},
                          {QStringLiteral("gaps"), intervalsJson(status.gaps)}};
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
