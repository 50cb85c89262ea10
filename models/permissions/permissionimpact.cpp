#include "permissions/permissionimpact.h"

namespace feastconsole {

namespace {
bool allowed(Verdict v)
{
    return v == Verdict::Granted || v == Verdict::Unsecured;
}
} // namespace

QList<Permission> permissionsAfterEdit(const QList<Permission> &current, const QString &name,
                                       const std::optional<Permission> &edited)
{
    QList<Permission> out;
    for (const Permission &p : current) {
        if (p.name != name)
            out.append(p);
    }
    if (edited)
        out.append(*edited);
    return out;
}

PermissionImpact computePermissionImpact(const QList<Permission> &before, const QList<Permission> &after,
                                         const QList<PermissionResource> &resources,
                                         const QList<PermissionUser> &identities)
{
    const QString registry = QStringLiteral("impact");
    // Each side is one permission set per project, so resources of other
    // projects see an empty set on both sides and never change.
    PermissionScope scopeBefore, scopeAfter;
    scopeBefore.add(registry, before);
    scopeAfter.add(registry, after);
    QList<MatrixResource> matrixResources;
    matrixResources.reserve(resources.size());
    for (const PermissionResource &r : resources)
        matrixResources.append({registry, r});
    const QList<Principal> principals = principalsOf(before + after, identities);
    const AccessMatrix mb = AccessMatrix::compute(principals, matrixResources, scopeBefore);
    const AccessMatrix ma = AccessMatrix::compute(principals, matrixResources, scopeAfter);

    PermissionImpact impact;
    impact.principalCount = int(principals.size());
    impact.resourceCount = int(resources.size());
    for (const auto &[reg, project] : scopeBefore.keys()) {
        if (impact.errorBefore.isEmpty())
            impact.errorBefore = scopeBefore.set(reg, project).loadError();
    }
    for (const auto &[reg, project] : scopeAfter.keys()) {
        if (impact.errorAfter.isEmpty())
            impact.errorAfter = scopeAfter.set(reg, project).loadError();
    }
    for (int r = 0; r < int(resources.size()); ++r) {
        bool anyBefore = false, anyAfter = false, unsecuredBefore = false, unsecuredAfter = false;
        for (int p = 0; p < int(principals.size()); ++p) {
            for (int a = 0; a < permissionActionCount; ++a) {
                const Verdict vb = mb.cell(p, r, PermissionAction(a)).verdict;
                const Verdict va = ma.cell(p, r, PermissionAction(a)).verdict;
                anyBefore = anyBefore || allowed(vb);
                anyAfter = anyAfter || allowed(va);
                unsecuredBefore = unsecuredBefore || vb == Verdict::Unsecured;
                unsecuredAfter = unsecuredAfter || va == Verdict::Unsecured;
                if (allowed(vb) == allowed(va))
                    continue;
                ImpactTuple t{principals.at(p).label, resources.at(r), PermissionAction(a), vb, va};
                (allowed(va) ? impact.gained : impact.lost).append(std::move(t));
            }
        }
        if (unsecuredAfter && !unsecuredBefore)
            impact.unprotected.append(resources.at(r));
        if (anyBefore && !anyAfter)
            impact.lockedOut.append(resources.at(r));
    }
    return impact;
}

QString describeImpactTuple(const ImpactTuple &t, bool gained)
{
    return QStringLiteral("%1 %2 %3 %4 %5/%6 (%7 -> %8)")
        .arg(gained ? QStringLiteral("+") : QStringLiteral("-"), t.principal, actionName(t.action),
             typeKindId(t.resource.type), t.resource.project, t.resource.name, verdictId(t.before),
             verdictId(t.after));
}

QStringList describeImpact(const PermissionImpact &impact, int limit)
{
    QStringList out;
    out.append(QStringLiteral("impact: %1 gained, %2 lost, %3 unprotected, %4 locked out (%5 principals x %6 resources)")
                   .arg(impact.gained.size())
                   .arg(impact.lost.size())
                   .arg(impact.unprotected.size())
                   .arg(impact.lockedOut.size())
                   .arg(impact.principalCount)
                   .arg(impact.resourceCount));
    if (!impact.errorAfter.isEmpty() && impact.errorBefore.isEmpty())
        out.append(QStringLiteral("error after the change: Feast fails every call: ") + impact.errorAfter);
    for (int i = 0; i < impact.gained.size() && i < limit; ++i)
        out.append(describeImpactTuple(impact.gained.at(i), true));
    if (impact.gained.size() > limit)
        out.append(QStringLiteral("… %1 more gained").arg(impact.gained.size() - limit));
    for (int i = 0; i < impact.lost.size() && i < limit; ++i)
        out.append(describeImpactTuple(impact.lost.at(i), false));
    if (impact.lost.size() > limit)
        out.append(QStringLiteral("… %1 more lost").arg(impact.lost.size() - limit));
    for (int i = 0; i < impact.unprotected.size() && i < limit; ++i)
        out.append(QStringLiteral("unprotected: %1 %2/%3").arg(typeKindId(impact.unprotected.at(i).type),
                                                              impact.unprotected.at(i).project, impact.unprotected.at(i).name));
    for (int i = 0; i < impact.lockedOut.size() && i < limit; ++i)
        out.append(QStringLiteral("locked out: %1 %2/%3").arg(typeKindId(impact.lockedOut.at(i).type),
                                                             impact.lockedOut.at(i).project, impact.lockedOut.at(i).name));
    return out;
}

} // namespace feastconsole
