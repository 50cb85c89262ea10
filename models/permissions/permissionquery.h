#pragma once

#include "permissions/permission.h"

#include <QByteArrayView>

#include <optional>

namespace feastconsole {

// One line of `permissions check --batch`:
//   {"user": {"name": …, "roles": [...], "groups": [...], "namespaces": [...]},
//    "resource": {"kind": …, "project": …, "name": …, "tags": {...}, "required_tags": {...}},
//    "action": "read_online,describe"}
struct PermissionQuery {
    PermissionUser user;
    PermissionResource resource;
    ActionSet actions = 0;
    bool hasTags = false; // tags or required_tags given: the registry's copy is not looked up
};

// The query of one line, or nullopt with a one-line reason in *error.
std::optional<PermissionQuery> parsePermissionQuery(QByteArrayView line, QString *error);

// --action: actions and aliases, comma-separated (all are required); never empty.
std::optional<ActionSet> parseActions(const QString &text, QString *error);

} // namespace feastconsole
