#include "registry/protoconvert.h"

#include "registry/protovalues.h"

#include "feast/core/DataSource.pb.h"
#include "feast/core/Entity.pb.h"
#include "feast/core/FeatureService.pb.h"
#include "feast/core/FeatureView.pb.h"
#include "feast/core/LabelView.pb.h"
#include "feast/core/OnDemandFeatureView.pb.h"
#include "feast/core/Permission.pb.h"
#include "feast/core/Policy.pb.h"
#include "feast/core/Project.pb.h"
#include "feast/core/SavedDataset.pb.h"
#include "feast/core/StreamFeatureView.pb.h"
#include "feast/core/ValidationProfile.pb.h"

#include <QTimeZone>

#include <algorithm>

namespace feastconsole {

namespace {

using proto::qs;
using proto::tagsOf;
using proto::timeOf;

template<typename Message>
bool parse(Message &message, const char *data, WireSlice slice)
{
    return message.ParseFromArray(data, int(slice.length));
}

void addSourceRef(CatalogObject &o, const feast::core::DataSource &source)
{
    if (!source.name().empty())
        o.references.append({ObjectKind::DataSource, qs(source.name()), {}});
}

void addEntityRefs(CatalogObject &o, const google::protobuf::RepeatedPtrField<std::string> &entities)
{
    for (const std::string &e : entities) {
        if (e != ProtoConverter::dummyEntityName)
            o.references.append({ObjectKind::Entity, qs(e), {}});
    }
}

// The fields every spec-and-meta object shares.
template<typename Message>
void describe(CatalogObject &o, const Message &message)
{
    o.description = qs(message.spec().description());
    o.owner = qs(message.spec().owner());
    o.created = timeOf(message.meta().created_timestamp());
    o.updated = timeOf(message.meta().last_updated_timestamp());
}

QString sourceTypeName(int type)
{
    const auto *descriptor = feast::core::DataSource::SourceType_descriptor()->FindValueByNumber(type);
    return descriptor ? qs(descriptor->name()) : QStringLiteral("TYPE_%1").arg(type);
}

} // namespace

template<typename Spec>
CatalogObject &ProtoConverter::addObject(ObjectKind kind, const Spec &spec, WireSlice slice)
{
    CatalogObject o;
    o.kind = kind;
    o.name = qs(spec.name());
    o.project = qs(spec.project());
    o.tags = tagsOf(spec.tags());
    o.wire = slice;
    m_snap.objects.push_back(std::move(o));
    return m_snap.objects.back();
}

template<typename FeatureList>
void ProtoConverter::addFeatures(CatalogObject &view, const FeatureList &features)
{
    const auto viewIndex = quint32(m_snap.objects.size() - 1);
    view.firstFeature = quint32(m_snap.features.size());
    view.featureCount = quint32(features.size());
    auto view8 = [](const std::string &s) { return QByteArrayView(s.data(), qsizetype(s.size())); };
    FeatureTable::Utf8Tags tags;
    for (const feast::core::FeatureSpecV2 &f : features) {
        tags.clear();
        for (const auto &[key, value] : f.tags())
            tags.emplace_back(view8(key), view8(value));
        m_snap.features.append(viewIndex, view8(f.name()), int(f.value_type()), view8(f.description()), tags);
    }
}

bool ProtoConverter::addProject(const char *data, WireSlice slice)
{
    feast::core::Project message;
    if (!parse(message, data, slice))
        return false;
    const auto &spec = message.spec();
    CatalogObject o;
    o.kind = ObjectKind::Project;
    o.name = qs(spec.name());
    o.project = o.name;
    o.description = qs(spec.description());
    o.owner = qs(spec.owner());
    o.tags = tagsOf(spec.tags());
    o.created = timeOf(message.meta().created_timestamp());
    o.updated = timeOf(message.meta().last_updated_timestamp());
    o.wire = slice;
    m_snap.objects.push_back(std::move(o));
    return true;
}

bool ProtoConverter::addEntity(const char *data, WireSlice slice)
{
    feast::core::Entity message;
    if (!parse(message, data, slice))
        return false;
    const auto &spec = message.spec();
    if (spec.name() == dummyEntityName)
        return true;
    CatalogObject &o = addObject(ObjectKind::Entity, spec, slice);
    describe(o, message);
    o.subtype = qs(spec.join_key());
    return true;
}

bool ProtoConverter::addDataSource(const char *data, WireSlice slice)
{
    feast::core::DataSource message;
    if (!parse(message, data, slice))
        return false;
    CatalogObject &o = addObject(ObjectKind::DataSource, message, slice);
    o.description = qs(message.description());
    o.owner = qs(message.owner());
    o.subtype = sourceTypeName(message.type());
    o.created = timeOf(message.meta().created_timestamp());
    o.updated = timeOf(message.meta().last_updated_timestamp());
    if (message.has_batch_source())
        addSourceRef(o, message.batch_source());
    return true;
}

bool ProtoConverter::addFeatureView(const char *data, WireSlice slice)
{
    feast::core::FeatureView message;
    if (!parse(message, data, slice))
        return false;
    const auto &spec = message.spec();
    CatalogObject &o = addObject(ObjectKind::FeatureView, spec, slice);
    describe(o, message);
    o.subtype = qs(spec.mode());
    addEntityRefs(o, spec.entities());
    if (spec.has_batch_source())
        addSourceRef(o, spec.batch_source());
    if (spec.has_stream_source())
        addSourceRef(o, spec.stream_source());
    for (const auto &sourceView : spec.source_views())
        o.references.append({ObjectKind::FeatureView, qs(sourceView.name()), {}});
    addFeatures(o, spec.features());
    return true;
}

bool ProtoConverter::addOnDemandFeatureView(const char *data, WireSlice slice)
{
    feast::core::OnDemandFeatureView message;
    if (!parse(message, data, slice))
        return false;
    const auto &spec = message.spec();
    CatalogObject &o = addObject(ObjectKind::OnDemandFeatureView, spec, slice);
    describe(o, message);
    o.subtype = qs(spec.mode());
    addEntityRefs(o, spec.entities());
    std::vector<std::string> keys;
    for (const auto &[key, unused] : spec.sources())
        keys.push_back(key);
    std::sort(keys.begin(), keys.end()); // map order is unspecified
    for (const std::string &key : keys) {
        const feast::core::OnDemandSource &source = spec.sources().at(key);
        if (source.has_feature_view())
            o.references.append({ObjectKind::FeatureView, qs(source.feature_view().spec().name()), {}});
        else if (source.has_feature_view_projection())
            o.references.append({ObjectKind::FeatureView, qs(source.feature_view_projection().feature_view_name()), {}});
        else if (source.has_request_data_source())
            addSourceRef(o, source.request_data_source());
    }
    addFeatures(o, spec.features());
    return true;
}

bool ProtoConverter::addStreamFeatureView(const char *data, WireSlice slice)
{
    feast::core::StreamFeatureView message;
    if (!parse(message, data, slice))
        return false;
    const auto &spec = message.spec();
    CatalogObject &o = addObject(ObjectKind::StreamFeatureView, spec, slice);
    describe(o, message);
    o.subtype = qs(spec.mode());
    addEntityRefs(o, spec.entities());
    if (spec.has_batch_source())
        addSourceRef(o, spec.batch_source());
    if (spec.has_stream_source())
        addSourceRef(o, spec.stream_source());
    addFeatures(o, spec.features());
    return true;
}

bool ProtoConverter::addLabelView(const char *data, WireSlice slice)
{
    feast::core::LabelView message;
    if (!parse(message, data, slice))
        return false;
    const auto &spec = message.spec();
    CatalogObject &o = addObject(ObjectKind::LabelView, spec, slice);
    describe(o, message);
    addEntityRefs(o, spec.entities());
    if (spec.has_source())
        addSourceRef(o, spec.source());
    if (!spec.reference_feature_view().empty())
        o.references.append({ObjectKind::FeatureView, qs(spec.reference_feature_view()), {}});
    addFeatures(o, spec.features());
    return true;
}

bool ProtoConverter::addFeatureService(const char *data, WireSlice slice)
{
    feast::core::FeatureService message;
    if (!parse(message, data, slice))
        return false;
    const auto &spec = message.spec();
    CatalogObject &o = addObject(ObjectKind::FeatureService, spec, slice);
    describe(o, message);
    for (const auto &projection : spec.features())
        o.references.append({ObjectKind::FeatureView, qs(projection.feature_view_name()), {}});
    return true;
}

bool ProtoConverter::addSavedDataset(const char *data, WireSlice slice)
{
    feast::core::SavedDataset message;
    if (!parse(message, data, slice))
        return false;
    const auto &spec = message.spec();
    CatalogObject &o = addObject(ObjectKind::SavedDataset, spec, slice);
    o.description = qs(spec.description());
    o.created = timeOf(message.meta().created_timestamp());
    o.updated = timeOf(message.meta().last_updated_timestamp());
    if (!spec.feature_service_name().empty())
        o.references.append({ObjectKind::FeatureService, qs(spec.feature_service_name()), {}});
    return true;
}

bool ProtoConverter::addValidationReference(const char *data, WireSlice slice)
{
    feast::core::ValidationReference message;
    if (!parse(message, data, slice))
        return false;
    CatalogObject &o = addObject(ObjectKind::ValidationReference, message, slice);
    o.description = qs(message.description());
    if (!message.reference_dataset_name().empty())
        o.references.append({ObjectKind::SavedDataset, qs(message.reference_dataset_name()), {}});
    return true;
}

bool ProtoConverter::addPermission(const char *data, WireSlice slice)
{
    feast::core::Permission message;
    if (!parse(message, data, slice))
        return false;
    const auto &spec = message.spec();
    CatalogObject &o = addObject(ObjectKind::Permission, spec, slice);
    o.created = timeOf(message.meta().created_timestamp());
    o.updated = timeOf(message.meta().last_updated_timestamp());
    switch (spec.policy().policy_type_case()) {
    case feast::core::Policy::kRoleBasedPolicy: o.subtype = QStringLiteral("role"); break;
    case feast::core::Policy::kGroupBasedPolicy: o.subtype = QStringLiteral("group"); break;
    case feast::core::Policy::kNamespaceBasedPolicy: o.subtype = QStringLiteral("namespace"); break;
    case feast::core::Policy::kCombinedGroupNamespacePolicy: o.subtype = QStringLiteral("group_namespace"); break;
    default: o.subtype = QStringLiteral("allow_all"); break;
    }
    return true;
}

} // namespace feastconsole
