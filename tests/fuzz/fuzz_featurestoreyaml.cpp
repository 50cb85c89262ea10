// libFuzzer target for feature_store.yaml: any bytes must load without a
// crash, a hang or memory beyond the limits; an accepted file names a registry,
// and every refusal names the file.
#include "registry/featurestoreyaml.h"
#include "yamlinvariants.h"

#include <cstdlib>

using namespace feastconsole;

// The same input must do the same in every run, whatever the shell exported
// (`$_` is the fuzzer's own path under sh): the environment the variables in
// the text expand from is fixed here.
extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    clearenv();
    setenv("FUZZ_HOST", "registry.example:6570", 1);
    setenv("FUZZ_PATH", "data/registry.db", 1);
    setenv("FUZZ_YAML", "{registry_type: remote, path: 'x:1'}", 1);
    return 0;
}

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
    // Accepted means the text, its variables expanded, loads as a single
    // document without duplicates.
    const std::optional<QByteArray> expanded = expandVariablesAsFeast(text, configYamlLimits.maxBytes);
    FUZZ_REQUIRE(expanded.has_value());
    FUZZ_REQUIRE(!loadYamlDocument(*expanded, path, configYamlLimits).error);
    return 0;
}
