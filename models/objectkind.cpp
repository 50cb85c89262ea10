#include "objectkind.h"

namespace feastconsole {

QString kindId(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Project: return QStringLiteral("project");
    case ObjectKind::Entity: return QStringLiteral("entity");
    case ObjectKind::DataSource: return QStringLiteral("data_source");
    case ObjectKind::FeatureView: return QStringLiteral("feature_view");
    case ObjectKind::OnDemandFeatureView: return QStringLiteral("on_demand_feature_view");
    case ObjectKind::StreamFeatureView: return QStringLiteral("stream_feature_view");
    case ObjectKind::LabelView: return QStringLiteral("label_view");
    case ObjectKind::Feature: return QStringLiteral("feature");
    case ObjectKind::FeatureService: return QStringLiteral("feature_service");
    case ObjectKind::SavedDataset: return QStringLiteral("saved_dataset");
    case ObjectKind::ValidationReference: return QStringLiteral("validation_reference");
    case ObjectKind::Permission: return QStringLiteral("permission");
    }
    return {};
}

std::optional<ObjectKind> kindFromId(QStringView id)
{
    for (ObjectKind kind : allObjectKinds) {
        if (kindId(kind) == id)
            return kind;
    }
    return std::nullopt;
}

bool isViewKind(ObjectKind kind)
{
    return kind == ObjectKind::FeatureView || kind == ObjectKind::OnDemandFeatureView
        || kind == ObjectKind::StreamFeatureView || kind == ObjectKind::LabelView;
}

} // namespace feastconsole
