#include "serve/webpermissions.h"

#include "consolecore.h"
#include "catalog/catalog.h"
#include "json/domainjson.h"
#include "permissions/permissionquery.h"
#include "registry/workspacesession.h"

#include <QJsonArray>

namespace feastconsole::webmethods {

namespace {

constexpr qsizetype maxIdentities = 100;
constexpr qint64 maxMatrixPage = 500;

rpc::Error invalidParams(const QString &why)
{
    return rpc::Error{rpc::InvalidParams, why};
}

// What the questions are asked of: every loaded connection's permissions,
// and the connections that have none loaded (with why).
struct Loaded {
    AccessScope scope;
    QList<PermissionSource> sources;
    QStringList missing; // "name (state)"
};

Loaded loaded(const ConsoleCore &core)
{
    Loaded out;
    for (const QString &connection : core.catalog().connections()) {
        if (const auto source = core.permissionSources().result(connection))
            out.sources.append(*source);
        else if (const ConnectionStatus status = core.catalog().status(connection); status.hasData)
            out.missing.append(QStringLiteral("%1 (still being read)").arg(connection));
        else
            out.missing.append(QStringLiteral("%1 (%2)").arg(connection, stateId(status.state)));
    }
    const auto &connections = core.session().workspace().connections;
    out.scope = accessScopeOf(out.sources, connections.isEmpty() ? QString() : connections.first().name);
    return out;
}

// Whether a loaded connection holds the project (its project object or a permission of it).
bool knowsProject(const QList<PermissionSource> &sources, const QString &project)
{
    for (const PermissionSource &s : sources) {
        for (const PermissionResource &r : s.resources) {
            if (r.type == ResourceType::Project && r.name == project)
                return true;
        }
        for (const Permission &p : s.permissions) {
            if (p.project == project)
                return true;
        }
    }
    return false;
}

// Undecidable when the project may live in a connection that is not loaded.
std::optional<rpc::Error> undecidable(const Loaded &state, const QString &project)
{
    if (state.missing.isEmpty() || knowsProject(state.sources, project))
        return std::nullopt;
    return rpc::Error{rpc::Undecidable,
                      QStringLiteral("cannot decide: project \"%1\" is in no loaded registry, and the permissions of %2 "
                                     "are not loaded")
                          .arg(project, state.missing.join(QStringLiteral(", ")))};
}

std::optional<QList<PermissionUser>> readIdentities(rpc::ParamReader &read, QString *error)
{
    QList<PermissionUser> identities;
    for (const QString &spec : read.strings(QStringLiteral("identities"), maxIdentities)) {
        const auto user = parseUserSpec(spec, error);
        if (!user)
            return std::nullopt;
        identities.append(*user);
    }
    return identities;
}

} // namespace

Answer permissionsCheck(const ConsoleCore &core, const QJsonObject &params)
{
    rpc::ParamReader read{params, {}};
    const QString userText = read.string(QStringLiteral("user"));
    const QString resourceText = read.string(QStringLiteral("resource"));
    const QString actionText = read.string(QStringLiteral("action"));
    if (!read.ok())
        return invalidParams(read.why);
    if (userText.isEmpty() || resourceText.isEmpty() || actionText.isEmpty())
        return invalidParams(QStringLiteral("permissions.check needs user, resource and action"));
    QString error;
    const auto user = parseUserSpec(userText, &error);
    const auto ref = user ? parseResourceRef(resourceText, &error) : std::nullopt;
    const auto actions = ref ? parseActions(actionText, &error) : std::nullopt;
    if (!actions)
        return invalidParams(error);
    const Loaded state = loaded(core);
    if (const auto refused = undecidable(state, ref->project))
        return *refused;
    return accessCheckJson(checkAccess(state.scope, *user, *ref, *actions));
}

Answer permissionsWhoCan(const ConsoleCore &core, const QJsonObject &params)
{
    rpc::ParamReader read{params, {}};
    const QString resourceText = read.string(QStringLiteral("resource"));
    const QString actionText = read.string(QStringLiteral("action"));
    QString error;
    const auto identities = readIdentities(read, &error);
    if (!read.ok())
        return invalidParams(read.why);
    if (!identities)
        return invalidParams(error);
    if (resourceText.isEmpty() || actionText.isEmpty())
        return invalidParams(QStringLiteral("permissions.whoCan needs resource and action"));
    const auto ref = parseResourceRef(resourceText, &error);
    const auto actions = ref ? parseActions(actionText, &error) : std::nullopt;
    if (!actions)
        return invalidParams(error);
    const Loaded state = loaded(core);
    if (const auto refused = undecidable(state, ref->project))
        return *refused;
    const WhoCanAnswer answer = whoCan(state.scope, *ref, *actions, *identities);
    return QJsonObject{{QStringLiteral("registry"), answer.registry},
                       {QStringLiteral("project_unsecured"), answer.projectUnsecured},
                       {QStringLiteral("principals"), whoCanJson(answer)}};
}

Answer permissionsWhatCan(const ConsoleCore &core, const QJsonObject &params)
{
    rpc::ParamReader read{params, {}};
    const QString userText = read.string(QStringLiteral("user"));
    const QString project = read.string(QStringLiteral("project"));
    const QString kind = read.string(QStringLiteral("kind"));
    if (!read.ok())
        return invalidParams(read.why);
    if (userText.isEmpty())
        return invalidParams(QStringLiteral("permissions.whatCan needs user"));
    QString error;
    const auto user = parseUserSpec(userText, &error);
    if (!user)
        return invalidParams(error);
    const std::optional<ResourceType> type = kind.isEmpty() ? std::nullopt : typeFromName(kind);
    if (!kind.isEmpty() && !type)
        return invalidParams(QStringLiteral("unknown resource kind \"%1\"").arg(kind));
    const Loaded state = loaded(core);
    QJsonArray rows;
    for (const ResourceActions &row : whatCan(state.scope, *user, state.scope.resources(project, type)))
        rows.append(resourceActionsJson(row));
    return QJsonObject{{QStringLiteral("rows"), rows}, {QStringLiteral("incomplete"), QJsonArray::fromStringList(state.missing)}};
}

QString MatrixRequest::key() const
{
    QStringList parts{project, type ? typeName(*type) : QString()};
    for (const PermissionUser &u : identities) {
        parts.append(u.name);
        parts.append(u.roles.join(u','));
        parts.append(u.groups.join(u','));
        parts.append(u.namespaces.join(u','));
    }
    return parts.join(u'\x1f');
}

std::variant<MatrixRequest, rpc::Error> parseMatrixRequest(const QJsonObject &params)
{
    rpc::ParamReader read{params, {}};
    MatrixRequest request;
    QString error;
    const auto identities = readIdentities(read, &error);
    request.project = read.string(QStringLiteral("project"));
    const QString kind = read.string(QStringLiteral("kind"));
    request.offset = read.integer(QStringLiteral("offset"), 0, 0, std::numeric_limits<int>::max());
    request.limit = read.integer(QStringLiteral("limit"), 100, 1, maxMatrixPage);
    const QString format = read.string(QStringLiteral("format"), QStringLiteral("page"));
    if (!read.ok())
        return invalidParams(read.why);
    if (!identities)
        return invalidParams(error);
    request.identities = *identities;
    if (!kind.isEmpty()) {
        request.type = typeFromName(kind);
        if (!request.type)
            return invalidParams(QStringLiteral("unknown resource kind \"%1\"").arg(kind));
    }
    if (format != u"page" && format != u"csv")
        return invalidParams(QStringLiteral("\"format\" must be \"page\" or \"csv\""));
    request.csv = format == u"csv";
    return request;
}

MatrixInputs matrixInputs(const ConsoleCore &core)
{
    MatrixInputs inputs;
    for (const QString &connection : core.catalog().connections()) {
        const auto source = core.permissionSources().result(connection);
        if (!source) {
            inputs.incomplete.append(connection);
            continue;
        }
        inputs.sources.append(*source);
        inputs.fingerprint += QString::number(quintptr(source.get()), 16) + u' ';
    }
    return inputs;
}

QJsonObject matrixAnswer(const WorkspaceAccessMatrix &result, const MatrixRequest &request, const QStringList &incomplete)
{
    const AccessMatrix &m = *result.matrix;
    const QJsonArray missing = QJsonArray::fromStringList(incomplete);
    if (request.csv)
        return QJsonObject{{QStringLiteral("csv"), m.toCsv()}, {QStringLiteral("incomplete"), missing}};
    QJsonArray principals, actions, rows;
    for (int p = 0; p < m.principalCount(); ++p)
        principals.append(m.principal(p).label);
    for (int a = 0; a < permissionActionCount; ++a)
        actions.append(actionName(PermissionAction(a)).toLower());
    const int end = int(std::min<qint64>(m.resourceCount(), request.offset + request.limit));
    for (int r = int(std::min<qint64>(request.offset, m.resourceCount())); r < end; ++r) {
        const MatrixResource &res = m.resource(r);
        QJsonArray cells;
        for (int p = 0; p < m.principalCount(); ++p) {
            QJsonArray verdicts;
            for (int a = 0; a < permissionActionCount; ++a)
                verdicts.append(verdictId(m.cell(p, r, PermissionAction(a)).verdict));
            cells.append(verdicts);
        }
        rows.append(QJsonObject{{QStringLiteral("registry"), res.registry},
                                {QStringLiteral("tenant"), result.tenants.value(res.registry + u'\n' + res.resource.project)},
                                {QStringLiteral("project"), res.resource.project},
                                {QStringLiteral("kind"), typeKindId(res.resource.type)},
                                {QStringLiteral("name"), res.resource.name},
                                {QStringLiteral("cells"), cells}});
    }
    const auto counts = m.verdictCounts();
    QJsonObject countsJson;
    for (int v = 0; v < 4; ++v)
        countsJson.insert(verdictId(Verdict(v)), double(counts[size_t(v)]));
    return QJsonObject{{QStringLiteral("principals"), principals},
                       {QStringLiteral("actions"), actions},
                       {QStringLiteral("total"), m.resourceCount()},
                       {QStringLiteral("offset"), double(request.offset)},
                       {QStringLiteral("rows"), rows},
                       {QStringLiteral("counts"), countsJson},
                       {QStringLiteral("incomplete"), missing}};
}

} // namespace feastconsole::webmethods
