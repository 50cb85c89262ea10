#pragma once

#include "registry/registryloader.h"

#include <functional>
#include <optional>

namespace feastconsole {

// Feast's local file registry: the serialized feast.core.Registry.
// Only regular files are read, up to a size limit, and a file that changes
// while it is read (Feast rewrites registry.db in place) is read again once.
class FileRegistryLoader : public RegistryLoader
{
public:
    static constexpr qint64 defaultMaxMegabytes = 2048;

    // maxBytes < 0: the limit FEAST_CONSOLE_MAX_REGISTRY_MB sets (megabytes),
    // else defaultMaxMegabytes.
    explicit FileRegistryLoader(QString path, qint64 maxBytes = -1) : m_path(std::move(path)), m_maxBytes(maxBytes) {}

    // The size limit every registry read whole is held to, in bytes:
    // FEAST_CONSOLE_MAX_REGISTRY_MB or defaultMaxMegabytes; -1 and *error set
    // when the variable is not a positive number.
    static qint64 sizeLimitFromEnvironment(ConnectionError *error);
    static constexpr const char *sizeLimitVariable = "FEAST_CONSOLE_MAX_REGISTRY_MB";

    LoadResult load(const CancelFlag &cancel, const ProgressCallback &progress) override;
    QStringList watchedFiles() const override { return {m_path}; }
    QString describe() const override { return m_path; }

    // Runs after each read of the file (attempt 0, then 1), before the file is
    // checked for changes: tests play a concurrent writer there.
    void setAfterReadHook(std::function<void(int attempt)> hook) { m_afterRead = std::move(hook); }

private:
    struct Stamp {
        qint64 size = -1;
        qint64 modified = 0; // nanoseconds, filesystem clock
        friend bool operator==(const Stamp &, const Stamp &) = default;
    };
    struct Read {
        QByteArray bytes;
        ConnectionError error;
        Stamp stamp;          // of the file before it was read
        bool changed = false; // during the read
    };
    Read readOnce(qint64 maxBytes, int attempt) const;
    std::optional<Stamp> stampNow() const;

    QString m_path;
    qint64 m_maxBytes;
    std::function<void(int)> m_afterRead;
};

} // namespace feastconsole
