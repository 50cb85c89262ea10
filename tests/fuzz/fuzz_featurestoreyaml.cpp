// libFuzzer target for feature_store.yaml: any bytes must load without a
// crash, a hang or memory beyond the limits; an accepted file names a registry,
// and every refusal names the file.
#include "featurestoreyaml.h"
#include "yamlinvariants.h"

using namespace feastconsole;
using fuzzcheck::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    fuzzcheck::checkLoaded(text, configYamlLimits, true);
    const QString path = QStringLiteral("/repo/feature_store.yaml");
    const FeatureRepoConfigResult r = parseFeatureStoreYaml(text, path);
    require(r.config.has_value() != !r.error.isEmpty());
    if (!r.config) {
        require(r.error.startsWith(path));
        return 0;
    }
    const Endpoint &registry = r.config->registry;
    if (registry.kind == Endpoint::Kind::RegistryFile)
        require(registry.path.startsWith(u'/'));
    else
        require((registry.kind == Endpoint::Kind::Grpc || registry.kind == Endpoint::Kind::GrpcTls)
                && registry.hostPort.contains(u':'));
    // Accepted means the same text loads as a single document without duplicates.
    require(!loadYamlDocument(text, path, configYamlLimits).error);
    return 0;
}
