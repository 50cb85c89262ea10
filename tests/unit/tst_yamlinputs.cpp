// Every YAML input (feature_store.yaml, workspace, permission file, CR import)
// goes through the one safe loader: the same refusals, with the file, the line
// and the cause, for each kind (issue 18).
#include "crexport/crimport.h"
#include "registry/featurestoreyaml.h"
#include "permissions/permissionfile.h"
#include "safeyaml.h"
#include "workspace/workspace.h"

#include <QElapsedTimer>
#include <QTest>

#include <sys/resource.h>

using namespace feastconsole;

namespace {

enum class Kind { FeatureStore, Workspace, Permissions, CrImport };

// A minimal valid input of each kind, ending with a line where a key can go.
QByteArray validPrefix(Kind kind)
{
    switch (kind) {
    case Kind::FeatureStore: return "project: p\nregistry: data/registry.db\n";
    case Kind::Workspace: return "name: w\nconnections:\n  - {name: a, url: 'grpc://h:1'}\n";
    case Kind::Permissions: return "name: readers\nactions: [READ]\npolicy: {roles: [reader]}\n";
    case Kind::CrImport: return "apiVersion: feast.dev/v1\nkind: FeatureStore\nmetadata: {name: sample}\n";
    }
    return {};
}

// A key each kind accepts at the top level, to hold nested test values.
QByteArray freeKey(Kind kind)
{
    switch (kind) {
    case Kind::FeatureStore: return "online_store";
    case Kind::Workspace: return "promql";
    case Kind::Permissions: return "tags";
    case Kind::CrImport: return "spec";
    }
    return {};
}

const QString source = QStringLiteral("/in/input.yaml");

// Parses `text` as `kind`; returns the error (empty when accepted).
QString errorOf(Kind kind, const QByteArray &text)
{
    switch (kind) {
    case Kind::FeatureStore: return parseFeatureStoreYaml(text, source).error;
    case Kind::Workspace: return parseWorkspace(text, QStringLiteral("/in"), source).error;
    case Kind::Permissions: return parsePermissionText(text, source).error;
    case Kind::CrImport: return parseManifests(text, source).error;
    }
    return {};
}

void addKinds()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("feature_store.yaml") << int(Kind::FeatureStore);
    QTest::newRow("workspace") << int(Kind::Workspace);
    QTest::newRow("permission file") << int(Kind::Permissions);
    QTest::newRow("CR import") << int(Kind::CrImport);
}

// "Billion laughs": ten levels of nine aliases each, 9^9 leaves.
QByteArray aliasBomb(const QByteArray &key)
{
    QByteArray text = "lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int level = 1; level <= 9; ++level) {
        const QByteArray previous = "*lol" + QByteArray::number(level - 1);
        text += "lol" + QByteArray::number(level) + ": &lol" + QByteArray::number(level) + " [";
        for (int i = 0; i < 9; ++i)
            text += (i ? ", " : "") + previous;
        text += "]\n";
    }
    return text + key + ": *lol9\n";
}

long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace

class TestYamlInputs : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validInputIsAccepted_data() { addKinds(); }
    void validInputIsAccepted()
    {
        QFETCH(int, kind);
        const QString error = errorOf(Kind(kind), validPrefix(Kind(kind)));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    // PyYAML keeps the last of two equal keys, yaml-cpp the first: refused, both lines named.
    void duplicateTopLevelKeyIsRefused_data() { addKinds(); }
    void duplicateTopLevelKeyIsRefused()
    {
        QFETCH(int, kind);
        const QByteArray text = validPrefix(Kind(kind)) + "# comment\n" + freeKey(Kind(kind)) + ": {}\n"
                                + freeKey(Kind(kind)) + ": {}\n";
        const int second = int(text.count('\n'));
        const QString error = errorOf(Kind(kind), text);
        QVERIFY2(error.startsWith(source + QStringLiteral(":%1:1: ").arg(second)), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("duplicate key \"%1\" (line %2 and line %3)")
                                    .arg(QString::fromLatin1(freeKey(Kind(kind))))
                                    .arg(second - 1)
                                    .arg(second)),
                 qPrintable(error));
        QVERIFY(!error.contains(u'\n'));
    }

    void duplicateNestedKeyIsRefused_data() { addKinds(); }
    void duplicateNestedKeyIsRefused()
    {
        QFETCH(int, kind);
        const QByteArray text = validPrefix(Kind(kind)) + freeKey(Kind(kind)) + ":\n  a: x\n  b: y\n  a: z\n";
        const int last = int(text.count('\n'));
        const QString error = errorOf(Kind(kind), text);
        QVERIFY2(error.startsWith(source + QStringLiteral(":%1:3: ").arg(last)), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("duplicate key \"a\" (line %1 and line %2)").arg(last - 2).arg(last)), qPrintable(error));
    }

    void aliasBombIsRefusedFast_data() { addKinds(); }
    void aliasBombIsRefusedFast()
    {
        QFETCH(int, kind);
        const long rssBefore = peakRssKb();
        QElapsedTimer timer;
        timer.start();
        const QString error = errorOf(Kind(kind), validPrefix(Kind(kind)) + aliasBomb(freeKey(Kind(kind))));
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY2(peakRssKb() - rssBefore < 64 * 1024, "the refusal must not expand the aliases");
        QVERIFY2(error.contains(QStringLiteral("aliases expand to more than 100,000 nodes")), qPrintable(error));
        QVERIFY2(error.startsWith(source + u':'), qPrintable(error));
    }

    // A few aliases are fine (feature_store.yaml files share settings this way).
    void smallAliasesAreAccepted_data() { addKinds(); }
    void smallAliasesAreAccepted()
    {
        QFETCH(int, kind);
        const QByteArray text = validPrefix(Kind(kind)) + freeKey(Kind(kind)) + ":\n  a: &shared {x: '1', y: '2'}\n  b: *shared\n";
        const QString error = errorOf(Kind(kind), text);
        QVERIFY2(!error.contains(u"alias") && !error.contains(u"duplicate"), qPrintable(error));
    }

    void deepNestingIsRefused_data() { addKinds(); }
    void deepNestingIsRefused()
    {
        QFETCH(int, kind);
        for (const int depth : {100, 100'000}) {
            const QByteArray text = validPrefix(Kind(kind)) + freeKey(Kind(kind)) + ": " + QByteArray(depth, '[')
                                    + QByteArray(depth, ']') + '\n';
            const QString error = errorOf(Kind(kind), text);
            QVERIFY2(error.contains(QStringLiteral("nested deeper than")), qPrintable(error));
            QVERIFY2(error.startsWith(source + u':'), qPrintable(error));
        }
    }

    void oversizeIsRefused_data() { addKinds(); }
    void oversizeIsRefused()
    {
        QFETCH(int, kind);
        const YamlLimits limits = Kind(kind) == Kind::CrImport ? manifestYamlLimits : configYamlLimits;
        QByteArray text = validPrefix(Kind(kind)) + "# ";
        text += QByteArray(limits.maxBytes + 1 - text.size(), 'x');
        const QString error = errorOf(Kind(kind), text);
        QCOMPARE(error, source + QStringLiteral(": larger than %1 MiB, the limit for this kind of YAML input")
                                     .arg(limits.maxBytes / (1024 * 1024)));
    }

    // A file is read no further than the limit: a device never ends.
    void endlessFileIsRefused()
    {
        const QString zero = QStringLiteral("/dev/zero");
        QVERIFY(loadWorkspace(zero).error.contains(u"larger than 8 MiB"));
        QVERIFY(readFeatureStoreYaml(zero).error.contains(u"larger than 8 MiB"));
        QVERIFY(readPermissionFile(zero).error.contains(u"larger than 8 MiB"));
        QVERIFY(readManifests(zero).error.contains(u"larger than 32 MiB"));
    }

    // Merge keys: PyYAML and Kubernetes merge, yaml-cpp reads a key "<<".
    void mergeKeysAreRefused_data() { addKinds(); }
    void mergeKeysAreRefused()
    {
        QFETCH(int, kind);
        const QByteArray text = validPrefix(Kind(kind)) + "base: &base {a: '1'}\n" + freeKey(Kind(kind)) + ":\n  <<: *base\n";
        QVERIFY2(errorOf(Kind(kind), text).contains(QStringLiteral("merge keys (\"<<\") are not supported")),
                 qPrintable(errorOf(Kind(kind), text)));
    }

    // A misspelt key is named with the key it was probably meant to be.
    void misspeltKeysAreNamed_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("error");
        QTest::newRow("feature_store.yaml registry") << int(Kind::FeatureStore) << QByteArray("project: p\nregisty: data/registry.db\n")
                                                     << "no \"registry\" setting; unknown key \"registy\" (did you mean \"registry\"?)";
        QTest::newRow("workspace top level") << int(Kind::Workspace) << QByteArray("name: w\nconections:\n  - {name: a, url: 'grpc://h:1'}\n")
                                             << "unknown key \"conections\" (did you mean \"connections\"?)";
        QTest::newRow("workspace connection") << int(Kind::Workspace) << QByteArray("connections:\n  - {name: a, url: 'grpc://h:1', colour: red}\n")
                                              << "connection 1: unknown key \"colour\" (did you mean \"color\"?)";
        QTest::newRow("permission field") << int(Kind::Permissions) << QByteArray("name: a\nacitons: [READ]\npolicy: {roles: [r]}\n")
                                          << "unknown field \"acitons\" (did you mean \"actions\"?)";
        QTest::newRow("permission policy") << int(Kind::Permissions) << QByteArray("name: a\npolicy: {role: [r]}\n")
                                           << "policy: unknown field \"role\" (did you mean \"roles\"?)";
        QTest::newRow("CR metadata") << int(Kind::CrImport)
                                     << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: feast.dev/v1\n"
                                                   "kind: FeatureStore\nmetadata: {name: b, lables: {team: a}}\n")
                                     << "document 2 (from line 4): metadata: unknown field \"lables\" (did you mean \"labels\"?), which kubectl refuses";
    }
    void misspeltKeysAreNamed()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, yaml);
        QFETCH(QString, error);
        const QString actual = errorOf(Kind(kind), yaml);
        QVERIFY2(actual.startsWith(source), qPrintable(actual));
        QVERIFY2(actual.contains(error), qPrintable(actual));
    }

    void sizeLimitIsInclusive()
    {
        const YamlLimits tiny{10, 100, 4};
        QVERIFY(!loadYamlDocuments("a: 123456\n", QStringLiteral("t"), tiny).error);
        QVERIFY(loadYamlDocuments("a: 1234567\n", QStringLiteral("t"), tiny).error);
    }

    void loaderRefusals_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("error");
        QTest::newRow("cycle") << QByteArray("a: &a [1, *a]\n") << "input:1:11: alias \"*a\" is inside the node it names (a cycle)";
        QTest::newRow("collection key") << QByteArray("? [a]\n: 1\n") << "input:1:3: a mapping key must be a scalar, not a collection";
        QTest::newRow("alias key repeats") << QByteArray("&k a: 1\n*k : 2\n") << "input:2:1: duplicate key \"a\" (line 1 and line 2)";
        QTest::newRow("quoted repeats plain") << QByteArray("a: 1\n'a': 2\n") << "input:2:1: duplicate key \"a\"";
        QTest::newRow("null keys") << QByteArray("~: 1\nnull: 2\n") << "input:2:1: duplicate key null";
        QTest::newRow("stray comma") << QByteArray(",\n") << "input:1:1: invalid YAML: unexpected character";
        QTest::newRow("syntax") << QByteArray("a: [\n") << "input:2:1: invalid YAML: end of sequence flow not found";
        QTest::newRow("escape in message") << QByteArray("a: \"\\\r\"\n") << "input:1:7: invalid YAML: unknown escape character: \\r";
        QTest::newRow("second document") << QByteArray("a: 1\n---\nb: 2\n") << "input:2:1: a second YAML document starts here";
    }
    void loaderRefusals()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, error);
        const YamlDocument loaded = loadYamlDocument(yaml, QStringLiteral("input"), configYamlLimits);
        QVERIFY(loaded.error);
        QVERIFY2(loaded.error->toString().contains(error), qPrintable(loaded.error->toString()));
        QVERIFY(!loaded.error->toString().contains(u'\n'));
    }

    // The documents are yaml-cpp's own: tags, styles, and one node behind an alias.
    void documentsAreWhatYamlCppBuilds()
    {
        const QByteArray text = "a: &x {k: !!str 1, q: \"yes\", l: [1, 2]}\nb: *x\n? c\n: ~\n---\n- plain\n- 'quoted'\n---\n";
        const YamlDocuments loaded = loadYamlDocuments(text, QStringLiteral("input"), configYamlLimits);
        QVERIFY(!loaded.error);
        const std::vector<YAML::Node> reference = YAML::LoadAll(text.toStdString());
        QCOMPARE(loaded.documents.size(), reference.size());
        for (size_t i = 0; i < reference.size(); ++i)
            QCOMPARE(YAML::Dump(loaded.documents[i]), YAML::Dump(reference[i]));
        QCOMPARE(loaded.documentLines, (QList<int>{1, 5, 8}));
        const YAML::Node &doc = loaded.documents.front();
        QVERIFY(doc["a"].is(doc["b"]));
        QVERIFY(doc["a"]["q"].Tag() == "!");
        QVERIFY(doc["a"]["l"].Style() == YAML::EmitterStyle::Flow);
    }

    void unknownKeysSuggestTheNearest()
    {
        const QStringList known = {QStringLiteral("name"), QStringLiteral("connections"), QStringLiteral("promql")};
        QCOMPARE(unknownKeyMessage(QStringLiteral("conections"), known), QStringLiteral("unknown key \"conections\" (did you mean \"connections\"?)"));
        QCOMPARE(unknownKeyMessage(QStringLiteral("Name"), known), QStringLiteral("unknown key \"Name\" (did you mean \"name\"?)"));
        QCOMPARE(unknownKeyMessage(QStringLiteral("zz"), known), QStringLiteral("unknown key \"zz\" (expected one of name, connections, promql)"));
        QCOMPARE(quotedForMessage(QString(100, u'x')).size(), 82);
        QCOMPARE(quotedForMessage(QStringLiteral("a\nb")), QStringLiteral("\"a\\nb\""));
    }
};

QTEST_GUILESS_MAIN(TestYamlInputs)
#include "tst_yamlinputs.moc"
