#pragma once

#include "permissions/accessmatrix.h"

namespace feastconsole {

// One (principal, resource, action) whose outcome changes.
struct ImpactTuple {
    QString principal;            // label, as in the access matrix
    PermissionResource resource;
    PermissionAction action = PermissionAction::Describe;
    Verdict before = Verdict::Denied;
    Verdict after = Verdict::Denied;
};

// What an edit or delete of one project's permissions changes, over the
// catalog's resources and every principal named by a policy before or after
// (plus the admin-defined identities).
struct PermissionImpact {
    QList<ImpactTuple> gained;                // not allowed before, allowed after
    QList<ImpactTuple> lost;                  // allowed before, not allowed after
    QList<PermissionResource> unprotected;    // open after (no permission in the project), not before
    QList<PermissionResource> lockedOut;      // someone was allowed something before, nobody anything after
    int principalCount = 0;
    int resourceCount = 0;
    QString errorBefore;                      // Feast fails every call (PermissionSet::loadError)
    QString errorAfter;
    bool isEmpty() const { return gained.isEmpty() && lost.isEmpty() && unprotected.isEmpty() && lockedOut.isEmpty(); }
};

PermissionImpact computePermissionImpact(const QList<Permission> &before, const QList<Permission> &after,
                                         const QList<PermissionResource> &resources,
                                         const QList<PermissionUser> &identities = {});

// Feast's order after apply_permission (delete + re-append): `edited` replaces
// the permission of the same name and moves to the end; nullopt deletes `name`.
QList<Permission> permissionsAfterEdit(const QList<Permission> &current, const QString &name,
                                       const std::optional<Permission> &edited);

// "+ role:reader READ_ONLINE feature_view p/name" lines, at most `limit` per direction.
QStringList describeImpact(const PermissionImpact &impact, int limit);
QString describeImpactTuple(const ImpactTuple &t, bool gained);

} // namespace feastconsole
