#include "registry/featurerepoloader.h"
#include "registry/fileregistryloader.h"
#include "registry/grpcregistryloader.h"
#include "registry/sqlregistryloader.h"

#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace feastconsole {

ProbeResult RegistryLoader::probe(const CancelFlag &cancel)
{
    QElapsedTimer timer;
    timer.start();
    const LoadResult loaded = load(cancel, {});
    ProbeResult result;
    result.error = loaded.error;
    if (loaded.snapshot) {
        result.projects = loaded.snapshot->projects();
        result.objects = qsizetype(loaded.snapshot->objects.size());
        result.features = loaded.snapshot->features.size();
    }
    result.milliseconds = timer.elapsed();
    return result;
}

QFuture<ProbeResult> probeConnection(const ConnectionSpec &spec, std::shared_ptr<CancelFlag> cancel)
{
    return QtConcurrent::run([spec, cancel] {
        const LoaderResult created = createRegistryLoader(spec);
        if (!created.loader)
            return ProbeResult{{ErrorCategory::BadInput, created.error}, {}, -1, -1, 0};
        return created.loader->probe(*cancel);
    });
}

LoaderResult createRegistryLoader(const ConnectionSpec &spec)
{
    const ParsedEndpoint parsed = parseEndpoint(spec.url);
    if (!parsed.endpoint)
        return {nullptr, parsed.error};
    const Endpoint &endpoint = *parsed.endpoint;
    switch (endpoint.kind) {
    case Endpoint::Kind::Grpc:
    case Endpoint::Kind::GrpcTls: {
        return {std::make_shared<GrpcRegistryLoader>(grpcTargetOf(endpoint, spec)), {}};
    }
    case Endpoint::Kind::RegistryFile:
        return {std::make_shared<FileRegistryLoader>(endpoint.path), {}};
    case Endpoint::Kind::FeatureRepo:
        return {std::make_shared<FeatureRepoLoader>(endpoint.path, spec), {}};
    case Endpoint::Kind::SqlRegistry:
        return {std::make_shared<SqlRegistryLoader>(*endpoint.sql, spec.password, spec.deadlineMs), {}};
    }
    return {nullptr, QStringLiteral("unsupported connection URL")};
}

} // namespace feastconsole
