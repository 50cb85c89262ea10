#pragma once

#include "registry/featurestoreyaml.h"
#include "registry/registryloader.h"

#include <mutex>

namespace feastconsole {

// A feature repo's feature_store.yaml: reads its registry setting on every
// load (so edits to the file are followed) and delegates to a file or gRPC
// loader; the snapshot carries the repo's online-store and server settings.
class FeatureRepoLoader : public RegistryLoader
{
public:
    FeatureRepoLoader(QString yamlPath, const ConnectionSpec &spec);

    LoadResult load(const CancelFlag &cancel, const ProgressCallback &progress) override;
    void cancel() override;
    QStringList watchedFiles() const override;
    QString describe() const override { return m_yamlPath; }

private:
    QString m_yamlPath;
    TokenSource m_token;
    TokenSource m_password; // a SQL registry's, when the URL holds none
    int m_deadlineMs;
    TlsSettings m_tlsOverride;
    mutable std::mutex m_mutex;
    std::shared_ptr<RegistryLoader> m_inner;
    QString m_innerKey; // what the inner loader was made for
};

} // namespace feastconsole
