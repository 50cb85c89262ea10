#pragma once

#include "permissions/permission.h"

namespace feastconsole {

// A project's permissions as a readable permissions.py for a feature repo,
// written with Feast's Python API (Permission, the policy classes, the
// resource classes and the action aliases). `feast apply` of the file
// recreates Permission objects equal to the originals.
QString exportPermissionsPy(const QList<Permission> &permissions, const QString &project, const QString &source);

// A Python string literal for `s` (a raw string when that is exact and readable).
QString pythonStringLiteral(const QString &s, bool preferRaw = false);

} // namespace feastconsole
