#pragma once

#include "registryloader.h"

namespace feastconsole {

// Feast's local file registry: the serialized feast.core.Registry.
class FileRegistryLoader : public RegistryLoader
{
public:
    explicit FileRegistryLoader(QString path) : m_path(std::move(path)) {}

    LoadResult load(const CancelFlag &cancel, const ProgressCallback &progress) override;
    QStringList watchedFiles() const override { return {m_path}; }
    QString describe() const override { return m_path; }

private:
    QString m_path;
};

} // namespace feastconsole
