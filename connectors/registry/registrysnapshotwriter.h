#pragma once

#include "workspace/connectionspec.h"
#include "registry/registryloader.h"

#include <functional>

namespace feastconsole {

struct SnapshotWriteResult {
    qint64 bytes = 0;
    qsizetype objects = 0;
    ConnectionError error;
};

// Reads the registry a connection points at (which decodes only if Feast's
// parser would accept it) and writes it as a registry.db file that Feast's
// file registry opens. The file is written beside `outPath` under a temporary
// name, read back and decoded again, and renamed over `outPath` only when it
// holds the same objects: a failed snapshot never replaces a good backup.
SnapshotWriteResult writeRegistrySnapshot(const ConnectionSpec &spec, const QString &outPath,
                                          const CancelFlag &cancel);

// The writing half, for a snapshot already loaded. `beforeVerify` runs on the
// temporary file before it is read back (tests: a disk that loses bytes).
SnapshotWriteResult writeVerifiedSnapshot(SnapshotPtr snapshot, const QString &outPath, const CancelFlag &cancel,
                                          const std::function<void(const QString &tempPath)> &beforeVerify = {});

} // namespace feastconsole
