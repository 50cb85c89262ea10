#pragma once

#include "grpcchannel.h"
#include "registryloader.h"

#include <mutex>

namespace feastconsole {

// Reads a whole registry from `feast serve_registry` with one
// RegistryServer/Proto call. The answer is received as raw bytes (a generic
// call) and decoded object by object, which keeps memory near one copy.
class GrpcRegistryLoader : public RegistryLoader
{
public:
    explicit GrpcRegistryLoader(GrpcTarget target);

    LoadResult load(const CancelFlag &cancel, const ProgressCallback &progress) override;
    void cancel() override;
    QString describe() const override;

    // The raw answer of RegistryServer/Proto: a serialized feast.core.Registry.
    struct RawResult {
        QByteArray bytes;
        ConnectionError error;
    };
    RawResult fetchRegistryBytes(const CancelFlag &cancel);

private:
    std::shared_ptr<grpc::Channel> channel(ConnectionError *error);

    GrpcTarget m_target;
    std::mutex m_mutex; // guards the channel and the running call's context
    std::shared_ptr<grpc::Channel> m_channel;
    grpc::ClientContext *m_running = nullptr;
};

} // namespace feastconsole
