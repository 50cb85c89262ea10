#pragma once

#include "connectionspec.h"
#include "registrysnapshot.h"

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

// Reads the file as Feast does: environment variables ($NAME, ${NAME}) expanded
// first, then one YAML document through loadYamlDocument (safeyaml.h). Reads
// the registry setting (a local file path, or registry_type: remote with path
// host:port) and keeps the online store, feature server and auth settings.
FeatureRepoConfigResult parseFeatureStoreYaml(const QByteArray &yaml, const QString &yamlPath);
FeatureRepoConfigResult readFeatureStoreYaml(const QString &yamlPath);

} // namespace feastconsole
