#include "permissions/permissionclient.h"

#include <grpcpp/grpcpp.h>

#include "permissions/permissionproto.h"

#include "feast/core/Permission.pb.h"
#include "feast/registry/RegistryServer.grpc.pb.h"

#include <QThread>

#include <algorithm>

namespace feastconsole {

namespace fr = feast::registry;

namespace {

// A unary call of the registry stub, named by its request/response types.
template<typename Request, typename ResponseT,
         grpc::Status (fr::RegistryServer::Stub::*Method)(grpc::ClientContext *, const Request &, ResponseT *)>
struct Call {
    using Response = ResponseT;
    grpc::Status invoke(fr::RegistryServer::Stub &stub, grpc::ClientContext *context, const Request &request,
                        Response *response) const
    {
        return (stub.*Method)(context, request, response);
    }
};

// What disappeared between two censuses, beyond `expectedPermissionLoss`
// (1 when the write was a delete); empty when nothing did.
QString losses(const PermissionClient::Census &before, const PermissionClient::Census &after, int expectedPermissionLoss)
{
    QStringList lost;
    auto check = [&](const char *what, int was, int is) {
        if (is < was)
            lost.append(QStringLiteral("%1 %2 → %3").arg(QLatin1StringView(what)).arg(was).arg(is));
    };
    check("projects", before.projects, after.projects);
    check("permissions", before.permissions - expectedPermissionLoss, after.permissions);
    check("entities", before.entities, after.entities);
    check("data sources", before.dataSources, after.dataSources);
    check("feature views", before.featureViews, after.featureViews);
    check("feature services", before.featureServices, after.featureServices);
    return lost.join(QStringLiteral(", "));
}

} // namespace

std::optional<PermissionClient> PermissionClient::forConnection(const ConnectionSpec &spec, QString *error)
{
    const ParsedEndpoint parsed = parseEndpoint(spec.url);
    if (!parsed.endpoint) {
        *error = parsed.error;
        return std::nullopt;
    }
    const Endpoint &endpoint = *parsed.endpoint;
    if (endpoint.kind == Endpoint::Kind::SqlRegistry) {
        *error = QStringLiteral("%1 reads its SQL registry directly and never writes to it: write permissions "
                                "through a feast serve_registry in front of the same database (a grpc:// connection)")
                     .arg(spec.name);
        return std::nullopt;
    }
    if (endpoint.kind != Endpoint::Kind::Grpc && endpoint.kind != Endpoint::Kind::GrpcTls) {
        *error = QStringLiteral("%1: permissions are written through a registry server; give a grpc:// or grpcs:// "
                                "connection").arg(spec.name);
        return std::nullopt;
    }
    const GrpcTarget target = grpcTargetOf(endpoint, spec);
    return PermissionClient(target, spec.name, spec.readOnly);
}

PermissionClient::PermissionClient(GrpcTarget target, QString server, bool readOnly)
    : m_target(std::move(target)), m_server(std::move(server)), m_readOnly(readOnly)
{
    ChannelResult created = createRegistryChannel(m_target);
    m_channel = std::move(created.channel);
    m_channelError = created.error;
}

PermissionClient::GetResult PermissionClient::get(const QString &project, const QString &name) const
{
    if (m_channelError.isError())
        return {std::nullopt, m_channelError};
    auto stub = fr::RegistryServer::NewStub(m_channel);
    grpc::ClientContext context;
    if (ConnectionError e = prepareContext(context, m_target); e.isError())
        return {std::nullopt, e};
    fr::GetPermissionRequest request;
    request.set_project(project.toStdString());
    request.set_name(name.toStdString());
    request.set_allow_cache(false);
    feast::core::Permission response;
    const grpc::Status status = stub->GetPermission(&context, request, &response);
    if (!status.ok()) {
        ConnectionError error = errorFromStatus(status, m_server);
        // Feast reports a missing permission as NOT_FOUND (or as its exception class in an INTERNAL error).
        if (error.category == ErrorCategory::NotFound || error.message.contains(u"PermissionObjectNotFoundException")
            || error.message.contains(u"PermissionNotFoundException"))
            return {std::nullopt, {}};
        return {std::nullopt, error};
    }
    const std::string bytes = response.SerializeAsString();
    QString problem;
    auto p = decodePermission(QByteArrayView(bytes.data(), qsizetype(bytes.size())), &problem);
    if (!p)
        return {std::nullopt, {ErrorCategory::BadInput, m_server + QStringLiteral(": ") + problem}};
    p->project = project; // Feast's answer leaves it empty
    return {p, {}};
}

PermissionClient::ListResult PermissionClient::list(const QString &project) const
{
    if (m_channelError.isError())
        return {{}, m_channelError};
    auto stub = fr::RegistryServer::NewStub(m_channel);
    grpc::ClientContext context;
    if (ConnectionError e = prepareContext(context, m_target); e.isError())
        return {{}, e};
    fr::ListPermissionsRequest request;
    request.set_project(project.toStdString());
    request.set_allow_cache(false);
    fr::ListPermissionsResponse response;
    const grpc::Status status = stub->ListPermissions(&context, request, &response);
    if (!status.ok())
        return {{}, errorFromStatus(status, m_server)};
    ListResult result;
    for (const auto &item : response.permissions()) {
        const std::string bytes = item.SerializeAsString();
        if (auto p = decodePermission(QByteArrayView(bytes.data(), qsizetype(bytes.size())))) {
            p->project = project;
            result.permissions.append(std::move(*p));
        }
    }
    return result;
}

PermissionClient::Census PermissionClient::census(const QString &project) const
{
    Census census;
    if (m_channelError.isError()) {
        census.error = m_channelError;
        return census;
    }
    auto stub = fr::RegistryServer::NewStub(m_channel);
    // One call per kind: each fills its count, or the census' error.
    auto ask = [&](auto call, auto request, auto count) {
        if (census.error.isError())
            return;
        grpc::ClientContext context;
        if (ConnectionError e = prepareContext(context, m_target); e.isError()) {
            census.error = e;
            return;
        }
        request.set_allow_cache(false);
        typename decltype(call)::Response response;
        const grpc::Status status = call.invoke(*stub, &context, request, &response);
        if (!status.ok())
            census.error = errorFromStatus(status, m_server);
        else
            count(response);
    };
    const std::string p = project.toStdString();
    fr::ListProjectsRequest projects;
    ask(Call<fr::ListProjectsRequest, fr::ListProjectsResponse, &fr::RegistryServer::Stub::ListProjects>{}, projects,
        [&](const fr::ListProjectsResponse &r) { census.projects = r.projects_size(); });
    fr::ListPermissionsRequest permissions;
    permissions.set_project(p);
    ask(Call<fr::ListPermissionsRequest, fr::ListPermissionsResponse, &fr::RegistryServer::Stub::ListPermissions>{},
        permissions, [&](const fr::ListPermissionsResponse &r) { census.permissions = r.permissions_size(); });
    fr::ListEntitiesRequest entities;
    entities.set_project(p);
    ask(Call<fr::ListEntitiesRequest, fr::ListEntitiesResponse, &fr::RegistryServer::Stub::ListEntities>{}, entities,
        [&](const fr::ListEntitiesResponse &r) { census.entities = r.entities_size(); });
    fr::ListDataSourcesRequest sources;
    sources.set_project(p);
    ask(Call<fr::ListDataSourcesRequest, fr::ListDataSourcesResponse, &fr::RegistryServer::Stub::ListDataSources>{},
        sources, [&](const fr::ListDataSourcesResponse &r) { census.dataSources = r.data_sources_size(); });
    fr::ListAllFeatureViewsRequest views;
    views.set_project(p);
    ask(Call<fr::ListAllFeatureViewsRequest, fr::ListAllFeatureViewsResponse, &fr::RegistryServer::Stub::ListAllFeatureViews>{},
        views, [&](const fr::ListAllFeatureViewsResponse &r) { census.featureViews = r.feature_views_size(); });
    fr::ListFeatureServicesRequest services;
    services.set_project(p);
    ask(Call<fr::ListFeatureServicesRequest, fr::ListFeatureServicesResponse, &fr::RegistryServer::Stub::ListFeatureServices>{},
        services, [&](const fr::ListFeatureServicesResponse &r) { census.featureServices = r.feature_services_size(); });
    return census;
}

ConnectionError PermissionClient::apply(const Permission &permission) const
{
    if (m_readOnly)
        return {ErrorCategory::BadInput, m_server + QStringLiteral(": the connection is read-only; nothing was written")};
    if (m_channelError.isError())
        return m_channelError;
    auto stub = fr::RegistryServer::NewStub(m_channel);
    grpc::ClientContext context;
    if (ConnectionError e = prepareContext(context, m_target); e.isError())
        return e;
    fr::ApplyPermissionRequest request;
    const QByteArray bytes = encodePermission(permission);
    request.mutable_permission()->ParseFromArray(bytes.constData(), int(bytes.size()));
    request.set_project(permission.project.toStdString());
    request.set_commit(true);
    google::protobuf::Empty response;
    const grpc::Status status = stub->ApplyPermission(&context, request, &response);
    return status.ok() ? ConnectionError{} : errorFromStatus(status, m_server);
}

ConnectionError PermissionClient::remove(const QString &project, const QString &name) const
{
    if (m_readOnly)
        return {ErrorCategory::BadInput, m_server + QStringLiteral(": the connection is read-only; nothing was deleted")};
    if (m_channelError.isError())
        return m_channelError;
    auto stub = fr::RegistryServer::NewStub(m_channel);
    grpc::ClientContext context;
    if (ConnectionError e = prepareContext(context, m_target); e.isError())
        return e;
    fr::DeletePermissionRequest request;
    request.set_project(project.toStdString());
    request.set_name(name.toStdString());
    request.set_commit(true);
    google::protobuf::Empty response;
    const grpc::Status status = stub->DeletePermission(&context, request, &response);
    return status.ok() ? ConnectionError{} : errorFromStatus(status, m_server);
}

bool sameVersion(const Permission &a, const Permission &b)
{
    // Wire bytes are not compared: Feast re-serializes through Python objects,
    // and map order is not stable. Timestamps plus the definition are.
    return a.updated == b.updated && a.created == b.created && a.sameDefinition(b);
}

SafeWriteResult writePermissionSafely(const PermissionClient &client, const QString &project, const QString &name,
                                      const std::optional<Permission> &loaded, const std::optional<Permission> &edited)
{
    SafeWriteResult result;
    if (client.isReadOnly()) {
        result.status = SafeWriteResult::Status::Refused;
        result.message = client.server() + QStringLiteral(": the connection is read-only; nothing was written");
        return result;
    }
    // The census first: the re-read and the write must follow each other as
    // closely as possible, since Feast offers no compare-and-swap.
    const PermissionClient::Census before = client.census(project);
    if (before.error.isError()) {
        result.error = before.error;
        result.message = before.error.message + QStringLiteral("; nothing was written");
        return result;
    }
    const PermissionClient::GetResult now = client.get(project, name);
    if (now.error.isError()) {
        result.error = now.error;
        result.message = now.error.message;
        return result;
    }
    result.current = now.permission;
    const bool changed = loaded.has_value() != now.permission.has_value()
        || (loaded && now.permission && !sameVersion(*loaded, *now.permission));
    if (changed) {
        result.status = SafeWriteResult::Status::Conflict;
        if (!now.permission)
            result.message = QStringLiteral("permission \"%1\" in project \"%2\" was deleted since it was loaded; nothing was written")
                                 .arg(name, project);
        else if (!loaded)
            result.message = QStringLiteral("permission \"%1\" in project \"%2\" was created by someone else meanwhile; nothing was written")
                                 .arg(name, project);
        else
            result.message = QStringLiteral("permission \"%1\" in project \"%2\" changed since it was loaded (last updated %3); nothing was written")
                                 .arg(name, project, now.permission->updated.toString(Qt::ISODateWithMs));
        return result;
    }
    const auto writeStarted = std::chrono::steady_clock::now();
    const ConnectionError error = edited ? client.apply(*edited) : client.remove(project, name);
    if (error.isError()) {
        result.error = error;
        result.message = error.message;
        return result;
    }
    const auto written = std::chrono::steady_clock::now();
    // Twice the write's round trip, within bounds: long enough for a write
    // that was already on its way to land, short enough for a person waiting.
    const auto settle = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(4 * (written - writeStarted)),
                                   std::chrono::milliseconds(300), std::chrono::milliseconds(3000));
    return verifyWrite(client, project, name, edited, before, settle);
}

namespace {

SafeWriteResult readBack(const PermissionClient &client, const QString &project, const QString &name,
                         const std::optional<Permission> &edited, const PermissionClient::Census &before)
{
    SafeWriteResult result;
    const PermissionClient::GetResult stored = client.get(project, name);
    const PermissionClient::Census after = client.census(project);
    const ConnectionError readError = stored.error.isError() ? stored.error : after.error;
    if (readError.isError()) {
        result.error = readError;
        result.message = QStringLiteral("permission \"%1\" in project \"%2\" was written, but reading it back failed (%3): "
                                        "check it before relying on it")
                             .arg(name, project, readError.message);
        return result;
    }
    result.current = stored.permission;
    const bool asWritten = edited ? stored.permission && stored.permission->sameDefinition(*edited) : !stored.permission;
    if (const QString lost = losses(before, after, edited ? 0 : 1); !lost.isEmpty()) {
        result.status = SafeWriteResult::Status::Damaged;
        result.message = QStringLiteral("%1: objects disappeared from the registry while permission \"%2\" was written "
                                        "(%3): a concurrent delete, or concurrent writers on a file-backed registry "
                                        "server, which can lose data (Feast's guide recommends a SQL registry for "
                                        "concurrent writers); check the registry and restore it from a snapshot if needed")
                             .arg(client.server(), name, lost);
        return result;
    }
    if (!asWritten) {
        result.status = SafeWriteResult::Status::Overwritten;
        result.message = stored.permission
            ? QStringLiteral("permission \"%1\" in project \"%2\" was written, but a concurrent change replaced it: "
                             "the server now holds another version (updated %3); your edit is not in effect")
                  .arg(name, project, stored.permission->updated.toString(Qt::ISODateWithMs))
            : QStringLiteral("permission \"%1\" in project \"%2\" was written, but a concurrent change deleted it: "
                             "your edit is not in effect")
                  .arg(name, project);
        return result;
    }
    result.status = SafeWriteResult::Status::Applied;
    return result;
}

} // namespace

SafeWriteResult verifyWrite(const PermissionClient &client, const QString &project, const QString &name,
                            const std::optional<Permission> &edited, const PermissionClient::Census &before,
                            std::chrono::milliseconds settle)
{
    // Read back at once, then once more after `settle`: another writer whose
    // re-read came before this write but whose write comes after it (Feast has
    // no compare-and-swap) replaces this edit within about one write's time,
    // and is caught by the second read.
    SafeWriteResult result = readBack(client, project, name, edited, before);
    if (result.status != SafeWriteResult::Status::Applied || settle.count() <= 0)
        return result;
    QThread::msleep(static_cast<unsigned long>(settle.count()));
    return readBack(client, project, name, edited, before);
}

} // namespace feastconsole
