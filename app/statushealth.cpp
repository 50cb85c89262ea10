#include "statushealth.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

namespace feastconsole {

QJsonObject tenantHealthJson(const TenantHealth &row)
{
    auto nullable = [&row](auto value) { return row.hasFacts ? QJsonValue(double(value)) : QJsonValue(QJsonValue::Null); };
    return QJsonObject{{QStringLiteral("registry"), row.connection},
                       {QStringLiteral("tenant"), row.tenant.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(row.tenant)},
                       {QStringLiteral("state"), stateId(row.status.state)},
                       {QStringLiteral("error"), row.status.error.isError() ? QJsonValue(row.status.error.message)
                                                                            : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("projects"), nullable(row.projects)},
                       {QStringLiteral("objects"), nullable(row.objects)},
                       {QStringLiteral("features"), nullable(row.features)},
                       {QStringLiteral("online_views"), nullable(row.views)},
                       {QStringLiteral("stale_views"), nullable(row.staleViews)},
                       {QStringLiteral("never_materialized"), nullable(row.neverMaterialized)},
                       {QStringLiteral("lint_errors"), nullable(row.lintErrors)},
                       {QStringLiteral("lint_warnings"), nullable(row.lintWarnings)},
                       {QStringLiteral("latency"), sloStatusId(row.latency)},
                       {QStringLiteral("p99_ms"), row.p99Ms ? QJsonValue(*row.p99Ms) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("level"), healthLevelId(row.level)},
                       {QStringLiteral("reasons"), QJsonArray::fromStringList(row.reasons)}};
}

void printStatusHealth(const QList<TenantHealth> &rows, bool json, bool header, QTextStream &out)
{
    if (json) {
        QJsonArray array;
        for (const TenantHealth &row : rows)
            array.append(tenantHealthJson(row));
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        out.flush();
        return;
    }
    if (header)
        out << "CONNECTION\tTENANT\tSTATE\tOBJECTS\tFEATURES\tVIEWS\tSTALE\tNEVER\tLINT_ERRORS\tLINT_WARNINGS\tHEALTH\tREASONS\n";
    for (const TenantHealth &row : rows) {
        auto count = [&row](qsizetype n) { return row.hasFacts ? QString::number(n) : QStringLiteral("-"); };
        out << row.connection << '\t' << (row.tenant.isEmpty() ? QStringLiteral("-") : row.tenant) << '\t'
            << stateId(row.status.state) << '\t' << count(row.objects) << '\t' << count(row.features) << '\t'
            << count(row.views) << '\t' << count(row.staleViews) << '\t' << count(row.neverMaterialized) << '\t'
            << count(row.lintErrors) << '\t' << count(row.lintWarnings) << '\t' << healthLevelId(row.level) << '\t'
            << (row.reasons.isEmpty() ? QStringLiteral("-") : row.reasons.join(QStringLiteral("; "))) << '\n';
    }
    out.flush();
}

} // namespace feastconsole
