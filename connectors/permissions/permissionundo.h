#pragma once

#include "permissions/permissionclient.h"

#include <QJsonObject>

#include <optional>

namespace feastconsole {

// The last change this console wrote to one permission, enough to take it back.
// The CLI keeps it in permission-undo.json between runs; the desktop page keeps
// it in memory. Both undo it with undoPermissionChange().
struct PermissionChange {
    QString registry; // the connection's name
    QString project;
    QString name;
    std::optional<Permission> before; // absent: the change created the permission
    std::optional<Permission> after;  // absent: the change deleted it; else the server's version right after
};

QJsonObject permissionChangeToJson(const PermissionChange &change);
std::optional<PermissionChange> permissionChangeFromJson(const QJsonObject &o, QString *error);

// What undoing writes: `before` again (nullopt: delete the created permission).
// Fields the console does not model come from before's own bytes, else from
// `current`'s (the server's version now).
std::optional<Permission> undoTarget(const PermissionChange &change, const std::optional<Permission> &current);

// The server still holds exactly what the change wrote (or still lacks what it deleted).
bool stillHolds(const PermissionChange &change, const std::optional<Permission> &current);
QString undoRefusedMessage(const PermissionChange &change);

// Re-reads the permission; refuses (Conflict, `current` = the server's version,
// nothing written) when someone changed it after the change, else writes
// undoTarget() back. Blocking, like PermissionClient.
SafeWriteResult undoPermissionChange(const PermissionClient &client, const PermissionChange &change);

} // namespace feastconsole
