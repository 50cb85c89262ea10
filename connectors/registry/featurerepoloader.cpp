#include "registry/featurerepoloader.h"

#include "registry/fileregistryloader.h"
#include "registry/grpcregistryloader.h"
#include "registry/sqlregistryloader.h"

namespace feastconsole {

FeatureRepoLoader::FeatureRepoLoader(QString yamlPath, const ConnectionSpec &spec)
    : m_yamlPath(std::move(yamlPath))
    , m_token(spec.token)
    , m_password(spec.password)
    , m_deadlineMs(spec.deadlineMs)
    , m_tlsOverride(spec.tls)
{
}

LoadResult FeatureRepoLoader::load(const CancelFlag &cancel, const ProgressCallback &progress)
{
    FeatureRepoConfigResult parsed = readFeatureStoreYaml(m_yamlPath);
    if (!parsed.config)
        return {nullptr, {ErrorCategory::BadInput, parsed.error}};
    const FeatureRepoConfig &config = *parsed.config;

    std::shared_ptr<RegistryLoader> inner;
    {
        std::lock_guard lock(m_mutex);
        const QString key = config.registry.path + u'|' + config.registry.hostPort + u'|'
            + QString::number(int(config.registry.kind)) + u'|' + config.tls.caFile + u'|'
            + (config.registry.sql ? config.registry.sql->display() + u'|' + config.registry.sql->password : QString());
        if (!m_inner || key != m_innerKey) {
            if (config.registry.kind == Endpoint::Kind::RegistryFile) {
                m_inner = std::make_shared<FileRegistryLoader>(config.registry.path);
            } else if (config.registry.kind == Endpoint::Kind::SqlRegistry) {
                m_inner = std::make_shared<SqlRegistryLoader>(*config.registry.sql, m_password, m_deadlineMs);
            } else {
                GrpcTarget target;
                target.hostPort = config.registry.hostPort;
                target.tls = config.registry.kind == Endpoint::Kind::GrpcTls;
                target.tlsSettings = m_tlsOverride == TlsSettings{} ? config.tls : m_tlsOverride;
                target.token = m_token;
                target.deadlineMs = m_deadlineMs;
                m_inner = std::make_shared<GrpcRegistryLoader>(target);
            }
            m_innerKey = key;
        }
        inner = m_inner;
    }
    LoadResult result = inner->load(cancel, progress);
    if (result.snapshot) {
        auto snap = std::const_pointer_cast<RegistrySnapshot>(result.snapshot);
        snap->repo = config.settings;
    }
    return result;
}

void FeatureRepoLoader::cancel()
{
    std::lock_guard lock(m_mutex);
    if (m_inner)
        m_inner->cancel();
}

QStringList FeatureRepoLoader::watchedFiles() const
{
    std::lock_guard lock(m_mutex);
    QStringList files{m_yamlPath};
    if (m_inner)
        files += m_inner->watchedFiles();
    return files;
}

} // namespace feastconsole
