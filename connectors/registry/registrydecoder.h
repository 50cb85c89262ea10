#pragma once

#include "registry/registryloader.h"

#include <QByteArray>
#include <QString>

namespace feastconsole {

struct DecodeResult {
    std::shared_ptr<RegistrySnapshot> snapshot;
    ConnectionError error;
};

// Decodes a serialized feast.core.Registry (a registry.db file, or the answer
// of RegistryServer/Proto) one top-level object at a time, so a registry of a
// million features never exists twice in memory. Each object remembers where
// its bytes lie in `wire`. Accepts exactly the bytes Feast's own parser
// accepts (see WireValidator); anything else is a BadInput error naming
// `source` and the byte offset of the first fault.
DecodeResult decodeRegistry(QByteArray wire, const QString &source, const CancelFlag *cancel = nullptr,
                            const ProgressCallback &progress = {});

} // namespace feastconsole
