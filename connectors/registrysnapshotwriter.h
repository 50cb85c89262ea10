#pragma once

#include "connectionspec.h"
#include "registryloader.h"

namespace feastconsole {

struct SnapshotWriteResult {
    qint64 bytes = 0;
    qsizetype objects = 0;
    ConnectionError error;
};

// Reads the registry a connection points at, checks it decodes, and writes it
// atomically as a registry.db file that Feast's file registry opens.
SnapshotWriteResult writeRegistrySnapshot(const ConnectionSpec &spec, const QString &outPath,
                                          const CancelFlag &cancel);

} // namespace feastconsole
