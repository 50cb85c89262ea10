#pragma once

#include "permissions/accessmatrix.h"

#include <optional>

namespace feastconsole {

// The questions a platform admin asks of a workspace's permissions — "may
// this user do this?", "who can?", "what can this user do?" — answered once
// here for every front end (the CLI's `permissions check/who-can/what-can`,
// the web console's permissions.* methods).

// A resource named on a command line or in a form: KIND:PROJECT:NAME.
struct ResourceRef {
    ResourceType type = ResourceType::FeatureView;
    QString project;
    QString name;
};
// nullopt with a one-line reason in *error.
std::optional<ResourceRef> parseResourceRef(const QString &text, QString *error);

// Every registry's permissions and resources, as one scope of questions.
class AccessScope
{
public:
    // A registry's permissions (registry order) and resources.
    void addRegistry(const QString &registry, const QList<Permission> &permissions,
                     const QList<PermissionResource> &resources);
    // Every question is asked of `registry` whatever the project (a
    // permission file checked on its own).
    void setOnlyRegistry(const QString &registry) { m_onlyRegistry = registry; }
    // Where no registry knows the project (the workspace's first connection).
    void setFallbackRegistry(const QString &registry) { m_fallback = registry; }

    // The registry that holds `project`: where its project object or one of
    // its permissions is, else the fallback.
    QString registryFor(const QString &project) const;
    const PermissionScope &scope() const { return m_scope; }
    const QList<Permission> &permissions() const { return m_permissions; }
    const QStringList &permissionRegistries() const { return m_permissionRegistries; } // parallel to permissions()
    const QList<MatrixResource> &resources() const { return m_resources; }
    // The resources of one project and one kind (empty: every one).
    QList<MatrixResource> resources(const QString &project, std::optional<ResourceType> type) const;

private:
    PermissionScope m_scope;
    QList<Permission> m_permissions;
    QStringList m_permissionRegistries;
    QList<MatrixResource> m_resources;
    QString m_onlyRegistry;
    QString m_fallback;
};

// `check`: the decision, where it was asked, and whether the registry has the
// resource (otherwise it is judged as a new object of that kind, untagged).
struct AccessCheck {
    Decision decision;
    QString registry;
    bool resourceFound = false;
};
AccessCheck checkAccess(const AccessScope &scope, const PermissionUser &user, const ResourceRef &ref, ActionSet actions);

// `who-can`: every principal the project's policies name (and `identities`)
// that is allowed all of `actions` on the resource, and every one whose
// decision is an error (a pattern the console cannot judge): never left out.
struct PrincipalDecision {
    QString principal;
    Decision decision;
};
struct WhoCanAnswer {
    QString registry;
    bool projectUnsecured = false; // the project has no permissions: every authenticated user can
    QList<PrincipalDecision> principals; // allowed or error, in principalsOf's order
};
WhoCanAnswer whoCan(const AccessScope &scope, const ResourceRef &ref, ActionSet actions,
                    const QList<PermissionUser> &identities);

// `what-can`: every resource the user may act on, with the actions allowed
// (lowercase action names, in Feast's order), and every resource where a
// decision is an error, with those actions as undecided.
struct ResourceActions {
    MatrixResource resource;
    QStringList actions;
    QStringList undecided;
};
QList<ResourceActions> whatCan(const AccessScope &scope, const PermissionUser &user,
                               const QList<MatrixResource> &resources);

} // namespace feastconsole
