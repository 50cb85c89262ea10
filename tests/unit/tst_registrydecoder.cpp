// Registry bytes (issue 18): the decoder accepts exactly what Feast's parser
// accepts (the cases below were each checked against Python's
// Registry().ParseFromString; test_registry_differential.py does that in
// bulk), the file loader reads only regular files within the size limit and
// re-reads a file rewritten under it, and a snapshot replaces its target only
// after reading itself back.
#include "registry/fileregistryloader.h"
#include "registry/registrydecoder.h"
#include "registry/registrysnapshotwriter.h"
#include "testsupport.h"
#include "registry/wirevalidator.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace feastconsole;

namespace {

QByteArray seed(const QString &name)
{
    QFile file(test::sourcePath(QStringLiteral("tests/fuzz/corpus/registrydecoder/") + name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing seed registry %s", qPrintable(name));
    return file.readAll();
}

QByteArray varint(quint64 v)
{
    QByteArray out;
    while (v >= 0x80) {
        out += char((v & 0x7f) | 0x80);
        v >>= 7;
    }
    return out + char(v);
}

QByteArray field(int number, const QByteArray &payload)
{
    return varint(quint64(number) << 3 | 2) + varint(quint64(payload.size())) + payload;
}

// Registry.data_sources -> DataSource.batch_source nested `depth` times.
QByteArray nestedSources(int depth, const QByteArray &inner = {})
{
    QByteArray p = inner;
    for (int i = 0; i < depth; ++i)
        p = field(26, p);
    return field(12, p);
}

// Where each top-level field of a valid registry ends: the only cut points a
// parser may accept.
QList<qsizetype> fieldEnds(const QByteArray &valid)
{
    QList<qsizetype> ends{0};
    for (qsizetype pos = 0; pos < valid.size();) {
        pos = WireValidator::skimField(valid, pos).end;
        ends.append(pos);
    }
    return ends;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestRegistryDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesRealRegistries_data();
    void decodesRealRegistries();
    void refusesWhatFeastRefuses_data();
    void refusesWhatFeastRefuses();
    void acceptsWhatFeastAccepts_data();
    void acceptsWhatFeastAccepts();
    void acceptsOnlyCutPointsAtFieldBoundaries();
    void neverDropsPermissionsSilently();
    void timestampsOutOfRangeAreUnset();

    void refusesSpecialFiles();
    void refusesFilesOverTheLimit();
    void rereadsAFileRewrittenDuringTheRead();
    void rereadsACorruptReadOfAFileThatChangedSince();

    void snapshotReplacesTheTargetOnlyAfterReadingItBack();
    void snapshotRefusesAReadBackWithOtherObjects();
};

void TestRegistryDecoder::decodesRealRegistries_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("objects");
    QTest::addColumn<int>("permissions");
    QTest::newRow("shared") << QStringLiteral("shared.db") << 63 << 10;
    QTest::newRow("team-alpha") << QStringLiteral("team-alpha.db") << 10 << 1;
    QTest::newRow("team-beta") << QStringLiteral("team-beta.db") << 9 << 1;
}

void TestRegistryDecoder::decodesRealRegistries()
{
    QFETCH(QString, name);
    QFETCH(int, objects);
    QFETCH(int, permissions);
    const QByteArray bytes = seed(name);
    const DecodeResult r = decodeRegistry(bytes, name);
    QVERIFY2(r.snapshot, qPrintable(r.error.message));
    QCOMPARE(int(r.snapshot->objects.size()), objects);
    QCOMPARE(int(r.snapshot->countOf(ObjectKind::Permission)), permissions);
    QCOMPARE(r.snapshot->wire, bytes);
    for (const CatalogObject &o : r.snapshot->objects) {
        if (o.wire.isValid())
            QVERIFY(o.wire.offset + o.wire.length <= bytes.size());
    }
}

void TestRegistryDecoder::refusesWhatFeastRefuses_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("what");
    QTest::addColumn<int>("offset");
    QTest::newRow("one byte 0xf7") << QByteArray("\xf7", 1) << "truncated field tag" << 0;
    QTest::newRow("field 0") << QByteArray("\x00\x01", 2) << "field number 0" << 0;
    QTest::newRow("wire type 6") << QByteArray("\x0e") << "invalid wire type 6" << 0;
    QTest::newRow("wire type 7") << QByteArray("\x0f") << "invalid wire type 7" << 0;
    QTest::newRow("end group at top") << QByteArray("\x0c") << "outside a group" << 0;
    QTest::newRow("group closed by another field") << QByteArray("\x0b\x14") << "closed by the end tag of field 2" << 1;
    QTest::newRow("group never closed") << QByteArray("\x0b") << "group of field 1 not closed" << 1;
    QTest::newRow("varint of 11 bytes") << QByteArray("\xa0\x06") + QByteArray(10, '\xff') + '\x01'
                                        << "longer than 10 bytes" << 0;
    // The C++ runtime accepts these two; Feast's Python parser does not.
    QTest::newRow("tag over 32 bits") << QByteArray("\xf8\xff\xff\xff\x7f\x00", 6) << "field tag over 32 bits" << 0;
    QTest::newRow("tag over 32 bits, nested") << field(1, QByteArray("\xf8\xff\xff\xff\x1f\x00", 6))
                                              << "field tag over 32 bits" << 2;
    QTest::newRow("tag of 6 bytes") << QByteArray("\x88\x80\x80\x80\x80\x00\x00", 7) << "longer than 5 bytes" << 0;
    QTest::newRow("length of 6 bytes") << QByteArray("\x22\x80\x80\x80\x80\x80\x00", 7) << "longer than 5 bytes" << 0;
    QTest::newRow("length past the end") << QByteArray("\x32\x05\x0a") << "runs past the end" << 0;
    QTest::newRow("invalid UTF-8 in Registry.version_id") << field(4, "\xff") << "feast.core.Registry.version_id" << 2;
    QTest::newRow("surrogate in a string") << field(4, "\xed\xa0\x80") << "invalid UTF-8" << 2;
    QTest::newRow("overlong NUL") << field(4, "\xc0\x80") << "invalid UTF-8" << 2;
    QTest::newRow("above U+10FFFF") << field(4, "\xf4\x90\x80\x80") << "invalid UTF-8" << 2;
    QTest::newRow("invalid UTF-8 in an entity name") << field(1, field(1, field(1, "\xff")))
                                                     << "feast.core.EntitySpecV2.name" << 6;
    QTest::newRow("invalid UTF-8 in a map key")
        << field(12, field(24, field(1, "\xff") + field(2, "v"))) << "DataSource.TagsEntry.key" << 7;
    QTest::newRow("garbage timestamp") << field(5, "\xf7") << "truncated field tag" << 2;
    QTest::newRow("end group inside an entity") << field(1, "\x0c") << "outside a group" << 2;
    QTest::newRow("101 nested messages") << nestedSources(100) << "nested deeper than 100" << 357;
    QTest::newRow("101 nested groups") << QByteArray("\xa3\x06").repeated(101) + QByteArray("\xa4\x06").repeated(101)
                                       << "nested deeper than 100" << 200;
    QTest::newRow("truncated packed enum") << field(16, field(1, field(3, "\x01\x82"))) << "bad packed varint" << 7;
}

void TestRegistryDecoder::refusesWhatFeastRefuses()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, what);
    QFETCH(int, offset);
    const DecodeResult r = decodeRegistry(bytes, QStringLiteral("/data/registry.db"));
    QVERIFY(!r.snapshot);
    QCOMPARE(r.error.category, ErrorCategory::BadInput);
    QVERIFY2(r.error.message.startsWith(QStringLiteral("/data/registry.db is not a valid Feast registry (")),
             qPrintable(r.error.message));
    QVERIFY2(r.error.message.contains(what), qPrintable(r.error.message));
    QVERIFY2(r.error.message.endsWith(QStringLiteral(" at byte %1)").arg(offset)), qPrintable(r.error.message));
    QVERIFY(!r.error.message.contains(u'\n'));
}

void TestRegistryDecoder::acceptsWhatFeastAccepts_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("objects");
    QTest::newRow("empty file: an empty registry") << QByteArray() << 0;
    QTest::newRow("unknown group") << QByteArray("\xa3\x06\xa4\x06") << 0;
    QTest::newRow("entities as a group") << QByteArray("\x0b\x0c") << 0;
    QTest::newRow("entities as a varint") << QByteArray("\x08\x05") << 0;
    QTest::newRow("string in an unknown field") << field(100, "\xff") << 0;
    QTest::newRow("10-byte varint") << QByteArray("\xa0\x06") + QByteArray(9, '\xff') + '\x7f' << 0;
    QTest::newRow("tag of 32 bits") << QByteArray("\xf8\xff\xff\xff\x0f\x00", 6) << 0;
    QTest::newRow("padded length") << QByteArray("\x22\x80\x80\x80\x80\x00", 6) << 0;
    QTest::newRow("noncharacter U+FFFF") << field(4, "\xef\xbf\xbf") << 0;
    QTest::newRow("100 nested messages") << nestedSources(99) << 1;
    QTest::newRow("100 nested groups") << QByteArray("\xa3\x06").repeated(100) + QByteArray("\xa4\x06").repeated(100)
                                       << 0;
    QTest::newRow("map key of the wrong wire type") << field(12, field(24, QByteArray("\x08\x01"))) << 1;
    QTest::newRow("unpacked enum") << field(16, field(1, QByteArray("\x18\x05"))) << 1;
}

void TestRegistryDecoder::acceptsWhatFeastAccepts()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, objects);
    const DecodeResult r = decodeRegistry(bytes, QStringLiteral("registry.db"));
    QVERIFY2(r.snapshot, qPrintable(r.error.message));
    QCOMPARE(int(r.snapshot->objects.size()), objects);
}

void TestRegistryDecoder::acceptsOnlyCutPointsAtFieldBoundaries()
{
    const QByteArray bytes = seed(QStringLiteral("team-alpha.db"));
    const QList<qsizetype> ends = fieldEnds(bytes);
    QVERIFY(ends.size() > 10);
    qsizetype accepted = 0;
    for (qsizetype n = 0; n <= bytes.size(); ++n) {
        const DecodeResult r = decodeRegistry(bytes.first(n), QStringLiteral("cut.db"));
        if (ends.contains(n)) {
            QVERIFY2(r.snapshot, qPrintable(QStringLiteral("%1: %2").arg(n).arg(r.error.message)));
            ++accepted;
        } else {
            QVERIFY2(!r.snapshot, qPrintable(QStringLiteral("cut at %1 accepted").arg(n)));
            QVERIFY(r.error.message.contains(QStringLiteral("at byte ")));
        }
    }
    QCOMPARE(accepted, ends.size());
}

void TestRegistryDecoder::neverDropsPermissionsSilently()
{
    // Registry.permissions is field 16: a two-byte tag. Cut after its first
    // byte, the old decoder read "end of registry" and lost every permission.
    const QByteArray bytes = seed(QStringLiteral("team-alpha.db"));
    const qsizetype tag = bytes.indexOf(QByteArray("\x82\x01"));
    QVERIFY(tag > 0);
    QCOMPARE(WireValidator::skimField(bytes, tag).number, 16);
    const DecodeResult r = decodeRegistry(bytes.first(tag + 1), QStringLiteral("registry.db"));
    QVERIFY(!r.snapshot);
    QCOMPARE(r.error.message,
             QStringLiteral("registry.db is not a valid Feast registry (truncated field tag at byte %1)").arg(tag));
}

void TestRegistryDecoder::timestampsOutOfRangeAreUnset()
{
    // Any int64 parses as Timestamp.seconds; only years 1 to 9999 are times.
    auto entity = [](qint64 seconds) {
        const QByteArray timestamp = QByteArray("\x08") + varint(quint64(seconds));
        return field(1, field(1, field(1, "e")) + field(2, field(1, timestamp)));
    };
    const struct {
        qint64 seconds;
        bool valid;
    } cases[] = {{-7456549760639241071, false}, {253402300800, false}, {-62135596801, false},
                 {253402300799, true}, {1700000000, true}};
    for (const auto &c : cases) {
        const DecodeResult r = decodeRegistry(entity(c.seconds), QStringLiteral("registry.db"));
        QVERIFY2(r.snapshot, qPrintable(r.error.message));
        QCOMPARE(r.snapshot->objects.size(), size_t(1));
        QCOMPARE(r.snapshot->objects.front().created.isValid(), c.valid);
    }
}

void TestRegistryDecoder::refusesSpecialFiles()
{
    QTemporaryDir dir;
    const QString fifo = dir.filePath(QStringLiteral("registry.db"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const struct {
        QString path;
        QString what;
    } cases[] = {
        {QStringLiteral("/dev/zero"), QStringLiteral("/dev/zero is a character device, not a registry file")},
        {fifo, fifo + QStringLiteral(" is a named pipe, not a registry file")},
        {dir.path(), dir.path() + QStringLiteral(" is a folder, not a registry file")},
        {dir.filePath(QStringLiteral("none.db")), QStringLiteral("does not exist")},
    };
    for (const auto &c : cases) {
        QElapsedTimer timer;
        timer.start();
        CancelFlag cancel;
        const LoadResult r = FileRegistryLoader(c.path).load(cancel, {});
        QVERIFY(!r.snapshot);
        QCOMPARE(r.error.category, ErrorCategory::BadInput);
        QVERIFY2(r.error.message.contains(c.what), qPrintable(r.error.message));
        QVERIFY(timer.elapsed() < 2000); // never read /dev/zero, never wait on a pipe
    }
}

void TestRegistryDecoder::refusesFilesOverTheLimit()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("registry.db"));
    // A valid registry of 3 MB: one unknown field of padding.
    QVERIFY(writeFile(path, field(100, QByteArray(3 << 20, 'x'))));
    CancelFlag cancel;
    LoadResult r = FileRegistryLoader(path, 2 << 20).load(cancel, {});
    QVERIFY(!r.snapshot);
    QCOMPARE(r.error.message, path + QStringLiteral(" is 4 MB, over the 2 MB limit for registry files "
                                                     "(FEAST_CONSOLE_MAX_REGISTRY_MB)"));

    qputenv("FEAST_CONSOLE_MAX_REGISTRY_MB", "2");
    r = FileRegistryLoader(path).load(cancel, {});
    QVERIFY(r.error.message.contains(QStringLiteral("over the 2 MB limit")));
    qputenv("FEAST_CONSOLE_MAX_REGISTRY_MB", "4");
    r = FileRegistryLoader(path).load(cancel, {});
    QVERIFY2(r.snapshot, qPrintable(r.error.message));
    qputenv("FEAST_CONSOLE_MAX_REGISTRY_MB", "lots");
    r = FileRegistryLoader(path).load(cancel, {});
    QCOMPARE(r.error.message, QStringLiteral("FEAST_CONSOLE_MAX_REGISTRY_MB=lots is not a positive number of megabytes"));
    qunsetenv("FEAST_CONSOLE_MAX_REGISTRY_MB");
}

void TestRegistryDecoder::rereadsAFileRewrittenDuringTheRead()
{
    // Feast rewrites registry.db in place: a reader can catch it half-way.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("registry.db"));
    const QByteArray alpha = seed(QStringLiteral("team-alpha.db"));
    const QByteArray beta = seed(QStringLiteral("team-beta.db"));
    QVERIFY(writeFile(path, alpha));
    FileRegistryLoader loader(path);
    QList<int> attempts;
    loader.setAfterReadHook([&](int attempt) {
        attempts.append(attempt);
        if (attempt == 0)
            QVERIFY(writeFile(path, beta));
    });
    CancelFlag cancel;
    LoadResult r = loader.load(cancel, {});
    QVERIFY2(r.snapshot, qPrintable(r.error.message));
    QCOMPARE(attempts, QList<int>({0, 1}));
    QCOMPARE(r.snapshot->wire, beta); // the second, whole read

    // A file that keeps changing is reported, not decoded from a torn read.
    loader.setAfterReadHook([&](int attempt) { QVERIFY(writeFile(path, attempt == 0 ? alpha : beta)); });
    r = loader.load(cancel, {});
    QVERIFY(!r.snapshot);
    QCOMPARE(r.error.message, path + QStringLiteral(" changed while it was read, twice: it is being rewritten; try again"));
}

void TestRegistryDecoder::rereadsACorruptReadOfAFileThatChangedSince()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("registry.db"));
    const QByteArray shared = seed(QStringLiteral("shared.db"));
    const QByteArray torn = shared.first(shared.size() * 2 / 3 + 1);
    QVERIFY(!decodeRegistry(torn, path).snapshot);
    QVERIFY(writeFile(path, torn));
    // The writer finishes while the torn bytes are being checked.
    bool rewritten = false;
    const ProgressCallback progress = [&](int, const QString &text) {
        if (text == QLatin1String("Checking") && !rewritten)
            rewritten = writeFile(path, shared);
    };
    CancelFlag cancel;
    const LoadResult r = FileRegistryLoader(path).load(cancel, progress);
    QVERIFY(rewritten);
    QVERIFY2(r.snapshot, qPrintable(r.error.message));
    QCOMPARE(r.snapshot->wire, shared);

    // Corrupt and unchanged: reported at once.
    QVERIFY(writeFile(path, torn));
    const LoadResult corrupt = FileRegistryLoader(path).load(cancel, {});
    QVERIFY(!corrupt.snapshot);
    QVERIFY(corrupt.error.message.startsWith(path + QStringLiteral(" is not a valid Feast registry (")));
}

void TestRegistryDecoder::snapshotReplacesTheTargetOnlyAfterReadingItBack()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("backup.db"));
    const QByteArray good = seed(QStringLiteral("team-beta.db"));
    QVERIFY(writeFile(out, good));
    QVERIFY(QFile::setPermissions(out, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup));
    const QByteArray shared = seed(QStringLiteral("shared.db"));
    CancelFlag cancel;

    // The disk loses the end of what was written: the good backup stays.
    SnapshotWriteResult r = writeVerifiedSnapshot(decodeRegistry(shared, QStringLiteral("source")).snapshot, out,
                                                  cancel, [&](const QString &temp) {
                                                      QVERIFY(temp != out);
                                                      QVERIFY(QFile::resize(temp, shared.size() / 2));
                                                  });
    QCOMPARE(r.error.category, ErrorCategory::BadInput);
    QVERIFY2(r.error.message.startsWith(out + QStringLiteral(" not written: reading the snapshot back failed: ")),
             qPrintable(r.error.message));
    QVERIFY(r.error.message.contains(QStringLiteral("not a valid Feast registry")));
    QCOMPARE(readFile(out), good);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("backup.db")});

    r = writeVerifiedSnapshot(decodeRegistry(shared, QStringLiteral("source")).snapshot, out, cancel);
    QVERIFY2(!r.error.isError(), qPrintable(r.error.message));
    QCOMPARE(r.bytes, shared.size());
    QCOMPARE(r.objects, 63);
    QCOMPARE(readFile(out), shared);
    const auto modeBits = QFileDevice::Permissions::fromInt(0x7077); // owner, group, other: not "user"
    QCOMPARE(QFile::permissions(out) & modeBits, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("backup.db")});
}

void TestRegistryDecoder::snapshotRefusesAReadBackWithOtherObjects()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("backup.db"));
    const QByteArray alpha = seed(QStringLiteral("team-alpha.db"));
    const QByteArray shared = seed(QStringLiteral("shared.db"));
    CancelFlag cancel;
    // What comes back is a valid registry, just not the one written.
    const SnapshotWriteResult r = writeVerifiedSnapshot(
        decodeRegistry(shared, QStringLiteral("source")).snapshot, out, cancel,
        [&](const QString &temp) { QVERIFY(writeFile(temp, alpha)); });
    QCOMPARE(r.error.message, out + QStringLiteral(" not written: the snapshot read back holds other bytes (%1 bytes, "
                                                   "10 objects) than were written (%2 bytes, 63 objects)")
                                        .arg(alpha.size()).arg(shared.size()));
    QVERIFY(!QFile::exists(out));
    QVERIFY(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());

    // Same size, same objects, one byte different (a name's letter).
    QByteArray flipped = shared;
    const qsizetype at = flipped.indexOf("fraud_detection");
    QVERIFY(at > 0);
    flipped[at] = 'F';
    const SnapshotWriteResult same = writeVerifiedSnapshot(
        decodeRegistry(shared, QStringLiteral("source")).snapshot, out, cancel,
        [&](const QString &temp) { QVERIFY(writeFile(temp, flipped)); });
    QVERIFY2(same.error.message.contains(QStringLiteral("read back holds other bytes")), qPrintable(same.error.message));
    QVERIFY(!QFile::exists(out));
}

QTEST_GUILESS_MAIN(TestRegistryDecoder)
#include "tst_registrydecoder.moc"
