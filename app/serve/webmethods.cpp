#include "serve/webmethods.h"

#include "serve/webcrexport.h"
#include "serve/weblatency.h"
#include "serve/weblineage.h"
#include "serve/webpermissions.h"

#include "catalogjson.h"
#include "consolecore.h"
#include "catalog/catalogpage.h"
#include "json/domainjson.h"
#include "permissions/permissionfile.h"
#include "permissions/permissionlint.h"
#include "permissions/permissionsource.h"
#include "registry/workspacesession.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QMap>

#include <map>

namespace feastconsole::webmethods {

namespace {

constexpr qint64 maxPageSize = 1000;

rpc::Error invalidParams(const QString &why)
{
    return rpc::Error{rpc::InvalidParams, why};
}

Answer catalogList(const ConsoleCore &core, const QJsonObject &params)
{
    auto parsed = parseCatalogListRequest(params);
    if (auto *error = std::get_if<rpc::Error>(&parsed))
        return *error;
    const CatalogListRequest &request = std::get<CatalogListRequest>(parsed);
    return catalogPageJson(catalogPage(core.catalog().parts(), request.filter, request.offset, request.limit), request.offset);
}

Answer catalogShow(const ConsoleCore &core, const QJsonObject &params)
{
    rpc::ParamReader read{params, {}};
    const QString kindText = read.string(QStringLiteral("kind"));
    const QString project = read.string(QStringLiteral("project"));
    const QString name = read.string(QStringLiteral("name"));
    const QString registry = read.string(QStringLiteral("registry"));
    if (!read.ok())
        return invalidParams(read.why);
    const std::optional<ObjectKind> kind = kindFromId(kindText);
    if (!kind)
        return invalidParams(QStringLiteral("unknown kind \"%1\"").arg(kindText));
    if (project.isEmpty() || name.isEmpty())
        return invalidParams(QStringLiteral("catalog.show needs kind, project and name"));
    QJsonArray found;
    for (const CatalogPartPtr &part : core.catalog().parts()) {
        if (!registry.isEmpty() && part->registry() != registry)
            continue;
        const QJsonObject detail = findObjectDetail(*part, *kind, project, name);
        if (!detail.isEmpty())
            found.append(detail);
    }
    if (found.isEmpty())
        return rpc::Error{rpc::NotFound, QStringLiteral("no %1 \"%2\" in project \"%3\"").arg(kindText, name, project)};
    return QJsonObject{{QStringLiteral("objects"), found}};
}

// Connection -> tenant -> project -> kind -> count, as the desktop's tree.
Answer navigationTree(const ConsoleCore &core)
{
    QJsonArray connections;
    for (const QString &name : core.catalog().connections()) {
        const CatalogPartPtr part = core.catalog().part(name);
        QJsonObject connection{{QStringLiteral("name"), name}};
        if (!part) {
            connection.insert(QStringLiteral("tenants"), QJsonArray());
            connections.append(connection);
            continue;
        }
        const RegistrySnapshot &snap = part->snapshot();
        std::vector<std::map<QString, int>> counts(size_t(part->projects().size()));
        for (qsizetype o = 0; o < qsizetype(snap.objects.size()); ++o) {
            const int p = part->projectIdOf(o);
            if (p < 0 || size_t(p) >= counts.size())
                continue;
            const CatalogObject &object = snap.objects[size_t(o)];
            if (object.kind != ObjectKind::Project)
                ++counts[size_t(p)][kindId(object.kind)];
            counts[size_t(p)][kindId(ObjectKind::Feature)] += int(object.featureCount);
        }
        std::map<QString, QJsonArray> byTenant;
        for (int p = 0; p < part->projects().size(); ++p) {
            QJsonObject kinds;
            for (const auto &[kind, count] : counts[size_t(p)]) {
                if (count > 0)
                    kinds.insert(kind, count);
            }
            byTenant[part->tenantOf(part->projects().at(p))].append(
                QJsonObject{{QStringLiteral("project"), part->projects().at(p)}, {QStringLiteral("counts"), kinds}});
        }
        QJsonArray tenants;
        for (const auto &[tenant, projects] : byTenant)
            tenants.append(QJsonObject{{QStringLiteral("tenant"), tenant}, {QStringLiteral("projects"), projects}});
        connection.insert(QStringLiteral("tenants"), tenants);
        connections.append(connection);
    }
    return QJsonObject{{QStringLiteral("connections"), connections}};
}

// Every loaded connection's permissions in enforcement (registry) order, each
// as `permissions list --json` prints it with its field warnings, and the
// findings of `permissions lint --json`; `project` keeps one project's.
Answer permissionsList(const ConsoleCore &core, const QJsonObject &params)
{
    rpc::ParamReader read{params, {}};
    const QString project = read.string(QStringLiteral("project"));
    if (!read.ok())
        return invalidParams(read.why);
    QJsonArray permissions, findings;
    for (const PermissionSource &source : permissionSources(core.permissionSources())) {
        QString projectTenant; // the tenant of `project`, for tenant-wide findings
        for (const Permission &p : source.permissions) {
            if (!project.isEmpty() && p.project != project)
                continue;
            QJsonObject o = permissionToJson(p);
            o.insert(QStringLiteral("registry"), source.spec.name);
            QJsonArray warnings;
            for (const LintFinding &f : permissionFieldWarnings(p))
                warnings.append(f.message);
            o.insert(QStringLiteral("warnings"), warnings);
            permissions.append(o);
        }
        for (const PermissionResource &r : source.resources) {
            if (r.type == ResourceType::Project && r.name == project)
                projectTenant = tenantOfProject(source.spec, r);
        }
        for (const LintFinding &f : lintPermissions(PermissionLintInput{source.spec, source.permissions, source.resources})) {
            if (!project.isEmpty() && f.project != project && !(f.project.isEmpty() && f.tenant == projectTenant))
                continue;
            findings.append(lintFindingJson(source.spec.name, f));
        }
    }
    return QJsonObject{{QStringLiteral("permissions"), permissions}, {QStringLiteral("findings"), findings}};
}

} // namespace

std::variant<CatalogListRequest, rpc::Error> parseCatalogListRequest(const QJsonObject &params)
{
    rpc::ParamReader read{params, {}};
    CatalogListRequest request;
    const QString kind = read.string(QStringLiteral("kind"));
    request.filter.project = read.string(QStringLiteral("project"));
    request.filter.tenant = read.string(QStringLiteral("tenant"));
    request.filter.registry = read.string(QStringLiteral("registry"));
    request.offset = read.integer(QStringLiteral("offset"), 0, 0, std::numeric_limits<int>::max());
    request.limit = read.integer(QStringLiteral("limit"), 100, 1, maxPageSize);
    const QString sort = read.string(QStringLiteral("sort"));
    request.descending = read.boolean(QStringLiteral("descending"), false);
    if (!read.ok())
        return invalidParams(read.why);
    if (!kind.isEmpty()) {
        request.filter.kind = kindFromId(kind);
        if (!request.filter.kind)
            return invalidParams(QStringLiteral("unknown kind \"%1\"").arg(kind));
    }
    if (!sort.isEmpty()) {
        request.sort = catalogSortKeyFromId(sort);
        if (!request.sort)
            return invalidParams(QStringLiteral("\"sort\" must be one of %1").arg(catalogSortKeyIds().join(QStringLiteral(", "))));
    }
    return request;
}

QString CatalogListRequest::orderKey() const
{
    return QStringList{filter.kind ? kindId(*filter.kind) : QString(), filter.project, filter.tenant, filter.registry,
                       sort ? catalogSortKeyIds().at(int(*sort)) : QString(), descending ? QStringLiteral("desc") : QString()}
        .join(u'\x1f');
}

QJsonObject catalogPageJson(const CatalogPage &page, qint64 offset)
{
    QJsonArray items;
    for (const CatalogItem &item : page.items)
        items.append(catalogItemJson(item));
    return QJsonObject{{QStringLiteral("total"), double(page.total)},
                       {QStringLiteral("offset"), double(offset)},
                       {QStringLiteral("items"), items}};
}

QJsonObject hello(const QStringList &topics)
{
    QJsonArray kinds;
    for (ObjectKind kind : allObjectKinds) {
        kinds.append(QJsonObject{{QStringLiteral("id"), kindId(kind)},
                                 {QStringLiteral("name"), kindName(kind)},
                                 {QStringLiteral("title"), kindTitle(kind)}});
    }
    return QJsonObject{{QStringLiteral("server"), QStringLiteral("feast-console")},
                       {QStringLiteral("version"), QCoreApplication::applicationVersion()},
                       {QStringLiteral("topics"), QJsonArray::fromStringList(topics)},
                       {QStringLiteral("kinds"), kinds}};
}

QJsonObject connectionsList(const ConsoleCore &core)
{
    QJsonArray connections;
    for (const QString &name : core.catalog().connections())
        connections.append(connectionStatusJson(name, core.catalog().status(name)));
    return QJsonObject{{QStringLiteral("workspace"), core.session().workspace().name},
                       {QStringLiteral("settled"), core.isSettled()},
                       {QStringLiteral("connections"), connections}};
}

QJsonObject healthList(const ConsoleCore &core, qint64 nowMs)
{
    QJsonArray rows;
    for (const TenantHealth &row : core.health(nowMs))
        rows.append(tenantHealthJson(row));
    return QJsonObject{{QStringLiteral("rows"), rows}};
}

namespace {

struct MaterializationScan {
    qint64 total = 0;  // views the request's filters accept
    QMap<QString, qint64> counts; // every view, by state
    std::optional<qint64> fromMs, toMs; // the timeline's span over every view
    QJsonArray page;
};

// Every view once: its state from its latest end (cheap), the span, and the
// full status and JSON for the page's views only.
MaterializationScan scanMaterialization(const ConsoleCore &core, qint64 nowMs, qint64 offset, qint64 limit,
                                        bool problemsOnly, const QString &filter)
{
    const FreshnessThresholds thresholds = core.session().workspace().freshness.value_or(FreshnessThresholds{});
    MaterializationScan scan;
    for (FreshnessState state : {FreshnessState::Fresh, FreshnessState::Stale, FreshnessState::Never, FreshnessState::Offline})
        scan.counts.insert(freshnessStateId(state), 0);
    const MaterializationResults &results = core.materializationViews();
    for (const QString &connection : results.connectionsWithResults()) {
        for (const ViewMaterialization &view : *results.result(connection)) {
            const std::optional<qint64> lastEnd = lastMaterializedEndMs(view);
            const FreshnessState state = freshnessStateAt(view.ttlMs, view.online, lastEnd, nowMs, thresholds);
            ++scan.counts[freshnessStateId(state)];
            for (const MaterializationInterval &i : view.intervals) {
                scan.fromMs = std::min(scan.fromMs.value_or(i.startMs), i.startMs);
                scan.toMs = std::max(scan.toMs.value_or(nowMs), i.endMs);
            }
            if (problemsOnly && state != FreshnessState::Stale && state != FreshnessState::Never)
                continue;
            if (!filter.isEmpty() && !view.view.contains(filter, Qt::CaseInsensitive)
                && !view.project.contains(filter, Qt::CaseInsensitive) && !view.tenant.contains(filter, Qt::CaseInsensitive)
                && !view.registry.contains(filter, Qt::CaseInsensitive))
                continue;
            if (scan.total >= offset && scan.total < offset + limit)
                scan.page.append(materializationJson(view, evaluateMaterialization(view, nowMs, thresholds)));
            ++scan.total;
        }
    }
    return scan;
}

QJsonObject countsJson(const MaterializationScan &scan)
{
    QJsonObject counts;
    for (auto it = scan.counts.cbegin(); it != scan.counts.cend(); ++it)
        counts.insert(it.key(), double(it.value()));
    return counts;
}

} // namespace

Answer materializationList(const ConsoleCore &core, const QJsonObject &params, qint64 nowMs)
{
    rpc::ParamReader read{params, {}};
    const qint64 offset = read.integer(QStringLiteral("offset"), 0, 0, std::numeric_limits<int>::max());
    const qint64 limit = read.integer(QStringLiteral("limit"), 200, 1, 1000);
    const bool problems = read.boolean(QStringLiteral("problems"), false);
    const QString filter = read.string(QStringLiteral("filter")).trimmed();
    if (!read.ok())
        return rpc::Error{rpc::InvalidParams, read.why};
    const MaterializationScan scan = scanMaterialization(core, nowMs, offset, limit, problems, filter);
    QJsonValue span = QJsonValue::Null;
    if (scan.fromMs)
        span = QJsonObject{{QStringLiteral("from_ms"), double(*scan.fromMs)}, {QStringLiteral("to_ms"), double(*scan.toMs)}};
    return QJsonObject{{QStringLiteral("total"), double(scan.total)},
                       {QStringLiteral("offset"), double(offset)},
                       {QStringLiteral("counts"), countsJson(scan)},
                       {QStringLiteral("span"), span},
                       {QStringLiteral("views"), scan.page}};
}

QJsonObject materializationSummary(const ConsoleCore &core, qint64 nowMs)
{
    const MaterializationScan scan = scanMaterialization(core, nowMs, 0, 0, false, {});
    return QJsonObject{{QStringLiteral("total"), double(scan.total)}, {QStringLiteral("counts"), countsJson(scan)},
                       {QStringLiteral("at_ms"), double(nowMs)}};
}

bool has(const QString &method)
{
    static const QStringList methods{QStringLiteral("connections.list"), QStringLiteral("navigation.tree"),
                                     QStringLiteral("catalog.list"), QStringLiteral("catalog.show"),
                                     QStringLiteral("health.list"), QStringLiteral("materialization.list"),
                                     QStringLiteral("permissions.list"), QStringLiteral("permissions.check"),
                                     QStringLiteral("permissions.whoCan"), QStringLiteral("permissions.whatCan"),
                                     QStringLiteral("latency.series"), QStringLiteral("lineage.graph"),
                                     QStringLiteral("crexport.generate")};
    return methods.contains(method);
}

Answer call(const ConsoleCore &core, const QString &method, const QJsonObject &params, qint64 nowMs)
{
    if (method == u"connections.list")
        return connectionsList(core);
    if (method == u"navigation.tree")
        return navigationTree(core);
    if (method == u"catalog.list")
        return catalogList(core, params);
    if (method == u"catalog.show")
        return catalogShow(core, params);
    if (method == u"health.list")
        return healthList(core, nowMs);
    if (method == u"materialization.list")
        return materializationList(core, params, nowMs);
    if (method == u"permissions.list")
        return permissionsList(core, params);
    if (method == u"permissions.check")
        return permissionsCheck(core, params);
    if (method == u"permissions.whoCan")
        return permissionsWhoCan(core, params);
    if (method == u"permissions.whatCan")
        return permissionsWhatCan(core, params);
    if (method == u"lineage.graph")
        return lineageGraph(core, params);
    if (method == u"latency.series")
        return latencySeries(core, params, nowMs);
    if (method == u"crexport.generate")
        return crExportGenerate(core, params);
    return rpc::Error{rpc::MethodNotFound, QStringLiteral("no method \"%1\"").arg(method)};
}

} // namespace feastconsole::webmethods
