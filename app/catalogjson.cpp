#include "catalogjson.h"

#include "objectdetail.h"
#include "valuetype.h"

#include <QJsonArray>

namespace feastconsole {

namespace {

QJsonObject tagsJson(const Tags &tags)
{
    QJsonObject o;
    for (const auto &[k, v] : tags)
        o.insert(k, v);
    return o;
}

QJsonValue timeJson(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonObject featureJson(const RegistrySnapshot &snap, qsizetype f)
{
    QJsonObject o{{QStringLiteral("name"), snap.features.name(f)},
                  {QStringLiteral("dtype"), feastTypeName(snap.features.row(f).valueType)}};
    if (const QString d = snap.features.description(f); !d.isEmpty())
        o.insert(QStringLiteral("description"), d);
    if (const Tags t = snap.features.tags(f); !t.isEmpty())
        o.insert(QStringLiteral("tags"), tagsJson(t));
    return o;
}

} // namespace

QJsonObject itemJson(const CatalogItem &item)
{
    QJsonObject o{{QStringLiteral("registry"), item.registry}, {QStringLiteral("tenant"), item.tenant},
                  {QStringLiteral("project"), item.project}, {QStringLiteral("kind"), kindId(item.kind)},
                  {QStringLiteral("name"), item.name}};
    if (item.kind == ObjectKind::Feature) {
        o.insert(QStringLiteral("feature_view"), item.featureView);
        o.insert(QStringLiteral("dtype"), item.dtype);
    }
    if (!item.description.isEmpty())
        o.insert(QStringLiteral("description"), item.description);
    if (!item.owner.isEmpty())
        o.insert(QStringLiteral("owner"), item.owner);
    if (!item.tags.isEmpty())
        o.insert(QStringLiteral("tags"), tagsJson(item.tags));
    return o;
}

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
            QJsonObject o = itemJson(itemFor(part, -1, f));
            o.insert(QStringLiteral("feature_view_kind"), kindId(view.kind));
            return o;
        }
        return {};
    }
    const qsizetype index = snap.indexOf(kind, project, name);
    if (index < 0)
        return {};
    const CatalogObject &object = snap.objects[size_t(index)];
    QJsonObject o = itemJson(itemFor(part, index, -1));
    if (!object.subtype.isEmpty())
        o.insert(QStringLiteral("subtype"), object.subtype);
    o.insert(QStringLiteral("created"), timeJson(object.created));
    o.insert(QStringLiteral("updated"), timeJson(object.updated));
    QJsonArray refs;
    for (const ObjectRef &ref : object.references) {
        refs.append(QJsonObject{{QStringLiteral("kind"), kindId(ref.kind)}, {QStringLiteral("name"), ref.name},
                                {QStringLiteral("project"), ref.project.isEmpty() ? object.project : ref.project}});
    }
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
