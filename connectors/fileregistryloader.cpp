#include "fileregistryloader.h"

#include "registrydecoder.h"

#include <QFile>
#include <QFileInfo>

namespace feastconsole {

LoadResult FileRegistryLoader::load(const CancelFlag &cancel, const ProgressCallback &progress)
{
    QFile file(m_path);
    if (!file.exists())
        return {nullptr, {ErrorCategory::BadInput, QStringLiteral("registry file %1 does not exist").arg(m_path)}};
    if (QFileInfo(m_path).isDir())
        return {nullptr, {ErrorCategory::BadInput, QStringLiteral("%1 is a folder, not a registry file").arg(m_path)}};
    if (!file.open(QIODevice::ReadOnly)) {
        const auto category = file.error() == QFileDevice::PermissionsError ? ErrorCategory::PermissionDenied
                                                                             : ErrorCategory::BadInput;
        return {nullptr, {category, QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString())}};
    }
    if (progress)
        progress(10, QStringLiteral("Reading %1").arg(m_path));
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return {nullptr, {ErrorCategory::BadInput, QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString())}};
    DecodeResult decoded = decodeRegistry(std::move(bytes), m_path, &cancel, progress);
    return {std::move(decoded.snapshot), decoded.error};
}

} // namespace feastconsole
