#include "featurerepoloader.h"
#include "fileregistryloader.h"
#include "grpcregistryloader.h"

namespace feastconsole {

LoaderResult createRegistryLoader(const ConnectionSpec &spec)
{
    const ParsedEndpoint parsed = parseEndpoint(spec.url);
    if (!parsed.endpoint)
        return {nullptr, parsed.error};
    const Endpoint &endpoint = *parsed.endpoint;
    switch (endpoint.kind) {
    case Endpoint::Kind::Grpc:
    case Endpoint::Kind::GrpcTls: {
        GrpcTarget target;
        target.hostPort = endpoint.hostPort;
        target.tls = endpoint.kind == Endpoint::Kind::GrpcTls;
        target.tlsSettings = spec.tls;
        target.token = spec.token;
        target.deadlineMs = spec.deadlineMs;
        return {std::make_shared<GrpcRegistryLoader>(target), {}};
    }
    case Endpoint::Kind::RegistryFile:
        return {std::make_shared<FileRegistryLoader>(endpoint.path), {}};
    case Endpoint::Kind::FeatureRepo:
        return {std::make_shared<FeatureRepoLoader>(endpoint.path, spec), {}};
    }
    return {nullptr, QStringLiteral("unsupported connection URL")};
}

} // namespace feastconsole
