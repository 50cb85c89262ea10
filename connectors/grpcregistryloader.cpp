#include "grpcregistryloader.h"

#include "logging.h"
#include "registrydecoder.h"

#include <grpcpp/generic/generic_stub.h>

#include <QElapsedTimer>

namespace feastconsole {

namespace {
const std::string protoMethod = "/feast.registry.RegistryServer/Proto";
}

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

void GrpcRegistryLoader::cancel()
{
    std::lock_guard lock(m_mutex);
    if (m_running)
        m_running->TryCancel();
}

GrpcRegistryLoader::RawResult GrpcRegistryLoader::fetchRegistryBytes(const CancelFlag &cancel)
{
    ConnectionError error;
    const auto ch = channel(&error);
    if (!ch)
        return {{}, error};

    grpc::ClientContext context;
    if (ConnectionError e = prepareContext(context, m_target); e.isError())
        return {{}, e};
    {
        std::lock_guard lock(m_mutex);
        if (cancel.isCancelled())
            return {{}, {ErrorCategory::Cancelled, QStringLiteral("cancelled")}};
        m_running = &context;
    }
    grpc::GenericStub stub(ch);
    grpc::CompletionQueue queue;
    const grpc::ByteBuffer request; // google.protobuf.Empty serializes to nothing
    grpc::ByteBuffer response;
    grpc::Status status;
    auto call = stub.PrepareUnaryCall(&context, protoMethod, request, &queue);
    call->StartCall();
    call->Finish(&response, &status, reinterpret_cast<void *>(1));
    void *tag = nullptr;
    bool ok = false;
    queue.Next(&tag, &ok);
    {
        std::lock_guard lock(m_mutex);
        m_running = nullptr;
    }
    queue.Shutdown();
    while (queue.Next(&tag, &ok)) {}

    if (!status.ok())
        return {{}, errorFromStatus(status, describe())};

    // Copy the slices into one buffer and let gRPC's go at once.
    QByteArray bytes;
    bytes.reserve(qsizetype(response.Length()));
    std::vector<grpc::Slice> slices;
    if (!response.Dump(&slices).ok())
        return {{}, {ErrorCategory::Internal, QStringLiteral("%1: unreadable answer").arg(describe())}};
    response.Clear();
    for (grpc::Slice &slice : slices) {
        bytes.append(reinterpret_cast<const char *>(slice.begin()), qsizetype(slice.size()));
        slice = grpc::Slice();
    }
    return {std::move(bytes), {}};
}

LoadResult GrpcRegistryLoader::load(const CancelFlag &cancel, const ProgressCallback &progress)
{
    if (progress)
        progress(-1, QStringLiteral("Requesting the registry from %1").arg(describe()));
    QElapsedTimer timer;
    timer.start();
    RawResult raw = fetchRegistryBytes(cancel);
    if (raw.error.isError())
        return {nullptr, raw.error};
    qCDebug(lcGrpc) << describe() << "answered" << raw.bytes.size() << "bytes in" << timer.elapsed() << "ms";
    if (raw.bytes.isEmpty()) {
        // An empty registry serializes to nothing: a valid, empty catalog.
        auto snap = std::make_shared<RegistrySnapshot>();
        snap->source = describe();
        snap->loadedAt = QDateTime::currentDateTimeUtc();
        return {std::move(snap), {}};
    }
    if (progress)
        progress(40, QStringLiteral("Decoding %1 MB").arg(double(raw.bytes.size()) / 1e6, 0, 'f', 1));
    DecodeResult decoded = decodeRegistry(std::move(raw.bytes), describe(), &cancel, progress);
    return {std::move(decoded.snapshot), decoded.error};
}

} // namespace feastconsole
