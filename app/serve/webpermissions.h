#pragma once

#include "serve/webmethods.h"

#include "permissions/permissionsource.h"

namespace feastconsole {

class ConsoleCore;

namespace webmethods {

// The permission questions of the web console, answered by the functions the
// CLI's `permissions check`, `who-can`, `what-can` and `matrix` use, with
// their parsers (so a bad user, resource or action is refused in the CLI's
// words). An answer that depends on a connection whose permissions are not
// loaded is refused with Undecidable, never guessed; one over every
// connection names the missing ones in "incomplete".

// `permissions.check` {user, resource: "KIND:PROJECT:NAME", action}: the
// CLI's --json object.
Answer permissionsCheck(const ConsoleCore &core, const QJsonObject &params);
// `permissions.whoCan` {resource, action, identities?: [user…]}:
// {registry, project_unsecured, principals: the CLI's --json array}.
Answer permissionsWhoCan(const ConsoleCore &core, const QJsonObject &params);
// `permissions.whatCan` {user, project?, kind?}: {rows: the CLI's --json array, incomplete}.
Answer permissionsWhatCan(const ConsoleCore &core, const QJsonObject &params);

// `permissions.matrix` {identities?, project?, kind?, offset?, limit?, format?: "csv"}:
// what is computed off the event loop, and how a page of it is encoded.
struct MatrixRequest {
    QList<PermissionUser> identities;
    QString project;
    std::optional<ResourceType> type;
    qint64 offset = 0;
    qint64 limit = 100;
    bool csv = false;
    QString key() const; // equal keys: the same matrix (paging apart)
};
std::variant<MatrixRequest, rpc::Error> parseMatrixRequest(const QJsonObject &params);
// The sources the matrix is computed from, or Undecidable while none is loaded.
struct MatrixInputs {
    QList<PermissionSource> sources;
    QStringList incomplete; // connections without permissions loaded (failed or loading)
    QString fingerprint;    // changes whenever a source does
};
MatrixInputs matrixInputs(const ConsoleCore &core);
// {principals, actions, total, offset, rows: [{registry, tenant, project, kind,
// name, cells: [[verdict per action] per principal]}], counts, incomplete}, or
// {csv, incomplete} (the CLI's `permissions matrix` CSV).
QJsonObject matrixAnswer(const WorkspaceAccessMatrix &matrix, const MatrixRequest &request,
                         const QStringList &incomplete);

} // namespace webmethods
} // namespace feastconsole
