// libFuzzer target for feature_store.yaml: any bytes must load without a
// crash, a hang or memory beyond the limits; an accepted file names a registry,
// and every refusal names the file.
#include "featurestoreyaml.h"
#include "yamlinvariants.h"

using namespace feastconsole;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    fuzzcheck::checkLoaded(text, configYamlLimits, true);
    const QString path = QStringLiteral("/repo/feature_store.yaml");
    const FeatureRepoConfigResult r = parseFeatureStoreYaml(text, path);
    FUZZ_REQUIRE(r.config.has_value() != !r.error.isEmpty());
    if (!r.config) {
        FUZZ_REQUIRE(r.error.startsWith(path));
        return 0;
    }
    const Endpoint &registry = r.config->registry;
    if (registry.kind == Endpoint::Kind::RegistryFile)
        FUZZ_REQUIRE(registry.path.startsWith(u'/'));
    else
        FUZZ_REQUIRE((registry.kind == Endpoint::Kind::Grpc || registry.kind == Endpoint::Kind::GrpcTls)
                && registry.hostPort.contains(u':'));
    // Accepted means the same text loads as a single document without duplicates.
    FUZZ_REQUIRE(!loadYamlDocument(text, path, configYamlLimits).error);
    return 0;
}
