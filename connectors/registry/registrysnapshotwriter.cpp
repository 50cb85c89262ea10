#include "registry/registrysnapshotwriter.h"

#include "registry/fileregistryloader.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSaveFile>

#include <array>
#include <limits>
#include <filesystem>

namespace feastconsole {

namespace {

// What the read-back must match: the objects of each kind and the features.
struct Contents {
    std::array<qsizetype, allObjectKinds.size()> perKind{};
    qsizetype features = 0;
    friend bool operator==(const Contents &, const Contents &) = default;
};

Contents contentsOf(const RegistrySnapshot &snapshot)
{
    Contents c;
    for (const CatalogObject &o : snapshot.objects)
        ++c.perKind[size_t(o.kind)];
    c.features = snapshot.features.size();
    return c;
}

ConnectionError cannotWrite(const QString &path, const QString &why)
{
    return {ErrorCategory::BadInput, QStringLiteral("cannot write %1: %2").arg(path, why)};
}

} // namespace

SnapshotWriteResult writeRegistrySnapshot(const ConnectionSpec &spec, const QString &outPath,
                                          const CancelFlag &cancel)
{
    LoaderResult created = createRegistryLoader(spec);
    if (!created.loader)
        return {0, 0, {ErrorCategory::BadInput, created.error}};
    LoadResult loaded = created.loader->load(cancel, {});
    if (!loaded.snapshot)
        return {0, 0, loaded.error};
    return writeVerifiedSnapshot(std::move(loaded.snapshot), outPath, cancel);
}

SnapshotWriteResult writeVerifiedSnapshot(SnapshotPtr snapshot, const QString &outPath, const CancelFlag &cancel,
                                          const std::function<void(const QString &)> &beforeVerify)
{
    const QFileInfo out(outPath);
    const QString tempPath = out.absolutePath() + QStringLiteral("/.") + out.fileName()
        + QStringLiteral(".%1.partial").arg(QRandomGenerator::global()->generate64(), 0, 36);
    {
        QSaveFile file(tempPath); // flushed to disk on commit
        if (!file.open(QIODevice::WriteOnly))
            return {0, 0, cannotWrite(outPath, file.errorString())};
        if (file.write(snapshot->wire) != snapshot->wire.size() || !file.commit())
            return {0, 0, cannotWrite(outPath, file.errorString())};
    }
    auto discard = [&](const ConnectionError &error) {
        QFile::remove(tempPath);
        return SnapshotWriteResult{0, 0, error};
    };
    if (out.exists())
        QFile::setPermissions(tempPath, QFile::permissions(outPath));

    const qint64 bytes = snapshot->wire.size();
    const QByteArray digest = QCryptographicHash::hash(snapshot->wire, QCryptographicHash::Sha256);
    const Contents expected = contentsOf(*snapshot);
    const auto objects = qsizetype(snapshot->objects.size());
    snapshot.reset(); // the read-back below must not hold two registries in memory
    if (beforeVerify)
        beforeVerify(tempPath);
    FileRegistryLoader reader(tempPath, std::numeric_limits<qint64>::max());
    const LoadResult back = reader.load(cancel, {});
    if (!back.snapshot) {
        return discard({back.error.category == ErrorCategory::Cancelled ? ErrorCategory::Cancelled
                                                                         : ErrorCategory::BadInput,
                        QStringLiteral("%1 not written: reading the snapshot back failed: %2")
                            .arg(outPath, back.error.message)});
    }
    if (back.snapshot->wire.size() != bytes || contentsOf(*back.snapshot) != expected
        || QCryptographicHash::hash(back.snapshot->wire, QCryptographicHash::Sha256) != digest) {
        return discard({ErrorCategory::BadInput,
                        QStringLiteral("%1 not written: the snapshot read back holds other bytes (%2 bytes, "
                                       "%3 objects) than were written (%4 bytes, %5 objects)")
                            .arg(outPath).arg(back.snapshot->wire.size()).arg(back.snapshot->objects.size())
                            .arg(bytes).arg(objects)});
    }
    std::error_code ec; // replaces outPath in one step
    std::filesystem::rename(std::filesystem::path(tempPath.toStdU16String()),
                            std::filesystem::path(outPath.toStdU16String()), ec);
    if (ec)
        return discard(cannotWrite(outPath, QString::fromLocal8Bit(ec.message())));
    return {bytes, objects, {}};
}

} // namespace feastconsole
