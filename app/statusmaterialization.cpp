#include "statusmaterialization.h"

#include "exitcodes.h"
#include "materializationsource.h"
#include "materializationstatus.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

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

} // namespace

int runStatusMaterialization(const Catalog &catalog, bool json, QTextStream &out, qint64 nowMs,
                             const FreshnessThresholds &thresholds)
{
    const std::vector<ViewMaterialization> views = materializationViews(catalog);
    if (json)
        out << "[";
    bool first = true;
    for (const ViewMaterialization &view : views) {
        const MaterializationStatus status = evaluateMaterialization(view, nowMs, thresholds);
        if (json) {
            QJsonObject o{{QStringLiteral("registry"), view.registry},
                          {QStringLiteral("tenant"), view.tenant},
                          {QStringLiteral("project"), view.project},
                          {QStringLiteral("feature_view"), view.view},
                          {QStringLiteral("last_materialized_end"),
                           status.lastEndMs ? QJsonValue(isoUtc(*status.lastEndMs)) : QJsonValue(QJsonValue::Null)},
                          {QStringLiteral("freshness_s"),
                           status.freshnessMs ? QJsonValue(double(*status.freshnessMs) / 1000) : QJsonValue(QJsonValue::Null)},
                          {QStringLiteral("ttl_s"), double(view.ttlMs) / 1000},
                          {QStringLiteral("online"), view.online},
                          {QStringLiteral("state"), freshnessStateId(status.state)},
                          {QStringLiteral("intervals"), intervalsJson(view.intervals)},
                          {QStringLiteral("gaps"), intervalsJson(status.gaps)}};
            out << (first ? "\n" : ",\n") << QJsonDocument(o).toJson(QJsonDocument::Compact);
        } else {
            out << view.registry << '\t' << view.project << '\t' << view.view << '\t' << freshnessStateId(status.state)
                << '\t' << (status.lastEndMs ? isoUtc(*status.lastEndMs) : QStringLiteral("never")) << '\t'
                << (view.ttlMs > 0 ? formatDurationMs(view.ttlMs) : QStringLiteral("no-ttl")) << '\n';
        }
        first = false;
    }
    if (json)
        out << (first ? "]\n" : "\n]\n");
    out.flush();
    return ExitOk;
}

} // namespace feastconsole
