#include "permissions/permissionproto.h"

#include "registry/protovalues.h"

#include "feast/core/FeatureView.pb.h"
#include "feast/core/Permission.pb.h"
#include "feast/core/Policy.pb.h"

#include <algorithm>

namespace feastconsole {

namespace {

using proto::qs;
using proto::tagsOf;
using proto::timeOf;

std::string utf8(const QString &s)
{
    return s.toStdString();
}

template<typename Repeated>
QStringList listOf(const Repeated &items)
{
    QStringList out;
    for (const std::string &s : items)
        out.append(qs(s));
    return out;
}

template<typename Repeated>
void setList(Repeated *field, const QStringList &values)
{
    field->Clear();
    for (const QString &v : values)
        field->Add(utf8(v));
}

template<typename Map>
void setTags(Map *field, const Tags &tags)
{
    field->clear();
    for (const auto &[k, v] : tags)
        (*field)[utf8(k)] = utf8(v);
}

} // namespace

std::optional<Permission> decodePermission(QByteArrayView wire, QString *error)
{
    feast::core::Permission message;
    if (!message.ParseFromArray(wire.data(), int(wire.size()))) {
        if (error)
            *error = QStringLiteral("not a feast.core.Permission message");
        return std::nullopt;
    }
    const auto &spec = message.spec();
    Permission p;
    p.name = qs(spec.name());
    p.project = qs(spec.project());
    for (int t : spec.types()) {
        if (t < 0 || t >= resourceTypeCount) {
            if (error)
                *error = QStringLiteral("permission \"%1\" has a resource type unknown to Feast 0.66 (%2)").arg(p.name).arg(t);
            return std::nullopt;
        }
        p.types.append(ResourceType(t));
    }
    p.namePatterns = listOf(spec.name_patterns());
    p.requiredTags = tagsOf(spec.required_tags());
    for (int a : spec.actions()) {
        if (a < 0 || a >= permissionActionCount) {
            if (error)
                *error = QStringLiteral("permission \"%1\" has an action unknown to Feast 0.66 (%2)").arg(p.name).arg(a);
            return std::nullopt;
        }
        p.actions.append(PermissionAction(a));
    }
    const auto &policy = spec.policy();
    switch (policy.policy_type_case()) {
    case feast::core::Policy::kRoleBasedPolicy:
        p.policy.kind = PolicyKind::Role;
        p.policy.roles = listOf(policy.role_based_policy().roles());
        break;
    case feast::core::Policy::kGroupBasedPolicy:
        p.policy.kind = PolicyKind::Group;
        p.policy.groups = listOf(policy.group_based_policy().groups());
        break;
    case feast::core::Policy::kNamespaceBasedPolicy:
        p.policy.kind = PolicyKind::Namespace;
        p.policy.namespaces = listOf(policy.namespace_based_policy().namespaces());
        break;
    case feast::core::Policy::kCombinedGroupNamespacePolicy:
        p.policy.kind = PolicyKind::GroupNamespace;
        p.policy.groups = listOf(policy.combined_group_namespace_policy().groups());
        p.policy.namespaces = listOf(policy.combined_group_namespace_policy().namespaces());
        break;
    default:
        p.policy.kind = PolicyKind::AllowAll;
        break;
    }
    p.tags = tagsOf(spec.tags());
    p.created = timeOf(message.meta().created_timestamp());
    p.updated = timeOf(message.meta().last_updated_timestamp());
    p.wire = wire.toByteArray();
    return p;
}

QByteArray encodePermission(const Permission &p)
{
    feast::core::Permission message;
    if (!p.wire.isEmpty())
        message.ParseFromArray(p.wire.constData(), int(p.wire.size()));
    auto *spec = message.mutable_spec();
    spec->set_name(utf8(p.name));
    spec->set_project(utf8(p.project));
    spec->clear_types();
    for (ResourceType t : p.types)
        spec->add_types(feast::core::PermissionSpec::Type(int(t)));
    setList(spec->mutable_name_patterns(), p.namePatterns);
    setTags(spec->mutable_required_tags(), p.requiredTags);
    spec->clear_actions();
    for (PermissionAction a : p.actions)
        spec->add_actions(feast::core::PermissionSpec::AuthzedAction(int(a)));
    auto *policy = spec->mutable_policy();
    switch (p.policy.kind) {
    case PolicyKind::AllowAll: policy->clear_policy_type(); break;
    case PolicyKind::Role: setList(policy->mutable_role_based_policy()->mutable_roles(), p.policy.roles); break;
    case PolicyKind::Group: setList(policy->mutable_group_based_policy()->mutable_groups(), p.policy.groups); break;
    case PolicyKind::Namespace:
        setList(policy->mutable_namespace_based_policy()->mutable_namespaces(), p.policy.namespaces);
        break;
    case PolicyKind::GroupNamespace:
        setList(policy->mutable_combined_group_namespace_policy()->mutable_groups(), p.policy.groups);
        setList(policy->mutable_combined_group_namespace_policy()->mutable_namespaces(), p.policy.namespaces);
        break;
    }
    setTags(spec->mutable_tags(), p.tags);
    const std::string bytes = message.SerializeAsString();
    return QByteArray(bytes.data(), qsizetype(bytes.size()));
}

QList<Permission> permissionsOf(const RegistrySnapshot &snapshot)
{
    QList<Permission> out;
    for (const CatalogObject &o : snapshot.objects) {
        if (o.kind != ObjectKind::Permission)
            continue;
        if (auto p = decodePermission(snapshot.wireOf(o)))
            out.append(std::move(*p));
    }
    return out;
}

QList<PermissionResource> resourcesOf(const RegistrySnapshot &snapshot)
{
    QList<PermissionResource> out;
    out.reserve(qsizetype(snapshot.objects.size()));
    for (const CatalogObject &o : snapshot.objects) {
        PermissionResource r;
        r.project = o.project;
        r.name = o.name;
        r.tags = o.tags;
        switch (o.kind) {
        case ObjectKind::Project: r.type = ResourceType::Project; break;
        case ObjectKind::Entity: r.type = ResourceType::Entity; break;
        case ObjectKind::DataSource: r.type = ResourceType::DataSource; break;
        case ObjectKind::FeatureView: {
            r.type = ResourceType::FeatureView;
            feast::core::FeatureView view;
            const QByteArrayView bytes = snapshot.wireOf(o);
            if (view.ParseFromArray(bytes.data(), int(bytes.size())) && view.spec().has_feature_transformation())
                r.type = ResourceType::BatchFeatureView;
            break;
        }
        case ObjectKind::OnDemandFeatureView: r.type = ResourceType::OnDemandFeatureView; break;
        case ObjectKind::StreamFeatureView: r.type = ResourceType::StreamFeatureView; break;
        case ObjectKind::LabelView: r.type = ResourceType::LabelView; break;
        case ObjectKind::FeatureService: r.type = ResourceType::FeatureService; break;
        case ObjectKind::SavedDataset: r.type = ResourceType::SavedDataset; break;
        case ObjectKind::ValidationReference: r.type = ResourceType::ValidationReference; break;
        case ObjectKind::Permission: {
            r.type = ResourceType::Permission;
            if (auto p = decodePermission(snapshot.wireOf(o)))
                r.requiredTags = p->requiredTags;
            break;
        }
        case ObjectKind::Feature: continue;
        }
        out.append(std::move(r));
    }
    return out;
}

} // namespace feastconsole
