#pragma once

#include <QString>
#include <QStringView>

#include <array>
#include <optional>

namespace feastconsole {

// Every kind of object the catalog knows. Identifiers are the stable
// snake_case names used by the CLI's JSON output.
enum class ObjectKind : quint8 {
    Project,
    Entity,
    DataSource,
    FeatureView,
    OnDemandFeatureView,
    StreamFeatureView,
    LabelView,
    Feature,
    FeatureService,
    SavedDataset,
    ValidationReference,
    Permission,
};

inline constexpr std::array allObjectKinds = {
    ObjectKind::Project,          ObjectKind::Entity,
    ObjectKind::DataSource,       ObjectKind::FeatureView,
    ObjectKind::OnDemandFeatureView, ObjectKind::StreamFeatureView,
    ObjectKind::LabelView,        ObjectKind::Feature,
    ObjectKind::FeatureService,   ObjectKind::SavedDataset,
    ObjectKind::ValidationReference, ObjectKind::Permission,
};

QString kindId(ObjectKind kind);
std::optional<ObjectKind> kindFromId(QStringView id);
bool isViewKind(ObjectKind kind);
// Views whose features Feast's get-online-features serves by reference
// (`view:feature`): feature views, stream and on-demand feature views. The
// probe (desktop and --probe-view) offers exactly these.
bool isOnlineServedView(ObjectKind kind);
inline constexpr ObjectKind onlineServedViewKinds[] = {ObjectKind::FeatureView, ObjectKind::StreamFeatureView,
                                                       ObjectKind::OnDemandFeatureView};
QString kindTitle(ObjectKind kind); // translated plural, e.g. "Feature views"
QString kindName(ObjectKind kind);  // translated singular, e.g. "Feature view"

} // namespace feastconsole
