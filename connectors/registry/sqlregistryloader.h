#pragma once

#include "registry/registryloader.h"
#include "workspace/connectionspec.h"

namespace feastconsole {

class ScopedDatabase;

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
    bool hasChangeStamps() const override { return true; }
    ChangeStamp changeStamp(const CancelFlag &cancel) override;

private:
    // Connects, makes the session and a transaction read-only, and lists the
    // tables (refusing a database without Feast's).
    ConnectionError openReadOnly(ScopedDatabase &scoped, QStringList *present, const ProgressCallback &progress) const;

    SqlRegistryUrl m_url;
    TokenSource m_password;
    int m_deadlineMs;
};

} // namespace feastconsole
