#include "catalog/objectkind.h"

#include <algorithm>
#include <iterator>

#include <QCoreApplication>

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

QString kindTitle(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Project: return QCoreApplication::translate("ObjectKind", "Projects");
    case ObjectKind::Entity: return QCoreApplication::translate("ObjectKind", "Entities");
    case ObjectKind::DataSource: return QCoreApplication::translate("ObjectKind", "Data sources");
    case ObjectKind::FeatureView: return QCoreApplication::translate("ObjectKind", "Feature views");
    case ObjectKind::OnDemandFeatureView: return QCoreApplication::translate("ObjectKind", "On-demand views");
    case ObjectKind::StreamFeatureView: return QCoreApplication::translate("ObjectKind", "Stream views");
    case ObjectKind::LabelView: return QCoreApplication::translate("ObjectKind", "Label views");
    case ObjectKind::Feature: return QCoreApplication::translate("ObjectKind", "Features");
    case ObjectKind::FeatureService: return QCoreApplication::translate("ObjectKind", "Feature services");
    case ObjectKind::SavedDataset: return QCoreApplication::translate("ObjectKind", "Saved datasets");
    case ObjectKind::ValidationReference: return QCoreApplication::translate("ObjectKind", "Validation references");
    case ObjectKind::Permission: return QCoreApplication::translate("ObjectKind", "Permissions");
    }
    return {};
}

QString kindName(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Project: return QCoreApplication::translate("ObjectKind", "Project");
    case ObjectKind::Entity: return QCoreApplication::translate("ObjectKind", "Entity");
    case ObjectKind::DataSource: return QCoreApplication::translate("ObjectKind", "Data source");
    case ObjectKind::FeatureView: return QCoreApplication::translate("ObjectKind", "Feature view");
    case ObjectKind::OnDemandFeatureView: return QCoreApplication::translate("ObjectKind", "On-demand feature view");
    case ObjectKind::StreamFeatureView: return QCoreApplication::translate("ObjectKind", "Stream feature view");
    case ObjectKind::LabelView: return QCoreApplication::translate("ObjectKind", "Label view");
    case ObjectKind::Feature: return QCoreApplication::translate("ObjectKind", "Feature");
    case ObjectKind::FeatureService: return QCoreApplication::translate("ObjectKind", "Feature service");
    case ObjectKind::SavedDataset: return QCoreApplication::translate("ObjectKind", "Saved dataset");
    case ObjectKind::ValidationReference: return QCoreApplication::translate("ObjectKind", "Validation reference");
    case ObjectKind::Permission: return QCoreApplication::translate("ObjectKind", "Permission");
    }
    return {};
}

bool isViewKind(ObjectKind kind)
{
    return kind == ObjectKind::FeatureView || kind == ObjectKind::OnDemandFeatureView
        || kind == ObjectKind::StreamFeatureView || kind == ObjectKind::LabelView;
}

bool isOnlineServedView(ObjectKind kind)
{
    return std::find(std::begin(onlineServedViewKinds), std::end(onlineServedViewKinds), kind) != std::end(onlineServedViewKinds);
}

} // namespace feastconsole
