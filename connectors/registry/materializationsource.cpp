#include "registry/materializationsource.h"

#include "feast/core/FeatureView.pb.h"
#include "feast/core/StreamFeatureView.pb.h"

#include <QDateTime>

namespace feastconsole {

namespace {

qint64 msecsOf(const google::protobuf::Timestamp &t)
{
    return qint64(t.seconds()) * 1000 + t.nanos() / 1'000'000;
}

} // namespace

std::optional<ViewMaterialization> materializationOf(const CatalogPart &part, qsizetype objectIndex)
{
    const RegistrySnapshot &snap = part.snapshot();
    if (objectIndex < 0 || objectIndex >= qsizetype(snap.objects.size()))
        return std::nullopt;
    const CatalogObject &object = snap.objects[size_t(objectIndex)];
    // Batch and stream feature views are materialized; on-demand ones are computed at read time.
    if (object.kind != ObjectKind::FeatureView && object.kind != ObjectKind::StreamFeatureView)
        return std::nullopt;
    ViewMaterialization view;
    view.registry = part.registry();
    view.tenant = part.tenantOf(object.project);
    view.project = object.project;
    view.view = object.name;
    view.stream = object.kind == ObjectKind::StreamFeatureView;
    const QDateTime applied = object.updated.isValid() ? object.updated : object.created;
    view.lastAppliedMs = applied.isValid() ? applied.toMSecsSinceEpoch() : 0;
    const QByteArrayView wire = snap.wireOf(object);
    const auto read = [&view](const auto &message) {
        const auto &ttl = message.spec().ttl();
        view.ttlMs = qint64(ttl.seconds()) * 1000 + ttl.nanos() / 1'000'000;
        view.online = message.spec().online();
        for (const auto &interval : message.meta().materialization_intervals())
            view.intervals.push_back({msecsOf(interval.start_time()), msecsOf(interval.end_time())});
    };
    if (!wire.isEmpty()) {
        if (view.stream) {
            feast::core::StreamFeatureView message;
            if (message.ParseFromArray(wire.data(), int(wire.size())))
                read(message);
        } else {
            feast::core::FeatureView message;
            if (message.ParseFromArray(wire.data(), int(wire.size())))
                read(message);
        }
    }
    return view;
}

std::vector<ViewMaterialization> materializationViews(const CatalogPart &part)
{
    std::vector<ViewMaterialization> views;
    const qsizetype count = qsizetype(part.snapshot().objects.size());
    for (qsizetype i = 0; i < count; ++i) {
        if (std::optional<ViewMaterialization> view = materializationOf(part, i))
            views.push_back(std::move(*view));
    }
    return views;
}

std::vector<ViewMaterialization> materializationViews(const Catalog &catalog)
{
    std::vector<ViewMaterialization> views;
    for (const CatalogPartPtr &part : catalog.parts()) {
        std::vector<ViewMaterialization> some = materializationViews(*part);
        views.insert(views.end(), std::make_move_iterator(some.begin()), std::make_move_iterator(some.end()));
    }
    return views;
}

MaterializationResults *newMaterializationResults(const Catalog *catalog, QThreadPool *pool, QObject *parent)
{
    return new MaterializationResults(catalog, pool, [](const QString &, const CatalogPartPtr &part) {
        return [part] { return materializationViews(*part); };
    }, parent);
}

} // namespace feastconsole
