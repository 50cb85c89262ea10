#include "permissions/permission.h"

#include <algorithm>

namespace feastconsole {

namespace {

const char *const actionNames[permissionActionCount] = {
    "CREATE", "DESCRIBE", "UPDATE", "DELETE", "READ_ONLINE", "READ_OFFLINE", "WRITE_ONLINE", "WRITE_OFFLINE",
};

const char *const typeNames[resourceTypeCount] = {
    "FEATURE_VIEW", "ON_DEMAND_FEATURE_VIEW", "BATCH_FEATURE_VIEW", "STREAM_FEATURE_VIEW",
    "ENTITY", "FEATURE_SERVICE", "DATA_SOURCE", "VALIDATION_REFERENCE",
    "SAVED_DATASET", "PERMISSION", "PROJECT", "LABEL_VIEW",
};

const char *const pythonClasses[resourceTypeCount] = {
    "FeatureView", "OnDemandFeatureView", "BatchFeatureView", "StreamFeatureView",
    "Entity", "FeatureService", "DataSource", "ValidationReference",
    "SavedDataset", "Permission", "Project", "LabelView",
};

// Lists whose order and repeats mean nothing to Feast (any pattern, role,
// group or namespace suffices) compare as sets.
QStringList asSet(QStringList list)
{
    list.sort();
    list.removeDuplicates();
    return list;
}

bool samePolicy(const PermissionPolicy &a, const PermissionPolicy &b)
{
    return a.kind == b.kind && asSet(a.roles) == asSet(b.roles) && asSet(a.groups) == asSet(b.groups)
        && asSet(a.namespaces) == asSet(b.namespaces);
}

} // namespace

TypeSet typesCovering(ResourceType t)
{
    // In Feast 0.66 BatchFeatureView and StreamFeatureView derive from
    // FeatureView; OnDemandFeatureView and LabelView only from BaseFeatureView,
    // which is not a permission type.
    switch (t) {
    case ResourceType::BatchFeatureView:
    case ResourceType::StreamFeatureView:
        return TypeSet(typeBit(t) | typeBit(ResourceType::FeatureView));
    default:
        return typeBit(t);
    }
}

QString actionName(PermissionAction a)
{
    return QString::fromLatin1(actionNames[quint8(a)]);
}

QString typeName(ResourceType t)
{
    return QString::fromLatin1(typeNames[quint8(t)]);
}

QString typeKindId(ResourceType t)
{
    return typeName(t).toLower();
}

QString typePythonClass(ResourceType t)
{
    return QString::fromLatin1(pythonClasses[quint8(t)]);
}

std::optional<PermissionAction> actionFromName(QStringView name)
{
    for (int i = 0; i < permissionActionCount; ++i) {
        if (name.compare(QLatin1StringView(actionNames[i]), Qt::CaseInsensitive) == 0)
            return PermissionAction(i);
    }
    return std::nullopt;
}

std::optional<ResourceType> typeFromName(QStringView name)
{
    for (int i = 0; i < resourceTypeCount; ++i) {
        if (name.compare(QLatin1StringView(typeNames[i]), Qt::CaseInsensitive) == 0
            || name == QLatin1StringView(pythonClasses[i]))
            return ResourceType(i);
    }
    return std::nullopt;
}

std::optional<ActionSet> actionsFromName(QStringView name)
{
    if (const auto a = actionFromName(name))
        return actionBit(*a);
    if (name.compare(u"ALL_ACTIONS", Qt::CaseInsensitive) == 0)
        return allActions;
    if (name.compare(u"READ", Qt::CaseInsensitive) == 0)
        return ActionSet(actionBit(PermissionAction::ReadOnline) | actionBit(PermissionAction::ReadOffline));
    if (name.compare(u"WRITE", Qt::CaseInsensitive) == 0)
        return ActionSet(actionBit(PermissionAction::WriteOnline) | actionBit(PermissionAction::WriteOffline));
    if (name.compare(u"CRUD", Qt::CaseInsensitive) == 0)
        return ActionSet(actionBit(PermissionAction::Create) | actionBit(PermissionAction::Describe)
                         | actionBit(PermissionAction::Update) | actionBit(PermissionAction::Delete));
    return std::nullopt;
}

std::optional<QList<PermissionAction>> actionListFromName(QStringView name)
{
    using A = PermissionAction;
    if (name.compare(u"READ", Qt::CaseInsensitive) == 0)
        return QList<A>{A::ReadOffline, A::ReadOnline};
    if (name.compare(u"WRITE", Qt::CaseInsensitive) == 0)
        return QList<A>{A::WriteOffline, A::WriteOnline};
    const auto set = actionsFromName(name);
    if (!set)
        return std::nullopt;
    return actionsOf(*set);
}

QList<PermissionAction> actionsOf(ActionSet set)
{
    QList<PermissionAction> out;
    for (int i = 0; i < permissionActionCount; ++i) {
        if (set & (1u << i))
            out.append(PermissionAction(i));
    }
    return out;
}

QString policyKindId(PolicyKind kind)
{
    switch (kind) {
    case PolicyKind::AllowAll: return QStringLiteral("allow_all");
    case PolicyKind::Role: return QStringLiteral("role");
    case PolicyKind::Group: return QStringLiteral("group");
    case PolicyKind::Namespace: return QStringLiteral("namespace");
    case PolicyKind::GroupNamespace: return QStringLiteral("group_namespace");
    }
    return {};
}

std::optional<PolicyKind> policyKindFromId(QStringView id)
{
    for (PolicyKind k : {PolicyKind::AllowAll, PolicyKind::Role, PolicyKind::Group, PolicyKind::Namespace,
                         PolicyKind::GroupNamespace}) {
        if (policyKindId(k) == id)
            return k;
    }
    return std::nullopt;
}

ActionSet Permission::actionSet() const
{
    ActionSet set = 0;
    for (PermissionAction a : actions)
        set |= actionBit(a);
    return set;
}

TypeSet Permission::typeSet() const
{
    if (types.isEmpty())
        return allTypes;
    TypeSet set = 0;
    for (ResourceType t : types)
        set |= typeBit(t);
    return set;
}

bool Permission::sameDefinition(const Permission &o) const
{
    return name == o.name && project == o.project && typeSet() == o.typeSet()
        && asSet(namePatterns) == asSet(o.namePatterns) && requiredTags == o.requiredTags
        && actionSet() == o.actionSet() && samePolicy(policy, o.policy) && tags == o.tags;
}

std::optional<PermissionUser> parseUserSpec(const QString &text, QString *error)
{
    PermissionUser user;
    const QStringList parts = text.split(u';', Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const qsizetype eq = part.indexOf(u'=');
        if (eq < 0) {
            *error = QStringLiteral("\"%1\" is not key=value (keys: name, roles, groups, namespaces)").arg(part);
            return std::nullopt;
        }
        const QString key = part.left(eq).trimmed();
        const QString value = part.mid(eq + 1);
        const QStringList list = value.split(u',', Qt::SkipEmptyParts);
        if (key == u"name")
            user.name = value;
        else if (key == u"roles")
            user.roles = list;
        else if (key == u"groups")
            user.groups = list;
        else if (key == u"namespaces")
            user.namespaces = list;
        else {
            *error = QStringLiteral("unknown user key \"%1\" (keys: name, roles, groups, namespaces)").arg(key);
            return std::nullopt;
        }
    }
    return user;
}

QString describeTypes(const Permission &p)
{
    if (p.types.isEmpty())
        return QStringLiteral("(all types)");
    QStringList names;
    for (ResourceType t : p.types)
        names.append(typeName(t));
    return names.join(QStringLiteral(", "));
}

QString describeActions(const Permission &p)
{
    QStringList names;
    for (PermissionAction a : p.actions)
        names.append(actionName(a));
    return names.isEmpty() ? QStringLiteral("(none)") : names.join(QStringLiteral(", "));
}

QString describePolicy(const PermissionPolicy &p)
{
    switch (p.kind) {
    case PolicyKind::AllowAll: return QStringLiteral("allow_all");
    case PolicyKind::Role: return QStringLiteral("roles: ") + p.roles.join(QStringLiteral(", "));
    case PolicyKind::Group: return QStringLiteral("groups: ") + p.groups.join(QStringLiteral(", "));
    case PolicyKind::Namespace: return QStringLiteral("namespaces: ") + p.namespaces.join(QStringLiteral(", "));
    case PolicyKind::GroupNamespace:
        return QStringLiteral("groups: ") + p.groups.join(QStringLiteral(", ")) + QStringLiteral(" or namespaces: ")
            + p.namespaces.join(QStringLiteral(", "));
    }
    return {};
}

QString describeTags(const Tags &tags)
{
    QStringList parts;
    for (const auto &[k, v] : tags)
        parts.append(k + u'=' + v);
    return parts.join(QStringLiteral(", "));
}

QList<FieldChange> diffPermissions(const Permission &before, const Permission &after)
{
    // A field is listed when it differs as Feast sees it: the same actions,
    // types, patterns or principals in another order are no change.
    QList<FieldChange> out;
    auto add = [&](const QString &field, bool differs, const QString &a, const QString &b) {
        if (differs)
            out.append({field, a, b});
    };
    add(QStringLiteral("name"), before.name != after.name, before.name, after.name);
    add(QStringLiteral("project"), before.project != after.project, before.project, after.project);
    add(QStringLiteral("types"), before.typeSet() != after.typeSet(), describeTypes(before), describeTypes(after));
    add(QStringLiteral("name_patterns"), asSet(before.namePatterns) != asSet(after.namePatterns),
        before.namePatterns.join(QStringLiteral(" | ")), after.namePatterns.join(QStringLiteral(" | ")));
    add(QStringLiteral("required_tags"), before.requiredTags != after.requiredTags, describeTags(before.requiredTags),
        describeTags(after.requiredTags));
    add(QStringLiteral("actions"), before.actionSet() != after.actionSet(), describeActions(before), describeActions(after));
    add(QStringLiteral("policy"), !samePolicy(before.policy, after.policy), describePolicy(before.policy),
        describePolicy(after.policy));
    add(QStringLiteral("tags"), before.tags != after.tags, describeTags(before.tags), describeTags(after.tags));
    return out;
}

} // namespace feastconsole
