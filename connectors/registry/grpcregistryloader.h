#pragma once

#include "grpcchannel.h"
#include "registry/registryloader.h"

#include <mutex>

namespace feastconsole {

// Reads a whole registry from `feast serve_registry`: ListProjects, then each
// project's objects with the List* calls. (RegistryServer/Proto would be one
// call, but Feast 0.66 rebuilds its answer through Python objects that drop
// every object's project, so a shared registry's tenants could not be told
// apart.) The answers are assembled into a feast.core.Registry in which each
// object carries its project, then decoded like a registry file.
class GrpcRegistryLoader : public RegistryLoader
{
public:
    explicit GrpcRegistryLoader(GrpcTarget target);

    LoadResult load(const CancelFlag &cancel, const ProgressCallback &progress) override;
    void cancel() override;
    QString describe() const override;
    ProbeResult probe(const CancelFlag &cancel) override; // ListProjects only

    struct RawResult {
        QByteArray bytes; // a serialized feast.core.Registry
        ConnectionError error;
    };
    RawResult fetchRegistryBytes(const CancelFlag &cancel, const ProgressCallback &progress);

    // Tracks the running call so cancel() can stop it from another thread.
    void setRunning(grpc::ClientContext *context);

private:
    std::shared_ptr<grpc::Channel> channel(ConnectionError *error);

    GrpcTarget m_target;
    std::mutex m_mutex; // guards the channel and the running call's context
    std::shared_ptr<grpc::Channel> m_channel;
    grpc::ClientContext *m_running = nullptr;
    bool m_cancelRequested = false;
};

} // namespace feastconsole
