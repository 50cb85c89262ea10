#pragma once

#include "registry/registryloader.h"
#include "workspace/connectionspec.h"

namespace feastconsole {

// Reads a Feast SQL registry straight from its tables (one table per object
// kind, each row an object's serialized proto) through Qt SQL's drivers:
// PostgreSQL, MySQL/MariaDB or SQLite. Read-only by construction: the session
// is read-only and everything is read in one read-only transaction, so the
// catalog is one consistent state of the registry. The rows become a
// feast.core.Registry on the wire and go through the same decoder as a
// registry file, so the catalog equals what Feast's own readers build.
class SqlRegistryLoader : public RegistryLoader
{
public:
    SqlRegistryLoader(SqlRegistryUrl url, TokenSource password, int deadlineMs);

    LoadResult load(const CancelFlag &cancel, const ProgressCallback &progress) override;
    QStringList watchedFiles() const override;
    QString describe() const override;

private:
    SqlRegistryUrl m_url;
    TokenSource m_password;
    int m_deadlineMs;
};

} // namespace feastconsole
