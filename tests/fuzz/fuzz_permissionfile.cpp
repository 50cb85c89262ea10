// libFuzzer target for permission files (YAML or JSON): any bytes must load
// without a crash, a hang or memory beyond the limits. An accepted permission
// without a name or actions fails validation, and each reads back equal from
// its JSON form.
#include "permissions/permissionfile.h"
#include "yamlinvariants.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace feastconsole;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    fuzzcheck::checkLoaded(text, configYamlLimits);
    const PermissionFileResult r = parsePermissionText(text, QStringLiteral("perms.yaml"));
    if (!r.error.isEmpty()) {
        FUZZ_REQUIRE(r.permissions.isEmpty());
        FUZZ_REQUIRE(r.error.startsWith(QStringLiteral("perms.yaml")));
        return 0;
    }
    QJsonArray all;
    for (const Permission &p : r.permissions) {
        all.append(permissionToJson(p));
        // What Feast would refuse is caught before apply.
        const QStringList problems = validatePermission(p);
        FUZZ_REQUIRE(!p.actions.isEmpty() || !problems.isEmpty());
        FUZZ_REQUIRE(!p.name.trimmed().isEmpty() || !problems.isEmpty());
    }
    const PermissionFileResult back = parsePermissionText(QJsonDocument(all).toJson(), QStringLiteral("json"));
    FUZZ_REQUIRE(back.error.isEmpty());
    FUZZ_REQUIRE(back.permissions.size() == r.permissions.size());
    for (qsizetype i = 0; i < r.permissions.size(); ++i) {
        FUZZ_REQUIRE(back.permissions[i].name == r.permissions[i].name);
        FUZZ_REQUIRE(back.permissions[i].policy == r.permissions[i].policy);
        FUZZ_REQUIRE(back.permissions[i].types == r.permissions[i].types);
    }
    return 0;
}
