// libFuzzer target for permission files (YAML or JSON): any bytes must load
// without a crash, a hang or memory beyond the limits. Accepted permissions
// have actions and known types, and read back equal from their JSON form.
#include "permissionfile.h"
#include "yamlinvariants.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace feastconsole;
using fuzzcheck::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    fuzzcheck::checkLoaded(text, configYamlLimits);
    const PermissionFileResult r = parsePermissionText(text, QStringLiteral("perms.yaml"));
    if (!r.error.isEmpty()) {
        require(r.permissions.isEmpty());
        require(r.error.startsWith(QStringLiteral("perms.yaml")));
        return 0;
    }
    QJsonArray all;
    for (const Permission &p : r.permissions) {
        require(!p.actions.isEmpty());
        all.append(permissionToJson(p));
        (void)validatePermission(p);
    }
    const PermissionFileResult back = parsePermissionText(QJsonDocument(all).toJson(), QStringLiteral("json"));
    require(back.error.isEmpty());
    require(back.permissions.size() == r.permissions.size());
    for (qsizetype i = 0; i < r.permissions.size(); ++i) {
        require(back.permissions[i].name == r.permissions[i].name);
        require(back.permissions[i].policy == r.permissions[i].policy);
        require(back.permissions[i].types == r.permissions[i].types);
    }
    return 0;
}
