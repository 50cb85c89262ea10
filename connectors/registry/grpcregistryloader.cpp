#include "registry/grpcregistryloader.h"

#include <grpcpp/grpcpp.h>

#include "logging.h"
#include "registry/registrydecoder.h"

#include "feast/core/Registry.pb.h"
#include "feast/registry/RegistryServer.grpc.pb.h"

#include <QElapsedTimer>


namespace feastconsole {

namespace fr = feast::registry;
namespace fc = feast::core;

namespace {

void appendVarint(QByteArray &out, quint64 value)
{
    while (value >= 0x80) {
        out.append(char(value | 0x80));
        value >>= 7;
    }
    out.append(char(value));
}

// Appends one object as a repeated field of feast.core.Registry.
void appendField(QByteArray &wire, int fieldNumber, const google::protobuf::Message &message)
{
    const std::string bytes = message.SerializeAsString();
    appendVarint(wire, (quint64(fieldNumber) << 3) | 2);
    appendVarint(wire, bytes.size());
    wire.append(bytes.data(), qsizetype(bytes.size()));
}

int registryField(const char *name)
{
    return fc::Registry::descriptor()->FindFieldByName(name)->number();
}

// Each kind: the List call, the items of its answer, and where the object's
// project goes (Feast's answers leave it empty).
struct ProjectReader {
    fr::RegistryServer::Stub &stub;
    GrpcRegistryLoader &loader;
    const GrpcTarget &target;
    const std::string &project;
    QByteArray &wire;
    QString server;

    template<typename Request, typename Response, typename Call, typename Items, typename SetProject>
    ConnectionError read(Call call, Items items, const char *field, SetProject setProject, bool optional = false)
    {
        grpc::ClientContext context;
        if (ConnectionError e = prepareContext(context, target); e.isError())
            return e;
        Request request;
        request.set_project(project);
        request.set_allow_cache(true);
        Response response;
        loader.setRunning(&context);
        const grpc::Status status = (stub.*call)(&context, request, &response);
        loader.setRunning(nullptr);
        if (!status.ok()) {
            if (optional && status.error_code() == grpc::StatusCode::UNIMPLEMENTED)
                return {};
            return errorFromStatus(status, server);
        }
        const int number = registryField(field);
        for (auto &item : *items(response)) {
            setProject(item, project);
            appendField(wire, number, item);
        }
        return {};
    }
};

const auto setSpecProject = [](auto &message, const std::string &project) {
    message.mutable_spec()->set_project(project);
};

} // namespace

GrpcRegistryLoader::GrpcRegistryLoader(GrpcTarget target)
    : m_target(std::move(target))
{
}

QString GrpcRegistryLoader::describe() const
{
    return (m_target.tls ? QStringLiteral("grpcs://") : QStringLiteral("grpc://")) + m_target.hostPort;
}

std::shared_ptr<grpc::Channel> GrpcRegistryLoader::channel(ConnectionError *error)
{
    std::lock_guard lock(m_mutex);
    if (!m_channel) {
        ChannelResult created = createRegistryChannel(m_target);
        if (created.error.isError()) {
            *error = created.error;
            return nullptr;
        }
        m_channel = std::move(created.channel);
    }
    return m_channel;
}

void GrpcRegistryLoader::setRunning(grpc::ClientContext *context)
{
    std::lock_guard lock(m_mutex);
    m_running = context;
    if (context && m_cancelRequested)
        context->TryCancel();
}

void GrpcRegistryLoader::cancel()
{
    std::lock_guard lock(m_mutex);
    m_cancelRequested = true;
    if (m_running)
        m_running->TryCancel();
}

GrpcRegistryLoader::RawResult GrpcRegistryLoader::fetchRegistryBytes(const CancelFlag &cancel,
                                                                     const ProgressCallback &progress)
{
    {
        std::lock_guard lock(m_mutex);
        m_cancelRequested = false;
    }
    ConnectionError error;
    const auto ch = channel(&error);
    if (!ch)
        return {{}, error};
    auto stub = fr::RegistryServer::NewStub(ch);
    const QString server = describe();

    fr::ListProjectsResponse projects;
    {
        grpc::ClientContext context;
        if (ConnectionError e = prepareContext(context, m_target); e.isError())
            return {{}, e};
        fr::ListProjectsRequest request;
        request.set_allow_cache(true);
        setRunning(&context);
        const grpc::Status status = stub->ListProjects(&context, request, &projects);
        setRunning(nullptr);
        if (!status.ok())
            return {{}, errorFromStatus(status, server)};
    }

    QByteArray wire;
    const int projectField = registryField("projects");
    for (const fc::Project &p : projects.projects())
        appendField(wire, projectField, p);

    const int total = projects.projects_size();
    int done = 0;
    for (const fc::Project &p : projects.projects()) {
        if (cancel.isCancelled())
            return {{}, {ErrorCategory::Cancelled, QStringLiteral("cancelled")}};
        const std::string &project = p.spec().name();
        if (progress)
            progress(total ? 5 + 35 * done / total : 5,
                     QStringLiteral("Reading project %1 (%2 of %3)").arg(QString::fromStdString(project)).arg(done + 1).arg(total));
        ProjectReader r{*stub, *this, m_target, project, wire, server};
        using S = fr::RegistryServer::Stub;
        const ConnectionError errors[] = {
            r.read<fr::ListEntitiesRequest, fr::ListEntitiesResponse>(
                &S::ListEntities, [](fr::ListEntitiesResponse &r) { return r.mutable_entities(); }, "entities", setSpecProject),
            r.read<fr::ListDataSourcesRequest, fr::ListDataSourcesResponse>(
                &S::ListDataSources, [](fr::ListDataSourcesResponse &r) { return r.mutable_data_sources(); }, "data_sources",
                [](fc::DataSource &d, const std::string &proj) { d.set_project(proj); }),
            r.read<fr::ListFeatureViewsRequest, fr::ListFeatureViewsResponse>(
                &S::ListFeatureViews, [](fr::ListFeatureViewsResponse &r) { return r.mutable_feature_views(); }, "feature_views",
                setSpecProject),
            r.read<fr::ListStreamFeatureViewsRequest, fr::ListStreamFeatureViewsResponse>(
                &S::ListStreamFeatureViews, [](fr::ListStreamFeatureViewsResponse &r) { return r.mutable_stream_feature_views(); },
                "stream_feature_views", setSpecProject),
            r.read<fr::ListOnDemandFeatureViewsRequest, fr::ListOnDemandFeatureViewsResponse>(
                &S::ListOnDemandFeatureViews, [](fr::ListOnDemandFeatureViewsResponse &r) { return r.mutable_on_demand_feature_views(); },
                "on_demand_feature_views", setSpecProject),
            r.read<fr::ListLabelViewsRequest, fr::ListLabelViewsResponse>(
                &S::ListLabelViews, [](fr::ListLabelViewsResponse &r) { return r.mutable_label_views(); }, "label_views",
                setSpecProject, true),
            r.read<fr::ListFeatureServicesRequest, fr::ListFeatureServicesResponse>(
                &S::ListFeatureServices, [](fr::ListFeatureServicesResponse &r) { return r.mutable_feature_services(); },
                "feature_services", setSpecProject),
            r.read<fr::ListSavedDatasetsRequest, fr::ListSavedDatasetsResponse>(
                &S::ListSavedDatasets, [](fr::ListSavedDatasetsResponse &r) { return r.mutable_saved_datasets(); }, "saved_datasets",
                setSpecProject),
            r.read<fr::ListValidationReferencesRequest, fr::ListValidationReferencesResponse>(
                &S::ListValidationReferences, [](fr::ListValidationReferencesResponse &r) { return r.mutable_validation_references(); },
                "validation_references",
                [](fc::ValidationReference &v, const std::string &proj) { v.set_project(proj); }),
            r.read<fr::ListPermissionsRequest, fr::ListPermissionsResponse>(
                &S::ListPermissions, [](fr::ListPermissionsResponse &r) { return r.mutable_permissions(); }, "permissions",
                setSpecProject),
        };
        for (const ConnectionError &e : errors) {
            if (e.isError())
                return {{}, e};
        }
        ++done;
    }
    // Stamp the assembled registry like Feast stamps its files.
    google::protobuf::Timestamp now;
    const qint64 ms = QDateTime::currentMSecsSinceEpoch();
    now.set_seconds(ms / 1000);
    now.set_nanos(int(ms % 1000) * 1000000);
    appendField(wire, registryField("last_updated"), now);
    return {std::move(wire), {}};
}

ProbeResult GrpcRegistryLoader::probe(const CancelFlag &cancel)
{
    QElapsedTimer timer;
    timer.start();
    ProbeResult result;
    ConnectionError error;
    const auto ch = channel(&error);
    if (!ch)
        return {error, {}, -1, -1, timer.elapsed()};
    auto stub = fr::RegistryServer::NewStub(ch);
    grpc::ClientContext context;
    if (ConnectionError e = prepareContext(context, m_target); e.isError())
        return {e, {}, -1, -1, timer.elapsed()};
    fr::ListProjectsRequest request;
    request.set_allow_cache(true);
    fr::ListProjectsResponse projects;
    if (cancel.isCancelled())
        return {{ErrorCategory::Cancelled, QStringLiteral("cancelled")}, {}, -1, -1, timer.elapsed()};
    setRunning(&context);
    const grpc::Status status = stub->ListProjects(&context, request, &projects);
    setRunning(nullptr);
    if (!status.ok())
        return {errorFromStatus(status, describe()), {}, -1, -1, timer.elapsed()};
    for (const fc::Project &p : projects.projects())
        result.projects << QString::fromStdString(p.spec().name());
    result.milliseconds = timer.elapsed();
    return result;
}

LoadResult GrpcRegistryLoader::load(const CancelFlag &cancel, const ProgressCallback &progress)
{
    if (progress)
        progress(-1, QStringLiteral("Connecting to %1").arg(describe()));
    QElapsedTimer timer;
    timer.start();
    RawResult raw = fetchRegistryBytes(cancel, progress);
    if (raw.error.isError())
        return {nullptr, raw.error};
    qCDebug(lcGrpc) << describe() << "answered" << raw.bytes.size() << "bytes in" << timer.elapsed() << "ms";

    if (progress)
        progress(40, QStringLiteral("Decoding %1 MB").arg(double(raw.bytes.size()) / 1e6, 0, 'f', 1));
    DecodeResult decoded = decodeRegistry(std::move(raw.bytes), describe(), &cancel, progress);
    return {std::move(decoded.snapshot), decoded.error};
}

} // namespace feastconsole
