#include "statushealth.h"

#include "json/domainjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

namespace feastconsole {

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
