#pragma once

#include "permissions/accessquestions.h"
#include "workspace/connectionspec.h"
#include "partjobs.h"
#include "permissions/permission.h"

#include <QHash>
#include <QList>

namespace feastconsole {

class Catalog;
class CatalogPart;
class WorkspaceSession;

// One connection's permissions and resources as read from the catalog.
struct PermissionSource {
    ConnectionSpec spec;
    QList<Permission> permissions;       // every project's, registry order
    QList<PermissionResource> resources; // every resource
    QHash<QString, QString> tenants;     // project -> tenant
};

// The permissions and resources of one loaded part (decoded from its bytes).
PermissionSource permissionSourceOf(const ConnectionSpec &spec, const CatalogPart &part);
// Every loaded connection's, with its workspace settings (tenancy, production).
QList<PermissionSource> permissionSources(const Catalog &catalog, const WorkspaceSession &session);
// Who can do what on every resource of the sources (costly: off the GUI thread),
// with each resource's tenant keyed "connection\nproject".
struct WorkspaceAccessMatrix {
    std::shared_ptr<const AccessMatrix> matrix;
    QHash<QString, QString> tenants;
};
// `identities` are principals the admin adds to those the policies name; the
// resources are every one, or one project's and one kind's.
WorkspaceAccessMatrix computeWorkspaceAccessMatrix(const QList<PermissionSource> &sources,
                                                   const QList<PermissionUser> &identities = {},
                                                   const QString &project = {},
                                                   std::optional<ResourceType> type = std::nullopt,
                                                   JobProgress *progress = nullptr);
// The sources as one scope of access questions (check, who-can, what-can);
// a project no source knows is asked of `fallbackRegistry`.
AccessScope accessScopeOf(const QList<PermissionSource> &sources, const QString &fallbackRegistry);

// Every connection's PermissionSource, decoded from its part off the GUI thread
// (the pages read these; a 1M-feature registry takes hundreds of ms to decode).
using PermissionSourceResults = PartResults<PermissionSource>;
PermissionSourceResults *newPermissionSourceResults(const Catalog *catalog, const WorkspaceSession *session,
                                                    QThreadPool *pool, QObject *parent);
// The results there are, in the catalog's order.
QList<PermissionSource> permissionSources(const PermissionSourceResults &results);

// A connection's workspace settings, or a spec with only its name.
ConnectionSpec connectionSpecOf(const WorkspaceSession &session, const QString &connection);

} // namespace feastconsole
