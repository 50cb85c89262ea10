#include "permissions/permissionundo.h"

#include "permissions/permissionfile.h"

#include <QJsonDocument>

namespace feastconsole {

namespace {

const QString keyRegistry = QStringLiteral("registry");
const QString keyProject = QStringLiteral("project");
const QString keyName = QStringLiteral("name");
const QString keyBefore = QStringLiteral("before");
const QString keyBeforeWire = QStringLiteral("before_wire");
const QString keyAfter = QStringLiteral("after");

// permissionToJson() carries the timestamps as information; the version check needs them back.
std::optional<Permission> permissionFromJson(const QJsonObject &o, QString *error)
{
    const PermissionFileResult parsed = parsePermissionText(QJsonDocument(o).toJson(), QStringLiteral("undo record"));
    if (!parsed.error.isEmpty() || parsed.permissions.size() != 1) {
        *error = parsed.error.isEmpty() ? QStringLiteral("undo record: not one permission") : parsed.error;
        return std::nullopt;
    }
    Permission p = parsed.permissions.first();
    p.created = QDateTime::fromString(o.value(QStringLiteral("created")).toString(), Qt::ISODateWithMs);
    p.updated = QDateTime::fromString(o.value(QStringLiteral("last_updated")).toString(), Qt::ISODateWithMs);
    return p;
}

} // namespace

QJsonObject permissionChangeToJson(const PermissionChange &change)
{
    QJsonObject o{{keyRegistry, change.registry}, {keyProject, change.project}, {keyName, change.name}};
    if (change.before) {
        o.insert(keyBefore, permissionToJson(*change.before));
        if (!change.before->wire.isEmpty())
            o.insert(keyBeforeWire, QString::fromLatin1(change.before->wire.toBase64()));
    }
    if (change.after)
        o.insert(keyAfter, permissionToJson(*change.after));
    return o;
}

std::optional<PermissionChange> permissionChangeFromJson(const QJsonObject &o, QString *error)
{
    PermissionChange change{o.value(keyRegistry).toString(), o.value(keyProject).toString(), o.value(keyName).toString(),
                            std::nullopt, std::nullopt};
    if (change.registry.isEmpty() || change.project.isEmpty() || change.name.isEmpty()) {
        *error = QStringLiteral("undo record: registry, project or name missing");
        return std::nullopt;
    }
    if (o.contains(keyBefore)) {
        change.before = permissionFromJson(o.value(keyBefore).toObject(), error);
        if (!change.before)
            return std::nullopt;
        change.before->wire = QByteArray::fromBase64(o.value(keyBeforeWire).toString().toLatin1());
    }
    if (o.contains(keyAfter)) {
        change.after = permissionFromJson(o.value(keyAfter).toObject(), error);
        if (!change.after)
            return std::nullopt;
    }
    return change;
}

std::optional<Permission> undoTarget(const PermissionChange &change, const std::optional<Permission> &current)
{
    if (!change.before)
        return std::nullopt;
    Permission target = *change.before;
    if (target.wire.isEmpty() && current)
        target.wire = current->wire;
    return target;
}

bool stillHolds(const PermissionChange &change, const std::optional<Permission> &current)
{
    if (change.after.has_value() != current.has_value())
        return false;
    return !current || sameVersion(*change.after, *current);
}

QString undoRefusedMessage(const PermissionChange &change)
{
    return QStringLiteral("permission \"%1\" in project \"%2\" changed after the last change; not undone, nothing was written")
        .arg(change.name, change.project);
}

SafeWriteResult undoPermissionChange(const PermissionClient &client, const PermissionChange &change)
{
    // writePermissionSafely re-reads right before the write and compares with
    // what the change wrote: the same refusal as for any concurrent edit.
    SafeWriteResult result = writePermissionSafely(client, change.project, change.name, change.after,
                                                   undoTarget(change, change.after));
    if (result.status == SafeWriteResult::Status::Conflict)
        result.message = undoRefusedMessage(change);
    return result;
}

} // namespace feastconsole
