#include "permissions/accessquestions.h"

namespace feastconsole {

std::optional<ResourceRef> parseResourceRef(const QString &text, QString *error)
{
    const QStringList parts = text.split(u':');
    if (parts.size() < 3) {
        *error = QStringLiteral("--resource needs KIND:PROJECT:NAME, got \"%1\"").arg(text);
        return std::nullopt;
    }
    const std::optional<ResourceType> type = typeFromName(parts.at(0));
    if (!type) {
        *error = QStringLiteral("unknown resource kind \"%1\"").arg(parts.at(0));
        return std::nullopt;
    }
    const QString name = parts.mid(2).join(u':');
    if (parts.at(1).trimmed().isEmpty() || name.trimmed().isEmpty()) {
        *error = QStringLiteral("--resource needs KIND:PROJECT:NAME with a project and a name, got \"%1\"").arg(text);
        return std::nullopt;
    }
    return ResourceRef{*type, parts.at(1), name};
}

void AccessScope::addRegistry(const QString &registry, const QList<Permission> &permissions,
                              const QList<PermissionResource> &resources)
{
    m_scope.add(registry, permissions);
    for (const Permission &p : permissions) {
        m_permissions.append(p);
        m_permissionRegistries.append(registry);
    }
    for (const PermissionResource &r : resources)
        m_resources.append({registry, r});
}

QString AccessScope::registryFor(const QString &project) const
{
    if (!m_onlyRegistry.isEmpty())
        return m_onlyRegistry;
    for (const MatrixResource &r : m_resources) {
        if (r.resource.type == ResourceType::Project && r.resource.name == project)
            return r.registry;
    }
    for (qsizetype i = 0; i < m_permissions.size(); ++i) {
        if (m_permissions.at(i).project == project)
            return m_permissionRegistries.at(i);
    }
    return m_fallback;
}

QList<MatrixResource> AccessScope::resources(const QString &project, std::optional<ResourceType> type) const
{
    QList<MatrixResource> out;
    for (const MatrixResource &r : m_resources) {
        if (!project.isEmpty() && r.resource.project != project)
            continue;
        if (type && r.resource.type != *type)
            continue;
        out.append(r);
    }
    return out;
}

namespace {

// The registry's copy of the resource (its tags), or a new untagged one.
std::pair<PermissionResource, bool> resolve(const AccessScope &scope, const QString &registry, const ResourceRef &ref)
{
    for (const MatrixResource &r : scope.resources()) {
        if (r.registry == registry && r.resource.project == ref.project && r.resource.name == ref.name
            && (typesCovering(r.resource.type) & typeBit(ref.type)))
            return {r.resource, true};
    }
    return {PermissionResource{ref.type, ref.project, ref.name, {}, {}}, false};
}

} // namespace

AccessCheck checkAccess(const AccessScope &scope, const PermissionUser &user, const ResourceRef &ref, ActionSet actions)
{
    AccessCheck answer;
    answer.registry = scope.registryFor(ref.project);
    const auto [resource, found] = resolve(scope, answer.registry, ref);
    answer.resourceFound = found;
    answer.decision = scope.scope().set(answer.registry, ref.project).evaluate(user, resource, actions);
    return answer;
}

WhoCanAnswer whoCan(const AccessScope &scope, const ResourceRef &ref, ActionSet actions,
                    const QList<PermissionUser> &identities)
{
    WhoCanAnswer answer;
    answer.registry = scope.registryFor(ref.project);
    const PermissionResource resource = resolve(scope, answer.registry, ref).first;
    const PermissionSet &set = scope.scope().set(answer.registry, ref.project);
    answer.projectUnsecured = set.isEmpty();
    for (const Principal &p : principalsOf(set.permissions(), identities)) {
        Decision d = set.evaluate(p.user, resource, actions);
        if (d.allowed() || d.verdict == Verdict::Error)
            answer.principals.append({p.label, std::move(d)});
    }
    return answer;
}

QList<ResourceActions> whatCan(const AccessScope &scope, const PermissionUser &user,
                               const QList<MatrixResource> &resources)
{
    const AccessMatrix m = AccessMatrix::compute({{Principal::Source::Defined, user.name, user}}, resources, scope.scope());
    QList<ResourceActions> out;
    for (int r = 0; r < m.resourceCount(); ++r) {
        QStringList allowed, undecided;
        for (int a = 0; a < permissionActionCount; ++a) {
            const Verdict v = m.cell(0, r, PermissionAction(a)).verdict;
            if (v == Verdict::Granted || v == Verdict::Unsecured)
                allowed.append(actionName(PermissionAction(a)).toLower());
            else if (v == Verdict::Error)
                undecided.append(actionName(PermissionAction(a)).toLower());
        }
        if (!allowed.isEmpty() || !undecided.isEmpty())
            out.append({m.resource(r), allowed, undecided});
    }
    return out;
}

} // namespace feastconsole
