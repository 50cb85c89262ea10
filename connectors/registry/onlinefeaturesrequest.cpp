#include "registry/onlinefeaturesrequest.h"

#include "feast/core/DataSource.pb.h"
#include "feast/core/Entity.pb.h"
#include "feast/core/FeatureService.pb.h"

#include <QSet>

namespace feastconsole {

namespace {

QString qs(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

void appendUnique(QList<SnippetField> &fields, const SnippetField &field)
{
    for (const SnippetField &f : fields) {
        if (f.name == field.name)
            return;
    }
    fields.append(field);
}

class RequestBuilder
{
public:
    RequestBuilder(const RegistrySnapshot &snap, OnlineFeaturesRequest &request) : m_snap(snap), m_request(request) {}

    void addView(qsizetype viewIndex)
    {
        if (viewIndex < 0 || m_seen.contains(viewIndex))
            return; // also ends cycles of on-demand views
        m_seen.insert(viewIndex);
        const CatalogObject &view = m_snap.objects[size_t(viewIndex)];
        for (const ObjectRef &ref : view.references) {
            const QString project = ref.project.isEmpty() ? view.project : ref.project;
            if (ref.kind == ObjectKind::Entity) {
                addEntity(m_snap.indexOf(ObjectKind::Entity, project, ref.name));
            } else if (ref.kind == ObjectKind::DataSource && view.kind == ObjectKind::OnDemandFeatureView) {
                addRequestSource(m_snap.indexOf(ObjectKind::DataSource, project, ref.name));
            } else if (ref.kind == ObjectKind::FeatureView && view.kind == ObjectKind::OnDemandFeatureView) {
                for (ObjectKind kind : onlineServedViewKinds)
                    addView(m_snap.indexOf(kind, project, ref.name));
            }
        }
    }

private:
    void addEntity(qsizetype index)
    {
        if (index < 0)
            return;
        const QByteArrayView wire = m_snap.wireOf(m_snap.objects[size_t(index)]);
        feast::core::Entity entity;
        if (!entity.ParseFromArray(wire.data(), int(wire.size())))
            return;
        const std::string &key = entity.spec().join_key().empty() ? entity.spec().name() : entity.spec().join_key();
        appendUnique(m_request.joinKeys, {qs(key), int(entity.spec().value_type())});
    }

    void addRequestSource(qsizetype index)
    {
        if (index < 0)
            return;
        const QByteArrayView wire = m_snap.wireOf(m_snap.objects[size_t(index)]);
        feast::core::DataSource source;
        if (!source.ParseFromArray(wire.data(), int(wire.size())) || !source.has_request_data_options())
            return;
        for (const auto &field : source.request_data_options().schema())
            appendUnique(m_request.requestFields, {qs(field.name()), int(field.value_type())});
    }

    const RegistrySnapshot &m_snap;
    OnlineFeaturesRequest &m_request;
    QSet<qsizetype> m_seen;
};

} // namespace

OnlineFeaturesRequest onlineFeaturesRequest(const CatalogPart &part, const QList<qsizetype> &features)
{
    OnlineFeaturesRequest request;
    const RegistrySnapshot &snap = part.snapshot();
    RequestBuilder builder(snap, request);
    for (qsizetype f : features) {
        if (f < 0 || f >= snap.features.size())
            continue;
        const auto viewIndex = qsizetype(snap.features.row(f).view);
        const CatalogObject &view = snap.objects[size_t(viewIndex)];
        if (request.project.isEmpty())
            request.project = view.project;
        request.features.append(featureReference(view.name, snap.features.name(f)));
        builder.addView(viewIndex);
    }
    return request;
}

OnlineFeaturesRequest featureServiceRequest(const CatalogPart &part, qsizetype serviceIndex)
{
    OnlineFeaturesRequest request;
    const RegistrySnapshot &snap = part.snapshot();
    if (serviceIndex < 0 || serviceIndex >= qsizetype(snap.objects.size()))
        return request;
    const CatalogObject &service = snap.objects[size_t(serviceIndex)];
    const QByteArrayView wire = snap.wireOf(service);
    feast::core::FeatureService proto;
    if (!proto.ParseFromArray(wire.data(), int(wire.size())))
        return request;
    request.project = service.project;
    request.featureService = service.name;
    RequestBuilder builder(snap, request);
    for (const auto &projection : proto.spec().features()) {
        const QString view = qs(projection.feature_view_name());
        const QString shownAs = projection.feature_view_name_alias().empty() ? view : qs(projection.feature_view_name_alias());
        for (const auto &column : projection.feature_columns())
            request.features.append(featureReference(shownAs, qs(column.name())));
        for (ObjectKind kind : onlineServedViewKinds)
            builder.addView(snap.indexOf(kind, service.project, view));
    }
    return request;
}

} // namespace feastconsole
