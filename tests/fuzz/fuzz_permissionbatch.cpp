// libFuzzer target for `permissions check --batch` lines and --user strings:
// parsePermissionQuery() and parseUserSpec() on any bytes, then the decision
// of a fixed permission set (patterns, tags, every policy kind) for what
// parsed. A line either parses into a query with actions and a resource kind
// or says why in one line; a decision is one of the four verdicts, and an
// error always explains itself.
#include "permissions/permissionengine.h"
#include "permissions/permissionquery.h"

#include "fuzzregexlimits.h"

#include <cstdint>
#include <cstdlib>

using namespace feastconsole;

namespace {

Permission permission(const QString &name, QList<ResourceType> types, QStringList patterns, PermissionPolicy policy)
{
    Permission p;
    p.name = name;
    p.project = QStringLiteral("p");
    p.types = std::move(types);
    p.namePatterns = std::move(patterns);
    p.actions = {PermissionAction::Describe, PermissionAction::ReadOnline};
    p.policy = std::move(policy);
    return p;
}

const PermissionSet &permissions()
{
    static const PermissionSet set({
        permission(QStringLiteral("readers"), {ResourceType::FeatureView}, {QStringLiteral("driver_.*"), QStringLiteral("(?i)fraud\\w+")},
                   {PolicyKind::Role, {QStringLiteral("reader")}, {}, {}}),
        permission(QStringLiteral("teams"), {}, {QStringLiteral("(a+)+b")}, {PolicyKind::GroupNamespace, {}, {QStringLiteral("g")}, {QStringLiteral("n")}}),
        permission(QStringLiteral("tagged"), {ResourceType::Permission}, {}, {PolicyKind::Namespace, {}, {}, {QStringLiteral("n")}}),
    });
    return set;
}

void checkDecision(const PermissionUser &user, const PermissionResource &resource, ActionSet actions)
{
    const Decision d = permissions().evaluate(user, resource, actions);
    if (d.explanation.isEmpty())
        abort();
    if (d.verdict == Verdict::Granted && d.permissions.size() != 1)
        abort();
    if (d.verdict == Verdict::Unsecured || (d.verdict == Verdict::Error && !d.permissions.isEmpty()))
        abort();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    useFuzzRegexLimits();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView line(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const std::optional<PermissionQuery> query = parsePermissionQuery(line, &error);
    if (query) {
        if (!query->actions || !error.isEmpty())
            abort();
        checkDecision(query->user, query->resource, query->actions);
    } else if (error.isEmpty() || error.contains(u'\n')) {
        abort();
    }

    // The same bytes as a --user string.
    QString userError;
    const std::optional<PermissionUser> user = parseUserSpec(QString::fromUtf8(line), &userError);
    if (user) {
        for (const QStringList *list : {&user->roles, &user->groups, &user->namespaces}) {
            for (const QString &v : *list) {
                if (v.isEmpty() || v.contains(u','))
                    abort();
            }
        }
        checkDecision(*user, {ResourceType::FeatureView, QStringLiteral("p"), QStringLiteral("driver_1"), {}, {}},
                      actionBit(PermissionAction::Describe));
    } else if (userError.isEmpty()) {
        abort();
    }
    return 0;
}
