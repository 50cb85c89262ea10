#include "registry/objectdetail.h"

#include "feast/core/DataSource.pb.h"
#include "feast/core/Entity.pb.h"
#include "feast/core/FeatureService.pb.h"
#include "feast/core/FeatureView.pb.h"
#include "feast/core/LabelView.pb.h"
#include "feast/core/OnDemandFeatureView.pb.h"
#include "feast/core/Permission.pb.h"
#include "feast/core/Project.pb.h"
#include "feast/core/SavedDataset.pb.h"
#include "feast/core/StreamFeatureView.pb.h"
#include "feast/core/ValidationProfile.pb.h"

#include <google/protobuf/util/json_util.h>

#include <QJsonDocument>

#include <memory>

namespace feastconsole {

namespace {

std::unique_ptr<google::protobuf::Message> messageFor(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Project: return std::make_unique<feast::core::Project>();
    case ObjectKind::Entity: return std::make_unique<feast::core::Entity>();
    case ObjectKind::DataSource: return std::make_unique<feast::core::DataSource>();
    case ObjectKind::FeatureView: return std::make_unique<feast::core::FeatureView>();
    case ObjectKind::OnDemandFeatureView: return std::make_unique<feast::core::OnDemandFeatureView>();
    case ObjectKind::StreamFeatureView: return std::make_unique<feast::core::StreamFeatureView>();
    case ObjectKind::LabelView: return std::make_unique<feast::core::LabelView>();
    case ObjectKind::FeatureService: return std::make_unique<feast::core::FeatureService>();
    case ObjectKind::SavedDataset: return std::make_unique<feast::core::SavedDataset>();
    case ObjectKind::ValidationReference: return std::make_unique<feast::core::ValidationReference>();
    case ObjectKind::Permission: return std::make_unique<feast::core::Permission>();
    case ObjectKind::Feature: return nullptr;
    }
    return nullptr;
}

} // namespace

ObjectDetail objectDetail(ObjectKind kind, QByteArrayView wire)
{
    auto message = messageFor(kind);
    if (!message)
        return {{}, QStringLiteral("%1 objects have no message of their own").arg(kindId(kind))};
    if (wire.isEmpty())
        return {{}, QStringLiteral("the registry holds no record of this %1").arg(kindId(kind))};
    if (!message->ParseFromArray(wire.data(), int(wire.size())))
        return {{}, QStringLiteral("the stored %1 cannot be decoded").arg(kindId(kind))};
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    std::string json;
    if (!google::protobuf::util::MessageToJsonString(*message, &json, options).ok())
        return {{}, QStringLiteral("the stored %1 cannot be printed").arg(kindId(kind))};
    return {QJsonDocument::fromJson(QByteArray::fromStdString(json)).object(), {}};
}

} // namespace feastconsole
