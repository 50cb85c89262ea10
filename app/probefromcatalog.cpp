#include "probefromcatalog.h"

#include "catalog/catalog.h"
#include "exitcodes.h"
#include "registry/onlinefeaturesrequest.h"
#include "catalog/snippets.h"
#include "catalog/valuetype.h"
#include "registry/workspacesession.h"

#include <QEventLoop>

namespace feastconsole {

QHash<QString, QStringList> parseEntityRows(const QString &text, QString *error)
{
    QHash<QString, QStringList> rows;
    for (const QString &pair : text.split(u';', Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(u'=');
        if (eq <= 0) {
            if (error)
                *error = QStringLiteral("\"%1\" is not key=value,…").arg(pair.trimmed());
            return {};
        }
        QStringList values;
        for (const QString &v : pair.mid(eq + 1).split(u',', Qt::SkipEmptyParts))
            values.append(v.trimmed());
        rows.insert(pair.left(eq).trimmed(), values);
    }
    return rows;
}

namespace {

struct FoundView {
    CatalogPartPtr part;
    qsizetype index = -1;
};

QList<FoundView> findViews(const Catalog &catalog, const QString &project, const QString &name)
{
    QList<FoundView> found;
    for (const CatalogPartPtr &part : catalog.parts()) {
        const RegistrySnapshot &snap = part->snapshot();
        for (size_t i = 0; i < snap.objects.size(); ++i) {
            const CatalogObject &o = snap.objects[i];
            if (isOnlineServedView(o.kind) && o.name == name && (project.isEmpty() || o.project == project))
                found.append({part, qsizetype(i)});
        }
    }
    return found;
}

} // namespace

CatalogProbeBody probeBodyFromCatalog(const QList<ConnectionSpec> &connections, const QString &view,
                                      const QString &features, const QString &entities)
{
    if (connections.isEmpty())
        return {{}, QStringLiteral("--probe-view needs the registry it is in: --registry URL or --workspace FILE"), ExitUsage};
    Catalog catalog;
    Workspace ws;
    ws.connections = connections;
    loadWorkspaceOnce(catalog, ws);
    for (const ConnectionSpec &c : connections) {
        const ConnectionStatus status = catalog.status(c.name);
        if (status.state != ConnectionState::Ready)
            return {{}, status.error.message, exitCodeFor(status.error.category)};
    }

    const qsizetype slash = view.indexOf(u'/');
    const QString project = slash < 0 ? QString() : view.left(slash);
    const QString name = slash < 0 ? view : view.mid(slash + 1);
    const QList<FoundView> found = findViews(catalog, project, name);
    if (found.isEmpty())
        return {{}, QStringLiteral("--probe-view: no feature view \"%1\" in the catalog").arg(view), ExitBadInput};
    if (found.size() > 1) {
        QStringList where;
        for (const FoundView &f : found)
            where << f.part->registry() + u':' + f.part->snapshot().objects[size_t(f.index)].project;
        return {{}, QStringLiteral("--probe-view: \"%1\" is in several projects (%2); write PROJECT/VIEW")
                        .arg(view, where.join(QStringLiteral(", "))),
                ExitUsage};
    }
    const CatalogPart &part = *found.first().part;
    const RegistrySnapshot &snap = part.snapshot();
    const CatalogObject &v = snap.objects[size_t(found.first().index)];

    QList<qsizetype> rows;
    const QStringList wanted = features.split(u',', Qt::SkipEmptyParts);
    for (const QString &raw : wanted) {
        QString feature = raw.trimmed();
        if (feature.startsWith(v.name + u':'))
            feature = feature.mid(v.name.size() + 1);
        qsizetype row = -1;
        for (quint32 f = 0; f < v.featureCount && row < 0; ++f) {
            if (snap.features.name(v.firstFeature + f) == feature)
                row = v.firstFeature + f;
        }
        if (row < 0)
            return {{}, QStringLiteral("--probe-features: view %1 has no feature \"%2\"").arg(v.name, raw.trimmed()), ExitBadInput};
        rows.append(row);
    }
    if (wanted.isEmpty()) {
        for (quint32 f = 0; f < v.featureCount; ++f)
            rows.append(v.firstFeature + f);
    }
    if (rows.isEmpty())
        return {{}, QStringLiteral("--probe-view: %1 has no features").arg(v.name), ExitBadInput};
    const OnlineFeaturesRequest request = onlineFeaturesRequest(part, rows);

    QString parseError;
    const QHash<QString, QStringList> values = parseEntityRows(entities, &parseError);
    if (!parseError.isEmpty())
        return {{}, QStringLiteral("--probe-entities: ") + parseError, ExitUsage};
    QStringList missing;
    for (const SnippetField &f : request.joinKeys + request.requestFields) {
        if (!values.contains(f.name))
            missing << QStringLiteral("%1=… (%2)").arg(f.name, feastTypeName(f.valueType));
    }
    if (!missing.isEmpty())
        return {{}, QStringLiteral("--probe-view %1 needs --probe-entities %2").arg(view, missing.join(u';')), ExitUsage};
    const OnlineFeaturesBody body = onlineFeaturesBody(request, values);
    if (!body.error.isEmpty())
        return {{}, QStringLiteral("--probe-entities: ") + body.error, ExitUsage};
    return {body.json, {}, 0};
}

} // namespace feastconsole
