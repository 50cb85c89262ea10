#include "permissions/permissionexport.h"

#include <QSet>

#include <algorithm>

namespace feastconsole {

namespace {

struct ClassImport {
    const char *module;
    const char *name;
};

ClassImport importOf(ResourceType t)
{
    switch (t) {
    case ResourceType::FeatureView: return {"feast.feature_view", "FeatureView"};
    case ResourceType::OnDemandFeatureView: return {"feast.on_demand_feature_view", "OnDemandFeatureView"};
    case ResourceType::BatchFeatureView: return {"feast.batch_feature_view", "BatchFeatureView"};
    case ResourceType::StreamFeatureView: return {"feast.stream_feature_view", "StreamFeatureView"};
    case ResourceType::Entity: return {"feast.entity", "Entity"};
    case ResourceType::FeatureService: return {"feast.feature_service", "FeatureService"};
    case ResourceType::DataSource: return {"feast.data_source", "DataSource"};
    case ResourceType::ValidationReference: return {"feast.saved_dataset", "ValidationReference"};
    case ResourceType::SavedDataset: return {"feast.saved_dataset", "SavedDataset"};
    case ResourceType::Permission: return {"feast.permissions.permission", "Permission"};
    case ResourceType::Project: return {"feast.project", "Project"};
    case ResourceType::LabelView: return {"feast.labeling.label_view", "LabelView"};
    }
    return {"", ""};
}

QString listLiteral(const QStringList &items)
{
    QStringList quoted;
    for (const QString &s : items)
        quoted.append(pythonStringLiteral(s));
    return u'[' + quoted.join(QStringLiteral(", ")) + u']';
}

QString dictLiteral(const Tags &tags)
{
    QStringList parts;
    for (const auto &[k, v] : tags)
        parts.append(pythonStringLiteral(k) + QStringLiteral(": ") + pythonStringLiteral(v));
    return u'{' + parts.join(QStringLiteral(", ")) + u'}';
}

QString actionsLiteral(const QList<PermissionAction> &actions, QSet<QString> &aliases)
{
    using A = PermissionAction;
    const QList<std::pair<QString, QList<A>>> known = {
        {QStringLiteral("ALL_ACTIONS"), {A::Create, A::Describe, A::Update, A::Delete, A::ReadOnline, A::ReadOffline,
                                         A::WriteOnline, A::WriteOffline}},
        {QStringLiteral("READ"), {A::ReadOffline, A::ReadOnline}},
        {QStringLiteral("WRITE"), {A::WriteOffline, A::WriteOnline}},
        {QStringLiteral("CRUD"), {A::Create, A::Describe, A::Update, A::Delete}},
    };
    // Feast compares action lists in order, so an alias is used only for its exact list.
    for (const auto &[alias, list] : known) {
        if (actions == list) {
            aliases.insert(alias);
            return alias;
        }
    }
    QStringList names;
    for (A a : actions)
        names.append(QStringLiteral("AuthzedAction.") + actionName(a));
    return u'[' + names.join(QStringLiteral(", ")) + u']';
}

QString variableName(const QString &name, QSet<QString> &used)
{
    QString v;
    for (QChar c : name)
        v += (c.isLetterOrNumber() && c.unicode() < 128) ? c.toLower() : QChar(u'_');
    if (v.isEmpty() || v.at(0).isDigit())
        v.prepend(QStringLiteral("permission_"));
    static const QSet<QString> reserved = {QStringLiteral("Permission"), QStringLiteral("READ"), QStringLiteral("WRITE"),
                                           QStringLiteral("CRUD"), QStringLiteral("ALL_ACTIONS")};
    QString candidate = v;
    for (int i = 2; used.contains(candidate) || reserved.contains(candidate); ++i)
        candidate = v + u'_' + QString::number(i);
    used.insert(candidate);
    return candidate;
}

} // namespace

QString pythonStringLiteral(const QString &s, bool preferRaw)
{
    const bool rawOk = preferRaw && s.contains(u'\\') && !s.contains(u'"') && !s.endsWith(u'\\')
        && std::all_of(s.cbegin(), s.cend(), [](QChar c) { return c.isPrint() && c.unicode() < 0x7f; });
    if (rawOk) {
        // A raw string cannot end in an odd run of backslashes; checked above.
        return QStringLiteral("r\"") + s + u'"';
    }
    QString out = QStringLiteral("\"");
    const QList<uint> ucs4 = s.toUcs4();
    for (uint c : ucs4) {
        switch (c) {
        case '\\': out += QStringLiteral("\\\\"); break;
        case '"': out += QStringLiteral("\\\""); break;
        case '\n': out += QStringLiteral("\\n"); break;
        case '\r': out += QStringLiteral("\\r"); break;
        case '\t': out += QStringLiteral("\\t"); break;
        default:
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && !QChar::isPrint(char32_t(c))) || (c >= 0xd800 && c <= 0xdfff))
                out += c > 0xffff ? QStringLiteral("\\U%1").arg(c, 8, 16, QLatin1Char('0'))
                                  : QStringLiteral("\\u%1").arg(c, 4, 16, QLatin1Char('0'));
            else
                out += QString::fromUcs4(reinterpret_cast<const char32_t *>(&c), 1);
        }
    }
    return out + u'"';
}

QString exportPermissionsPy(const QList<Permission> &permissions, const QString &project, const QString &source)
{
    QSet<QString> aliases;
    QSet<QString> policies;
    QList<ResourceType> usedTypes;
    QStringList blocks;
    QSet<QString> vars;
    bool anyAllowAll = false;
    for (const Permission &p : permissions) {
        QStringList args;
        args.append(QStringLiteral("name=") + pythonStringLiteral(p.name));
        if (!p.types.isEmpty()) {
            QStringList classes;
            for (ResourceType t : p.types) {
                classes.append(QString::fromLatin1(importOf(t).name));
                if (!usedTypes.contains(t))
                    usedTypes.append(t);
            }
            args.append(QStringLiteral("types=[") + classes.join(QStringLiteral(", ")) + u']');
        }
        if (!p.namePatterns.isEmpty()) {
            QStringList quoted;
            for (const QString &s : p.namePatterns)
                quoted.append(pythonStringLiteral(s, true));
            args.append(QStringLiteral("name_patterns=[") + quoted.join(QStringLiteral(", ")) + u']');
        }
        if (!p.requiredTags.isEmpty())
            args.append(QStringLiteral("required_tags=") + dictLiteral(p.requiredTags));
        args.append(QStringLiteral("actions=") + actionsLiteral(p.actions, aliases));
        switch (p.policy.kind) {
        case PolicyKind::AllowAll:
            anyAllowAll = true;
            policies.insert(QStringLiteral("AllowAll"));
            args.append(QStringLiteral("policy=AllowAll"));
            break;
        case PolicyKind::Role:
            policies.insert(QStringLiteral("RoleBasedPolicy"));
            args.append(QStringLiteral("policy=RoleBasedPolicy(roles=") + listLiteral(p.policy.roles) + u')');
            break;
        case PolicyKind::Group:
            policies.insert(QStringLiteral("GroupBasedPolicy"));
            args.append(QStringLiteral("policy=GroupBasedPolicy(groups=") + listLiteral(p.policy.groups) + u')');
            break;
        case PolicyKind::Namespace:
            policies.insert(QStringLiteral("NamespaceBasedPolicy"));
            args.append(QStringLiteral("policy=NamespaceBasedPolicy(namespaces=") + listLiteral(p.policy.namespaces) + u')');
            break;
        case PolicyKind::GroupNamespace:
            policies.insert(QStringLiteral("CombinedGroupNamespacePolicy"));
            args.append(QStringLiteral("policy=CombinedGroupNamespacePolicy(\n        groups=") + listLiteral(p.policy.groups)
                        + QStringLiteral(",\n        namespaces=") + listLiteral(p.policy.namespaces) + QStringLiteral(",\n    )"));
            break;
        }
        if (!p.tags.isEmpty())
            args.append(QStringLiteral("tags=") + dictLiteral(p.tags));
        QString block = variableName(p.name, vars) + QStringLiteral(" = Permission(\n");
        for (const QString &a : std::as_const(args))
            block += QStringLiteral("    ") + a + QStringLiteral(",\n");
        block += QStringLiteral(")\n");
        blocks.append(block);
    }

    QString out;
    out += QStringLiteral("\"\"\"Permissions of project %1, exported by Feast Console from %2.\n\n"
                          "Apply with `feast apply` in the feature repo of that project.\n")
               .arg(project, source);
    if (anyAllowAll)
        out += QStringLiteral("\nWARNING: AllowAll is stored as an empty policy that Feast 0.66 cannot read back;\n"
                              "once applied, every permission check in the project fails.\n");
    out += QStringLiteral("\"\"\"\n\n");
    std::sort(usedTypes.begin(), usedTypes.end(), [](ResourceType a, ResourceType b) {
        return qstrcmp(importOf(a).module, importOf(b).module) < 0
            || (qstrcmp(importOf(a).module, importOf(b).module) == 0 && qstrcmp(importOf(a).name, importOf(b).name) < 0);
    });
    for (ResourceType t : std::as_const(usedTypes)) {
        if (t == ResourceType::Permission)
            continue; // imported below with the permission API
        out += QStringLiteral("from %1 import %2\n").arg(QString::fromLatin1(importOf(t).module), QString::fromLatin1(importOf(t).name));
    }
    QStringList actionImports = aliases.values();
    actionImports.sort();
    actionImports.append(QStringLiteral("AuthzedAction"));
    out += QStringLiteral("from feast.permissions.action import ") + actionImports.join(QStringLiteral(", ")) + u'\n';
    out += QStringLiteral("from feast.permissions.permission import Permission\n");
    if (!policies.isEmpty()) {
        QStringList list = policies.values();
        list.sort();
        out += QStringLiteral("from feast.permissions.policy import ") + list.join(QStringLiteral(", ")) + u'\n';
    }
    out += u'\n';
    out += blocks.join(u'\n');
    return out;
}

} // namespace feastconsole
