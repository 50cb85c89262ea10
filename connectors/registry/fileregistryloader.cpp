#include "registry/fileregistryloader.h"

#include "logging.h"
#include "registry/registrydecoder.h"

#include <QFile>
#include <QThread>

#include <filesystem>

namespace feastconsole {

namespace fs = std::filesystem;

namespace {

fs::path pathOf(const QString &path)
{
    return fs::path(path.toStdU16String());
}

QString kindOfSpecialFile(fs::file_type type)
{
    switch (type) {
    case fs::file_type::character: return QStringLiteral("character device");
    case fs::file_type::block: return QStringLiteral("block device");
    case fs::file_type::fifo: return QStringLiteral("named pipe");
    case fs::file_type::socket: return QStringLiteral("socket");
    default: return QStringLiteral("special file");
    }
}

ConnectionError badInput(const QString &message)
{
    return {ErrorCategory::BadInput, message};
}

} // namespace

qint64 FileRegistryLoader::sizeLimitFromEnvironment(ConnectionError *error)
{
    const QByteArray value = qgetenv(sizeLimitVariable).trimmed();
    if (value.isEmpty())
        return defaultMaxMegabytes << 20;
    bool ok = false;
    const qint64 megabytes = value.toLongLong(&ok);
    if (!ok || megabytes <= 0 || megabytes > (qint64(1) << 40)) {
        *error = badInput(QStringLiteral("%1=%2 is not a positive number of megabytes")
                              .arg(QLatin1String(sizeLimitVariable), QString::fromLocal8Bit(value.left(40))));
        return -1;
    }
    return megabytes << 20;
}

std::optional<FileRegistryLoader::Stamp> FileRegistryLoader::stampNow() const
{
    std::error_code ec;
    const fs::path path = pathOf(m_path);
    const auto size = fs::file_size(path, ec);
    if (ec)
        return std::nullopt;
    const auto modified = fs::last_write_time(path, ec);
    if (ec)
        return std::nullopt;
    return Stamp{qint64(size), qint64(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                          modified.time_since_epoch()).count())};
}

FileRegistryLoader::Read FileRegistryLoader::readOnce(qint64 maxBytes, int attempt) const
{
    Read read;
    std::error_code ec;
    const fs::file_status status = fs::status(pathOf(m_path), ec);
    if (status.type() == fs::file_type::not_found) {
        read.error = badInput(QStringLiteral("registry file %1 does not exist").arg(m_path));
        return read;
    }
    if (status.type() == fs::file_type::directory) {
        read.error = badInput(QStringLiteral("%1 is a folder, not a registry file").arg(m_path));
        return read;
    }
    // Never open a device or a pipe: /dev/zero never ends, a FIFO blocks.
    if (!ec && status.type() != fs::file_type::regular) {
        read.error = badInput(QStringLiteral("%1 is a %2, not a registry file").arg(m_path, kindOfSpecialFile(status.type())));
        return read;
    }
    const std::optional<Stamp> before = stampNow();
    if (before && before->size > maxBytes) {
        read.error = badInput(QStringLiteral("%1 is %2 MB, over the %3 MB limit for registry files (%4)")
                                  .arg(m_path).arg((before->size + (1 << 20) - 1) >> 20).arg(maxBytes >> 20)
                                  .arg(QLatin1String(sizeLimitVariable)));
        return read;
    }
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        const auto category = file.error() == QFileDevice::PermissionsError ? ErrorCategory::PermissionDenied
                                                                             : ErrorCategory::BadInput;
        read.error = {category, QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString())};
        return read;
    }
    if (!before) {
        read.error = badInput(QStringLiteral("cannot read %1: it changed while it was looked at").arg(m_path));
        return read;
    }
    read.stamp = *before;
    // Read what the file held when it was looked at; one byte more means it grew.
    read.bytes = file.read(before->size);
    const bool grew = !file.read(1).isEmpty();
    if (file.error() != QFileDevice::NoError) {
        read.error = badInput(QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString()));
        return read;
    }
    file.close();
    if (m_afterRead)
        m_afterRead(attempt);
    read.changed = grew || read.bytes.size() != before->size || stampNow() != before;
    return read;
}

LoadResult FileRegistryLoader::load(const CancelFlag &cancel, const ProgressCallback &progress)
{
    ConnectionError limitError;
    const qint64 maxBytes = m_maxBytes >= 0 ? m_maxBytes : sizeLimitFromEnvironment(&limitError);
    if (limitError.isError())
        return {nullptr, limitError};
    for (int attempt = 0;; ++attempt) {
        if (progress)
            progress(10, QStringLiteral("Reading %1").arg(m_path));
        Read read = readOnce(maxBytes, attempt);
        if (read.error.isError())
            return {nullptr, read.error};
        const bool lastAttempt = attempt > 0;
        if (read.changed && lastAttempt)
            return {nullptr, badInput(QStringLiteral("%1 changed while it was read, twice: it is being rewritten; "
                                                     "try again").arg(m_path))};
        if (!read.changed) {
            DecodeResult decoded = decodeRegistry(std::move(read.bytes), m_path, &cancel, progress);
            // A corrupt read of a file that has changed since was likely a
            // rewrite caught half-way: look once more before calling it corrupt.
            if (!decoded.error.isError() || decoded.error.category != ErrorCategory::BadInput || lastAttempt
                || stampNow() == read.stamp)
                return {std::move(decoded.snapshot), decoded.error};
        }
        if (cancel.isCancelled())
            return {nullptr, {ErrorCategory::Cancelled, QStringLiteral("cancelled")}};
        qCDebug(lcRegistryFile) << m_path << "changed while it was read; reading it again";
        QThread::msleep(100);
    }
}

} // namespace feastconsole
