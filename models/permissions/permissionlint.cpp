#include "permissions/permissionlint.h"

#include <QHash>
#include <QSet>

#include <algorithm>
#include <map>

namespace feastconsole {

QString severityId(LintFinding::Severity s)
{
    switch (s) {
    case LintFinding::Severity::Error: return QStringLiteral("error");
    case LintFinding::Severity::Warning: return QStringLiteral("warning");
    case LintFinding::Severity::Info: return QStringLiteral("info");
    }
    return {};
}

QString lintKindId(LintFinding::Kind k)
{
    switch (k) {
    case LintFinding::Kind::Unreadable: return QStringLiteral("unreadable");
    case LintFinding::Kind::MatchesNothing: return QStringLiteral("matches_nothing");
    case LintFinding::Kind::Shadowed: return QStringLiteral("shadowed");
    case LintFinding::Kind::Duplicate: return QStringLiteral("duplicate");
    case LintFinding::Kind::Unprotected: return QStringLiteral("unprotected");
    case LintFinding::Kind::AllowAll: return QStringLiteral("allow_all");
    case LintFinding::Kind::FieldSurprise: return QStringLiteral("field_surprise");
    }
    return {};
}

QString tenantOfProject(const ConnectionSpec &connection, const PermissionResource &project)
{
    if (connection.mode == ConnectionMode::Isolated)
        return sourceTenantOf(connection);
    if (connection.tenantTag.isEmpty())
        return project.name;
    const QString value = tagValue(project.tags, connection.tenantTag);
    return value.isEmpty() ? project.name : value;
}

QList<LintFinding> permissionFieldWarnings(const Permission &p)
{
    QList<LintFinding> out;
    auto add = [&](LintFinding::Severity severity, const QString &field, const QString &message) {
        LintFinding f;
        f.severity = severity;
        f.kind = LintFinding::Kind::FieldSurprise;
        f.project = p.project;
        f.permission = p.name;
        f.field = field;
        f.message = message;
        out.append(f);
    };
    if (p.policy.kind == PolicyKind::AllowAll)
        add(LintFinding::Severity::Error, QStringLiteral("policy"),
            QStringLiteral("an allow-all (empty) policy cannot be read back by Feast 0.66: every call in the project fails"));
    else if (p.policy.roles.isEmpty() && p.policy.groups.isEmpty() && p.policy.namespaces.isEmpty())
        add(LintFinding::Severity::Warning, QStringLiteral("policy"),
            QStringLiteral("the policy lists no role, group or namespace: it never grants anything"));
    if (p.actions.isEmpty())
        add(LintFinding::Severity::Error, QStringLiteral("actions"),
            QStringLiteral("no actions: Feast 0.66 cannot read the permission back and every call in the project fails"));
    if (!p.requiredTags.isEmpty() && p.typeSet() != typeBit(ResourceType::Permission))
        add(LintFinding::Severity::Warning, QStringLiteral("required_tags"),
            QStringLiteral("required_tags has no effect on non-permission resources: Feast 0.66 compares them with the "
                           "resource's own required_tags, which only permissions have"));
    for (const QString &pattern : p.namePatterns) {
        const QString stripped = pythonStrip(pattern);
        const PythonRegex re(stripped);
        if (!re.isValid())
            add(re.isUnsupported() ? LintFinding::Severity::Warning : LintFinding::Severity::Error,
                QStringLiteral("name_patterns"), QStringLiteral("name pattern \"%1\": %2").arg(elided(pattern), re.error()));
        else if (stripped != pattern)
            add(LintFinding::Severity::Info, QStringLiteral("name_patterns"),
                QStringLiteral("name pattern \"%1\" has surrounding whitespace that Feast strips").arg(elided(pattern)));
    }
    const bool everyType = p.typeSet() == allTypes; // ALL_RESOURCE_TYPES: nothing to point out
    if (p.types.contains(ResourceType::BatchFeatureView) && !p.types.contains(ResourceType::FeatureView) && !everyType)
        add(LintFinding::Severity::Info, QStringLiteral("types"),
            QStringLiteral("BATCH_FEATURE_VIEW only matches feature views that carry a transformation"));
    if (p.types.contains(ResourceType::FeatureView) && !everyType
        && (p.types.contains(ResourceType::BatchFeatureView) || p.types.contains(ResourceType::StreamFeatureView)))
        add(LintFinding::Severity::Info, QStringLiteral("types"),
            QStringLiteral("FEATURE_VIEW already covers batch and stream feature views (isinstance)"));
    return out;
}

namespace {

// Feast's view of a permission's definition, for duplicates: order-insensitive.
QString definitionKey(const Permission &p)
{
    QStringList patterns;
    for (const QString &s : p.namePatterns)
        patterns.append(pythonStrip(s));
    patterns.sort();
    patterns.removeDuplicates();
    QStringList tags;
    for (const auto &[k, v] : normalizedTags(p.requiredTags))
        tags.append(k + u'=' + v);
    tags.sort();
    auto sorted = [](QStringList l) {
        l.sort();
        l.removeDuplicates();
        return l.join(u'\x1f');
    };
    return QString::number(p.typeSet()) + u'\x1e' + patterns.join(u'\x1f') + u'\x1e' + tags.join(u'\x1f') + u'\x1e'
        + QString::number(p.actionSet()) + u'\x1e' + policyKindId(p.policy.kind) + u'\x1e' + sorted(p.policy.roles)
        + u'\x1e' + sorted(p.policy.groups) + u'\x1e' + sorted(p.policy.namespaces);
}

void lintProject(const PermissionLintInput &input, const QString &project, const QString &tenant,
                 const QList<Permission> &permissions, const QList<PermissionResource> &resources,
                 QList<LintFinding> &out)
{
    auto finding = [&](LintFinding::Severity severity, LintFinding::Kind kind, const QString &permission,
                       const QString &message) {
        LintFinding f;
        f.severity = severity;
        f.kind = kind;
        f.connection = input.connection.name;
        f.tenant = tenant;
        f.project = project;
        f.permission = permission;
        f.message = message;
        out.append(f);
    };
    if (permissions.isEmpty()) {
        finding(input.connection.production ? LintFinding::Severity::Error : LintFinding::Severity::Warning,
                LintFinding::Kind::Unprotected, {},
                QStringLiteral("project \"%1\" has no permissions: every authenticated user may do everything%2")
                    .arg(project, input.connection.production ? QStringLiteral(" (production connection)") : QString()));
        return;
    }
    const PermissionSet set(permissions);

    // Field surprises and unreadable permissions.
    for (const Permission &p : permissions) {
        for (LintFinding f : permissionFieldWarnings(p)) {
            f.connection = input.connection.name;
            f.tenant = tenant;
            if (f.field == u"policy" && p.policy.kind == PolicyKind::AllowAll) {
                f.kind = LintFinding::Kind::AllowAll;
                f.message = input.connection.production
                    ? QStringLiteral("allow-all policy on a production connection: meant to open everything to every "
                                     "user, and Feast 0.66 cannot even read it back, so every call in the project fails")
                    : QStringLiteral("allow-all policy: meant to open everything to every user, and Feast 0.66 cannot "
                                     "read it back, so every call in the project fails");
            } else if (f.field == u"actions" && f.severity == LintFinding::Severity::Error) {
                f.kind = LintFinding::Kind::Unreadable;
            } else if (f.field == u"name_patterns" && f.severity == LintFinding::Severity::Error) {
                // Python's re raises on the pattern (re.error, RecursionError):
                // every check that reaches it fails
                f.kind = LintFinding::Kind::Unreadable;
                f.message += QStringLiteral("; every check that reaches this permission fails");
            }
            out.append(f);
        }
    }

    // Duplicates.
    QHash<QString, QString> firstWithKey;
    for (const Permission &p : permissions) {
        const QString key = definitionKey(p);
        const auto it = firstWithKey.constFind(key);
        if (it != firstWithKey.cend())
            finding(LintFinding::Severity::Warning, LintFinding::Kind::Duplicate, p.name,
                    QStringLiteral("same types, name patterns, required tags, actions and policy as \"%1\"").arg(*it));
        else
            firstWithKey.insert(key, p.name);
    }

    // Matching and shadowing, over the catalog's resources of the project and
    // the principals the policies name (a user holding one role, group or
    // namespace; any user a permission accepts holds at least one of its values).
    const int n = set.size();
    std::vector<bool> matchedAny(size_t(n), false), decides(size_t(n), false), accepted(size_t(n), false);
    std::vector<QSet<int>> shadowers(static_cast<size_t>(n));
    const QList<Principal> principals = principalsOf(permissions);
    std::vector<PermissionBits> granting;
    granting.reserve(size_t(principals.size()));
    for (const Principal &pr : principals)
        granting.push_back(set.grantingPolicies(pr.user));
    QSet<QList<quint64>> seenSignatures;
    bool matchError = false;
    for (const PermissionResource &r : resources) {
        const ResourceMatch match = set.matchResource(r);
        if (!match.error.isEmpty()) {
            matchError = true;
            continue;
        }
        const QList<quint64> words(match.matched.words().cbegin(), match.matched.words().cend());
        if (seenSignatures.contains(words))
            continue;
        seenSignatures.insert(words);
        for (int i = 0; i < n; ++i) {
            if (match.matched.test(i))
                matchedAny[size_t(i)] = true;
        }
        for (const PermissionBits &g : granting) {
            for (int a = 0; a < permissionActionCount; ++a) {
                const PermissionBits candidates = match.matched & set.withActions(ActionSet(1u << a)) & g;
                const int first = candidates.first();
                if (first < 0)
                    continue;
                decides[size_t(first)] = true;
                for (int i = first + 1; i < n; ++i) {
                    if (candidates.test(i)) {
                        accepted[size_t(i)] = true;
                        shadowers[size_t(i)].insert(first);
                    }
                }
            }
        }
    }
    for (int i = 0; i < n; ++i) {
        const Permission &p = permissions.at(i);
        if (!matchedAny[size_t(i)]) {
            if (!matchError)
                finding(LintFinding::Severity::Warning, LintFinding::Kind::MatchesNothing, p.name,
                        QStringLiteral("no resource of project \"%1\" matches its types, name patterns and required tags")
                            .arg(project));
            continue;
        }
        if (decides[size_t(i)] || !accepted[size_t(i)])
            continue;
        QList<int> by(shadowers[size_t(i)].cbegin(), shadowers[size_t(i)].cend());
        std::sort(by.begin(), by.end());
        QStringList names;
        for (int k : std::as_const(by))
            names.append(QStringLiteral("\"%1\"").arg(permissions.at(k).name));
        finding(LintFinding::Severity::Warning, LintFinding::Kind::Shadowed, p.name,
                QStringLiteral("never decides: %1 earlier in the enforcement order always grant%2 first wherever it matches")
                    .arg(names.join(QStringLiteral(", ")), by.size() == 1 ? QStringLiteral("s") : QString()));
    }
}

} // namespace

QList<LintFinding> lintPermissions(const PermissionLintInput &input)
{
    QList<LintFinding> out;
    QStringList projects;
    QHash<QString, PermissionResource> projectResource;
    QHash<QString, QList<PermissionResource>> resourcesByProject;
    for (const PermissionResource &r : input.resources) {
        if (!projects.contains(r.project))
            projects.append(r.project);
        if (r.type == ResourceType::Project)
            projectResource.insert(r.name, r);
        resourcesByProject[r.project].append(r);
    }
    QHash<QString, QList<Permission>> permissionsByProject;
    for (const Permission &p : input.permissions) {
        if (!projects.contains(p.project))
            projects.append(p.project);
        permissionsByProject[p.project].append(p);
    }
    // tenant -> (projects, unprotected projects), in first-seen order
    QStringList tenants;
    QHash<QString, std::pair<int, int>> tenantCounts;
    for (const QString &project : std::as_const(projects)) {
        PermissionResource pr = projectResource.value(project, PermissionResource{ResourceType::Project, project, project, {}, {}});
        const QString tenant = tenantOfProject(input.connection, pr);
        if (!tenants.contains(tenant))
            tenants.append(tenant);
        auto &counts = tenantCounts[tenant];
        ++counts.first;
        const QList<Permission> perms = permissionsByProject.value(project);
        if (perms.isEmpty())
            ++counts.second;
        lintProject(input, project, tenant, perms, resourcesByProject.value(project), out);
    }
    for (const QString &tenant : std::as_const(tenants)) {
        const auto counts = tenantCounts.value(tenant);
        if (counts.first > 1 && counts.first == counts.second) {
            LintFinding f;
            f.severity = input.connection.production ? LintFinding::Severity::Error : LintFinding::Severity::Warning;
            f.kind = LintFinding::Kind::Unprotected;
            f.connection = input.connection.name;
            f.tenant = tenant;
            f.message = QStringLiteral("tenant \"%1\": none of its %2 projects has permissions: open to every "
                                       "authenticated user").arg(tenant).arg(counts.first);
            out.append(f);
        }
    }
    return out;
}

QList<LintFinding> lintPermissions(const QList<PermissionLintInput> &inputs)
{
    QList<LintFinding> out;
    for (const PermissionLintInput &input : inputs)
        out += lintPermissions(input);
    return out;
}

} // namespace feastconsole
