#pragma once

#include "catalog/registrysnapshot.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace feastconsole {

// Feast's AuthzedAction; the numbers are the wire values of PermissionSpec.AuthzedAction.
enum class PermissionAction : quint8 {
    Create = 0,
    Describe = 1,
    Update = 2,
    Delete = 3,
    ReadOnline = 4,
    ReadOffline = 5,
    WriteOnline = 6,
    WriteOffline = 7,
};
inline constexpr int permissionActionCount = 8;

// A set of actions as one byte (bit n = action with wire value n).
using ActionSet = quint8;
inline constexpr ActionSet actionBit(PermissionAction a) { return ActionSet(1u << quint8(a)); }
inline constexpr ActionSet allActions = 0xff;

// Feast's resource types; the numbers are the wire values of PermissionSpec.Type.
// A resource's own class is one of these too (a feature view read from the
// registry is BatchFeatureView when it carries a transformation, see HACKING).
enum class ResourceType : quint8 {
    FeatureView = 0,
    OnDemandFeatureView = 1,
    BatchFeatureView = 2,
    StreamFeatureView = 3,
    Entity = 4,
    FeatureService = 5,
    DataSource = 6,
    ValidationReference = 7,
    SavedDataset = 8,
    Permission = 9,
    Project = 10,
    LabelView = 11,
};
inline constexpr int resourceTypeCount = 12;
using TypeSet = quint16;
inline constexpr TypeSet typeBit(ResourceType t) { return TypeSet(1u << quint8(t)); }
inline constexpr TypeSet allTypes = TypeSet((1u << resourceTypeCount) - 1);

// Feast matches types with isinstance(): the set of permission types that
// cover a resource of class `t` (its class and its base classes).
TypeSet typesCovering(ResourceType t);

QString actionName(PermissionAction a);      // CREATE, READ_ONLINE, …
QString typeName(ResourceType t);            // FEATURE_VIEW, …
QString typeKindId(ResourceType t);          // feature_view, … (CLI kind ids)
QString typePythonClass(ResourceType t);     // FeatureView, …
std::optional<PermissionAction> actionFromName(QStringView name); // any case
std::optional<ResourceType> typeFromName(QStringView name);       // FEATURE_VIEW or feature_view
// An action or one of Feast's aliases ALL_ACTIONS, READ, WRITE, CRUD (any case).
std::optional<ActionSet> actionsFromName(QStringView name);
QList<PermissionAction> actionsOf(ActionSet set);
// The same as a list in Feast's order (READ is [READ_OFFLINE, READ_ONLINE], as in feast.permissions.action).
std::optional<QList<PermissionAction>> actionListFromName(QStringView name);

enum class PolicyKind : quint8 {
    AllowAll,        // an empty Policy message
    Role,
    Group,
    Namespace,
    GroupNamespace,  // CombinedGroupNamespacePolicy: group OR namespace
};
QString policyKindId(PolicyKind kind); // allow_all, role, group, namespace, group_namespace
std::optional<PolicyKind> policyKindFromId(QStringView id);

struct PermissionPolicy {
    PolicyKind kind = PolicyKind::AllowAll;
    QStringList roles;
    QStringList groups;
    QStringList namespaces;
    friend bool operator==(const PermissionPolicy &, const PermissionPolicy &) = default;
};

// One Feast Permission as stored (not normalized: Feast strips patterns and
// tags only when it reads them, see PermissionEngine).
struct Permission {
    QString name;
    QString project;
    QList<ResourceType> types;      // empty: every type
    QStringList namePatterns;       // Python `re` patterns, full match, any one suffices
    Tags requiredTags;
    QList<PermissionAction> actions;
    PermissionPolicy policy;
    Tags tags;
    QDateTime created;
    QDateTime updated;
    QByteArray wire;                // the feast.core.Permission bytes as read (empty for new ones)

    ActionSet actionSet() const;
    TypeSet typeSet() const;        // allTypes when types is empty
    // Equal as Feast's Permission.__eq__ sees it plus project and type order-insensitivity.
    bool sameDefinition(const Permission &other) const;
};

// The principal Feast evaluates: the user name and the roles, groups and
// namespaces its token carried.
struct PermissionUser {
    QString name;
    QStringList roles;
    QStringList groups;
    QStringList namespaces;
};

// Parses 'name=alice;roles=a,b;groups=g;namespaces=ns1,ns2'. Empty on error, with `error` set.
std::optional<PermissionUser> parseUserSpec(const QString &text, QString *error);

// A resource as the enforcer sees it.
struct PermissionResource {
    ResourceType type = ResourceType::FeatureView;
    QString project;
    QString name;
    Tags tags;           // shown and used for grouping; Feast's matcher ignores them (see HACKING)
    Tags requiredTags;   // a Permission resource's own required_tags, the only tags Feast compares
};

// Field-by-field differences between two permissions, for the diff shown before apply/delete.
struct FieldChange {
    QString field;
    QString before;
    QString after;
};
QList<FieldChange> diffPermissions(const Permission &before, const Permission &after);
// Human-readable values of a field, used by the diff and `permissions show`.
QString describeTypes(const Permission &p);
QString describeActions(const Permission &p);
QString describePolicy(const PermissionPolicy &p);
QString describeTags(const Tags &tags);

} // namespace feastconsole
