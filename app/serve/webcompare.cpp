#include "serve/webcompare.h"

#include "consolecore.h"
#include "catalog/catalog.h"

namespace feastconsole::webmethods {

namespace {

std::variant<std::pair<CompareScope, CatalogPartPtr>, rpc::Error> side(const ConsoleCore &core, const QJsonObject &params,
                                                                       const QString &name)
{
    const QJsonValue value = params.value(name);
    if (!value.isObject())
        return rpc::Error{rpc::InvalidParams, QStringLiteral("\"%1\" must be {registry, tenant?, project?}").arg(name)};
    const QJsonObject object = value.toObject();
    rpc::ParamReader read{object, {}};
    CompareScope scope{read.string(QStringLiteral("registry")), read.string(QStringLiteral("tenant")),
                       read.string(QStringLiteral("project"))};
    if (!read.ok())
        return rpc::Error{rpc::InvalidParams, QStringLiteral("%1: %2").arg(name, read.why)};
    if (scope.connection.isEmpty())
        return rpc::Error{rpc::InvalidParams, QStringLiteral("%1: needs a registry").arg(name)};
    if (!core.catalog().connections().contains(scope.connection))
        return rpc::Error{rpc::NotFound, QStringLiteral("%1: no connection \"%2\"").arg(name, scope.connection)};
    const CatalogPartPtr part = core.catalog().part(scope.connection);
    if (!part)
        return rpc::Error{rpc::NotFound, QStringLiteral("%1: connection \"%2\" has no data loaded").arg(name, scope.connection)};
    if (!scope.project.isEmpty() && !part->projects().contains(scope.project))
        return rpc::Error{rpc::NotFound, QStringLiteral("%1: no project \"%2\" in %3").arg(name, scope.project, scope.connection)};
    if (!scope.tenant.isEmpty() && projectsInScope(*part, scope).isEmpty())
        return rpc::Error{rpc::NotFound, QStringLiteral("%1: no tenant \"%2\" in %3").arg(name, scope.tenant, scope.connection)};
    return std::pair{scope, part};
}

} // namespace

std::variant<CompareSides, rpc::Error> parseCompareRequest(const ConsoleCore &core, const QJsonObject &params)
{
    auto left = side(core, params, QStringLiteral("left"));
    if (auto *error = std::get_if<rpc::Error>(&left))
        return *error;
    auto right = side(core, params, QStringLiteral("right"));
    if (auto *error = std::get_if<rpc::Error>(&right))
        return *error;
    auto &[leftScope, leftPart] = std::get<0>(left);
    auto &[rightScope, rightPart] = std::get<0>(right);
    return CompareSides{leftScope, rightScope, leftPart, rightPart};
}

} // namespace feastconsole::webmethods
