#pragma once

#include "permissions/permission.h"

#include <QJsonObject>

namespace feastconsole {

// The console's permission file (`permissions apply FILE`, `--permissions FILE`):
// YAML or JSON, one permission as a mapping, or several as a list or under a
// `permissions:` key. Documented in README.md ("Permission files").
struct PermissionFileResult {
    QList<Permission> permissions;
    QString error; // names the file, the permission and the field
};
PermissionFileResult readPermissionFile(const QString &path);
PermissionFileResult parsePermissionText(const QByteArray &text, const QString &where);

// The same shape as JSON (also what `permissions show --json` prints).
QJsonObject permissionToJson(const Permission &p);

// Checks before apply: name present, at least one action, every name pattern
// valid in Python's `re` (as Feast would compile it), a policy Feast can read
// back, types known. Returns one message per problem.
QStringList validatePermission(const Permission &p);

} // namespace feastconsole
