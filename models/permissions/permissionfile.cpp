#include "permissions/permissionfile.h"

#include "permissions/permissionengine.h"
#include "safeyaml.h"

#include <QJsonArray>

#include <stdexcept>

namespace feastconsole {

namespace {

struct FileError : std::runtime_error {
    explicit FileError(QString m) : std::runtime_error("permission file"), message(std::move(m)) {}
    QString message;
};

QString qstr(const YAML::Node &node)
{
    return QString::fromStdString(node.as<std::string>());
}

QStringList stringList(const YAML::Node &node, const QString &field)
{
    if (!node || node.IsNull())
        return {};
    if (node.IsScalar())
        return {qstr(node)};
    if (!node.IsSequence())
        throw FileError(field + QStringLiteral(" must be a list of strings"));
    QStringList out;
    for (const YAML::Node &item : node) {
        if (!item.IsScalar())
            throw FileError(field + QStringLiteral(" must be a list of strings"));
        out.append(qstr(item));
    }
    return out;
}

Tags tagMap(const YAML::Node &node, const QString &field)
{
    Tags tags;
    if (!node || node.IsNull())
        return tags;
    if (!node.IsMap())
        throw FileError(field + QStringLiteral(" must be a mapping of strings"));
    for (const auto &kv : node) {
        if (!kv.second.IsScalar())
            throw FileError(field + QStringLiteral(" must be a mapping of strings"));
        tags.append({qstr(kv.first), qstr(kv.second)});
    }
    std::sort(tags.begin(), tags.end());
    return tags;
}

PermissionPolicy parsePolicy(const YAML::Node &node)
{
    PermissionPolicy policy;
    if (!node || node.IsNull())
        throw FileError(QStringLiteral("policy is missing (roles, groups, namespaces, or allow_all)"));
    if (node.IsScalar()) {
        if (qstr(node) == u"allow_all")
            return policy;
        throw FileError(QStringLiteral("policy \"%1\" is not allow_all nor a mapping").arg(qstr(node)));
    }
    if (!node.IsMap())
        throw FileError(QStringLiteral("policy must be a mapping"));
    for (const auto &kv : node) {
        const QString key = qstr(kv.first);
        static const QStringList fields = {QStringLiteral("kind"), QStringLiteral("roles"), QStringLiteral("groups"),
                                           QStringLiteral("namespaces")};
        if (!fields.contains(key))
            throw FileError(QStringLiteral("policy: ") + unknownKeyMessage(key, fields, QStringLiteral("field")));
    }
    const bool hasRoles = bool(node["roles"]), hasGroups = bool(node["groups"]), hasNs = bool(node["namespaces"]);
    policy.roles = stringList(node["roles"], QStringLiteral("policy.roles"));
    policy.groups = stringList(node["groups"], QStringLiteral("policy.groups"));
    policy.namespaces = stringList(node["namespaces"], QStringLiteral("policy.namespaces"));
    if (node["kind"]) {
        const auto kind = policyKindFromId(qstr(node["kind"]));
        if (!kind)
            throw FileError(QStringLiteral("unknown policy kind \"%1\" (allow_all, role, group, namespace, group_namespace)")
                                .arg(qstr(node["kind"])));
        policy.kind = *kind;
    } else if (hasRoles && !hasGroups && !hasNs) {
        policy.kind = PolicyKind::Role;
    } else if (hasGroups && hasNs && !hasRoles) {
        policy.kind = PolicyKind::GroupNamespace;
    } else if (hasGroups && !hasRoles) {
        policy.kind = PolicyKind::Group;
    } else if (hasNs && !hasRoles) {
        policy.kind = PolicyKind::Namespace;
    } else if (!hasRoles && !hasGroups && !hasNs) {
        policy.kind = PolicyKind::AllowAll;
    } else {
        throw FileError(QStringLiteral("policy mixes roles with groups/namespaces; Feast has no such policy"));
    }
    return policy;
}

Permission parsePermission(const YAML::Node &node)
{
    if (!node.IsMap())
        throw FileError(QStringLiteral("a permission must be a mapping"));
    static const QStringList known = {
        QStringLiteral("name"), QStringLiteral("project"), QStringLiteral("types"), QStringLiteral("name_patterns"),
        QStringLiteral("required_tags"), QStringLiteral("actions"), QStringLiteral("policy"), QStringLiteral("tags"),
    };
    // What `permissions show --json` adds is accepted and ignored, so its output can be applied.
    static const QStringList informational = {QStringLiteral("created"), QStringLiteral("last_updated"),
                                              QStringLiteral("registry"), QStringLiteral("warnings")};
    for (const auto &kv : node) {
        if (!known.contains(qstr(kv.first)) && !informational.contains(qstr(kv.first)))
            throw FileError(unknownKeyMessage(qstr(kv.first), known, QStringLiteral("field")));
    }
    Permission p;
    p.name = node["name"] ? qstr(node["name"]) : QString();
    try {
        p.project = node["project"] ? qstr(node["project"]) : QString();
        for (const QString &t : stringList(node["types"], QStringLiteral("types"))) {
            const auto type = typeFromName(t);
            if (!type)
                throw FileError(QStringLiteral("unknown type \"%1\"").arg(t));
            p.types.append(*type);
        }
        p.namePatterns = stringList(node["name_patterns"], QStringLiteral("name_patterns"));
        p.requiredTags = tagMap(node["required_tags"], QStringLiteral("required_tags"));
        const QStringList actions = node["actions"] ? stringList(node["actions"], QStringLiteral("actions"))
                                                    : QStringList{QStringLiteral("ALL_ACTIONS")};
        for (const QString &a : actions) {
            const auto list = actionListFromName(a);
            if (!list)
                throw FileError(QStringLiteral("unknown action \"%1\" (an action, or ALL_ACTIONS, READ, WRITE, CRUD)").arg(a));
            for (PermissionAction action : *list)
                p.actions.append(action);
        }
        p.policy = parsePolicy(node["policy"]);
        p.tags = tagMap(node["tags"], QStringLiteral("tags"));
    } catch (const FileError &e) {
        throw FileError(QStringLiteral("permission \"%1\": %2").arg(p.name, e.message));
    } catch (const YAML::Exception &e) {
        throw FileError(QStringLiteral("permission \"%1\": %2").arg(p.name, QString::fromStdString(e.what())));
    }
    return p;
}

QJsonArray jsonList(const QStringList &l)
{
    return QJsonArray::fromStringList(l);
}

QJsonObject jsonTags(const Tags &tags)
{
    QJsonObject o;
    for (const auto &[k, v] : tags)
        o.insert(k, v);
    return o;
}

} // namespace

PermissionFileResult parsePermissionText(const QByteArray &text, const QString &where)
{
    PermissionFileResult result;
    const YamlDocument loaded = loadYamlDocument(text, where, configYamlLimits);
    if (loaded.error) {
        result.error = loaded.error->toString();
        return result;
    }
    try {
        const YAML::Node &root = loaded.root;
        YAML::Node list = root;
        if (root.IsMap() && root["permissions"])
            list = root["permissions"];
        if (list.IsMap()) {
            result.permissions.append(parsePermission(list));
        } else if (list.IsSequence()) {
            for (const YAML::Node &item : list)
                result.permissions.append(parsePermission(item));
        } else if (!list.IsNull()) {
            throw FileError(QStringLiteral("expected a permission (mapping) or a list of them"));
        }
    } catch (const FileError &e) {
        result.error = where + QStringLiteral(": ") + e.message;
        result.permissions.clear();
    } catch (const YAML::Exception &e) {
        result.error = where + QStringLiteral(": ") + QString::fromStdString(e.what());
        result.permissions.clear();
    }
    return result;
}

PermissionFileResult readPermissionFile(const QString &path)
{
    const YamlFileBytes file = readYamlFile(path, configYamlLimits);
    if (file.error)
        return {{}, file.error->toString()};
    return parsePermissionText(file.bytes, path);
}

QJsonObject permissionToJson(const Permission &p)
{
    QJsonObject o;
    o.insert(QStringLiteral("name"), p.name);
    o.insert(QStringLiteral("project"), p.project);
    QStringList types;
    for (ResourceType t : p.types)
        types.append(typeName(t));
    o.insert(QStringLiteral("types"), jsonList(types));
    o.insert(QStringLiteral("name_patterns"), jsonList(p.namePatterns));
    o.insert(QStringLiteral("required_tags"), jsonTags(p.requiredTags));
    QStringList actions;
    for (PermissionAction a : p.actions)
        actions.append(actionName(a));
    o.insert(QStringLiteral("actions"), jsonList(actions));
    QJsonObject policy{{QStringLiteral("kind"), policyKindId(p.policy.kind)}};
    switch (p.policy.kind) {
    case PolicyKind::AllowAll: break;
    case PolicyKind::Role: policy.insert(QStringLiteral("roles"), jsonList(p.policy.roles)); break;
    case PolicyKind::Group: policy.insert(QStringLiteral("groups"), jsonList(p.policy.groups)); break;
    case PolicyKind::Namespace: policy.insert(QStringLiteral("namespaces"), jsonList(p.policy.namespaces)); break;
    case PolicyKind::GroupNamespace:
        policy.insert(QStringLiteral("groups"), jsonList(p.policy.groups));
        policy.insert(QStringLiteral("namespaces"), jsonList(p.policy.namespaces));
        break;
    }
    o.insert(QStringLiteral("policy"), policy);
    o.insert(QStringLiteral("tags"), jsonTags(p.tags));
    if (p.created.isValid())
        o.insert(QStringLiteral("created"), p.created.toString(Qt::ISODateWithMs));
    if (p.updated.isValid())
        o.insert(QStringLiteral("last_updated"), p.updated.toString(Qt::ISODateWithMs));
    return o;
}

QStringList validatePermission(const Permission &p)
{
    QStringList problems;
    if (p.name.trimmed().isEmpty())
        problems.append(QStringLiteral("the name is empty"));
    if (p.actions.isEmpty())
        problems.append(QStringLiteral("no actions: Feast requires at least one"));
    if (p.policy.kind == PolicyKind::AllowAll)
        problems.append(QStringLiteral("an allow-all (empty) policy cannot be read back by Feast 0.66: the registry server "
                                       "refuses to apply it, and if written otherwise every check in the project fails"));
    for (const QString &pattern : p.namePatterns) {
        const PythonRegex re(pythonStrip(pattern));
        if (!re.isValid())
            problems.append(QStringLiteral("name pattern \"%1\": %2").arg(elided(pattern), re.error()));
    }
    return problems;
}

} // namespace feastconsole
