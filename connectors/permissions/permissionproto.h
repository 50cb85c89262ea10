#pragma once

#include "permissions/permission.h"
#include "catalog/registrysnapshot.h"

#include <QByteArrayView>

#include <optional>

namespace feastconsole {

// feast.core.Permission <-> the domain's Permission. Only connectors/ sees the
// generated code; everything else gets these value types.
std::optional<Permission> decodePermission(QByteArrayView wire, QString *error = nullptr);
// Serializes `p`. When p.wire holds the bytes it was read from, those are the
// starting point, so fields the console does not model survive an edit.
QByteArray encodePermission(const Permission &p);

// Every permission of a snapshot, in registry order (Feast evaluates in that order).
QList<Permission> permissionsOf(const RegistrySnapshot &snapshot);
// Every object Feast's enforcer can be asked about, as resources: features
// are left out (Feast secures their views), feature views that carry a
// transformation are BatchFeatureView (that is what Feast rebuilds them as),
// and permissions bring their required_tags.
QList<PermissionResource> resourcesOf(const RegistrySnapshot &snapshot);

} // namespace feastconsole
