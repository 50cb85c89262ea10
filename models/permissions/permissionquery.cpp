#include "permissions/permissionquery.h"

#include "permissions/permissionengine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace feastconsole {

namespace {

QStringList jsonStrings(const QJsonValue &v, bool *ok)
{
    QStringList out;
    if (v.isUndefined() || v.isNull())
        return out;
    if (!v.isArray()) {
        *ok = false;
        return out;
    }
    for (const QJsonValue &item : v.toArray()) {
        if (!item.isString())
            *ok = false;
        out.append(item.toString());
    }
    return out;
}

Tags jsonTags(const QJsonValue &v, bool *ok)
{
    Tags tags;
    if (!v.isObject()) {
        *ok = false;
        return tags;
    }
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!it.value().isString())
            *ok = false;
        tags.append({it.key(), it.value().toString()});
    }
    std::sort(tags.begin(), tags.end());
    return tags;
}

} // namespace

std::optional<ActionSet> parseActions(const QString &text, QString *error)
{
    ActionSet set = 0;
    for (const QString &name : text.split(u',', Qt::SkipEmptyParts)) {
        const auto a = actionsFromName(name.trimmed());
        if (!a) {
            *error = QStringLiteral("unknown action \"%1\" (create, describe, update, delete, read_online, read_offline, "
                                    "write_online, write_offline, or ALL_ACTIONS, READ, WRITE, CRUD)").arg(elided(name));
            return std::nullopt;
        }
        set |= *a;
    }
    if (!set) {
        *error = QStringLiteral("--action is empty");
        return std::nullopt;
    }
    return set;
}

std::optional<PermissionQuery> parsePermissionQuery(QByteArrayView line, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line.toByteArray(), &parseError);
    if (!doc.isObject()) {
        *error = parseError.error == QJsonParseError::NoError ? QStringLiteral("not a JSON object")
                                                              : parseError.errorString();
        return std::nullopt;
    }
    const QJsonObject q = doc.object();
    const QJsonObject u = q.value(QStringLiteral("user")).toObject();
    const QJsonObject r = q.value(QStringLiteral("resource")).toObject();
    bool ok = true;
    PermissionQuery query;
    query.user = {u.value(QStringLiteral("name")).toString(), jsonStrings(u.value(QStringLiteral("roles")), &ok),
                  jsonStrings(u.value(QStringLiteral("groups")), &ok), jsonStrings(u.value(QStringLiteral("namespaces")), &ok)};
    const QString kind = r.value(QStringLiteral("kind")).toString();
    const auto type = typeFromName(kind);
    if (!type) {
        *error = QStringLiteral("unknown resource kind \"%1\"").arg(elided(kind));
        return std::nullopt;
    }
    const auto actions = parseActions(q.value(QStringLiteral("action")).toString(), error);
    if (!actions)
        return std::nullopt;
    if (!ok) {
        *error = QStringLiteral("user roles, groups and namespaces must be lists of strings");
        return std::nullopt;
    }
    query.actions = *actions;
    query.resource = {*type, r.value(QStringLiteral("project")).toString(), r.value(QStringLiteral("name")).toString(), {}, {}};
    query.hasTags = r.contains(QStringLiteral("tags")) || r.contains(QStringLiteral("required_tags"));
    if (r.contains(QStringLiteral("tags")))
        query.resource.tags = jsonTags(r.value(QStringLiteral("tags")), &ok);
    if (r.contains(QStringLiteral("required_tags")))
        query.resource.requiredTags = jsonTags(r.value(QStringLiteral("required_tags")), &ok);
    if (!ok) {
        *error = QStringLiteral("resource tags must be an object of strings");
        return std::nullopt;
    }
    return query;
}

} // namespace feastconsole
