#include "catalogjson.h"

#include "json/domainjson.h"

#include "registry/objectdetail.h"
#include "catalog/valuetype.h"

#include <QJsonArray>

namespace feastconsole {

QString itemHeaderLine()
{
    return QStringLiteral("CONNECTION\tTENANT\tPROJECT\tKIND\tNAME\tFEATURE_VIEW\tTYPE");
}

QString itemLine(const CatalogItem &item)
{
    // Every line has the header's seven columns; objects leave the last two empty.
    QStringList fields{item.registry, item.tenant, item.project, kindId(item.kind), item.name};
    if (item.kind == ObjectKind::Feature)
        fields << item.featureView << item.dtype;
    else
        fields << QString() << QString();
    return fields.join(u'\t');
}

QJsonObject findObjectDetail(const CatalogPart &part, ObjectKind kind, const QString &project, const QString &name)
{
    const RegistrySnapshot &snap = part.snapshot();
    if (kind == ObjectKind::Feature) {
        const qsizetype colon = name.indexOf(u':');
        const QString viewName = colon < 0 ? QString() : name.left(colon);
        const QString featureName = colon < 0 ? name : name.mid(colon + 1);
        for (qsizetype f = 0; f < snap.features.size(); ++f) {
            const CatalogObject &view = snap.objects[snap.features.row(f).view];
            if (view.project != project || (!viewName.isEmpty() && view.name != viewName)
                || snap.features.name(f) != featureName)
                continue;
            QJsonObject o = catalogItemJson(itemFor(part, -1, f));
            o.insert(QStringLiteral("feature_view_kind"), kindId(view.kind));
            return o;
        }
        return {};
    }
    const qsizetype index = snap.indexOf(kind, project, name);
    if (index < 0)
        return {};
    const CatalogObject &object = snap.objects[size_t(index)];
    QJsonObject o = catalogItemJson(itemFor(part, index, -1));
    if (!object.subtype.isEmpty())
        o.insert(QStringLiteral("subtype"), object.subtype);
    o.insert(QStringLiteral("created"), timeJson(object.created));
    o.insert(QStringLiteral("updated"), timeJson(object.updated));
    QJsonArray refs;
    for (const ObjectRef &ref : object.references)
        refs.append(objectRefJson(ref, object.project));
    o.insert(QStringLiteral("references"), refs);
    if (isViewKind(object.kind)) {
        QJsonArray features;
        for (quint32 f = 0; f < object.featureCount; ++f)
            features.append(featureJson(snap, qsizetype(object.firstFeature + f)));
        o.insert(QStringLiteral("features"), features);
    }
    const ObjectDetail detail = objectDetail(object.kind, snap.wireOf(object));
    if (detail.error.isEmpty())
        o.insert(QStringLiteral("detail"), detail.json);
    else
        o.insert(QStringLiteral("detail_error"), detail.error);
    return o;
}

} // namespace feastconsole
