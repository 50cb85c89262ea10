#include "registrysnapshotwriter.h"

#include <QSaveFile>

namespace feastconsole {

SnapshotWriteResult writeRegistrySnapshot(const ConnectionSpec &spec, const QString &outPath,
                                          const CancelFlag &cancel)
{
    LoaderResult created = createRegistryLoader(spec);
    if (!created.loader)
        return {0, 0, {ErrorCategory::BadInput, created.error}};
    LoadResult loaded = created.loader->load(cancel, {});
    if (!loaded.snapshot)
        return {0, 0, loaded.error};

    QSaveFile file(outPath);
    if (!file.open(QIODevice::WriteOnly))
        return {0, 0, {ErrorCategory::BadInput, QStringLiteral("cannot write %1: %2").arg(outPath, file.errorString())}};
    const QByteArray &wire = loaded.snapshot->wire;
    if (file.write(wire) != wire.size() || !file.commit())
        return {0, 0, {ErrorCategory::BadInput, QStringLiteral("cannot write %1: %2").arg(outPath, file.errorString())}};
    return {wire.size(), qsizetype(loaded.snapshot->objects.size()), {}};
}

} // namespace feastconsole
