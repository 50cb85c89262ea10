#pragma once

#include "workspace/connectionspec.h"
#include "catalog/registrysnapshot.h"

#include <QString>

#include <optional>

namespace feastconsole {

// What a feature repo's feature_store.yaml says about its registry.
struct FeatureRepoConfig {
    RepoSettings settings;
    Endpoint registry; // RegistryFile or Grpc/GrpcTls
    TlsSettings tls;   // from a remote registry's cert / client_cert / client_key
};

struct FeatureRepoConfigResult {
    std::optional<FeatureRepoConfig> config;
    QString error;
};

// Feast reads feature_store.yaml through os.path.expandvars() before YAML
// sees it: $NAME and ${NAME} of variables that are set are replaced (names of
// ASCII letters, digits and '_'; anything in braces), the rest is left as it
// is, and a replacement is not scanned again. Stops (nullopt) past maxBytes.
std::optional<QByteArray> expandVariablesAsFeast(const QByteArray &text, qsizetype maxBytes);

// Reads the file as Feast does: environment variables ($NAME, ${NAME}) expanded
// first, then one YAML document through loadYamlDocument (safeyaml.h). Reads
// the registry setting (a local file path, or registry_type: remote with path
// host:port) and keeps the online store, feature server and auth settings.
FeatureRepoConfigResult parseFeatureStoreYaml(const QByteArray &yaml, const QString &yamlPath);
FeatureRepoConfigResult readFeatureStoreYaml(const QString &yamlPath);

} // namespace feastconsole
