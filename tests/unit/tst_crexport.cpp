// The CR export engine: quoting, Kubernetes names, the CRD validator and its
// CEL rules, the topologies, import round trips and the line diff.
#include "crexport/celrules.h"
#include "crexport/crbuilder.h"
#include "crexport/crdschema.h"
#include "crexport/crimport.h"
#include "crexport/crvalidation.h"
#include "crexport/exportsession.h"
#include "crexport/k8snames.h"
#include "crexport/linediff.h"
#include "crexport/yamlscalar.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace feastconsole;

class TestCrExport : public QObject
{
    Q_OBJECT

    CrdSchemaPtr crd;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        crd = CrdSchema::fromFile(QStringLiteral(FEAST_CONSOLE_CRD_SCHEMA), &error);
        QVERIFY2(crd, qPrintable(error));
        QCOMPARE(crd->apiVersion(), QStringLiteral("feast.dev/v1"));
        QCOMPARE(crd->kind(), QStringLiteral("FeatureStore"));
    }

    void quoting_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("quoted");
        for (const char *s : {"yes", "no", "on", "off", "y", "n", "Y", "N", "true", "False", "null", "~", "", "0755",
                              "0x1f", "12", "-3", "1e3", "1.5", ".inf", ".nan", "2024-01-01", "1:20", " lead", "trail ",
                              "a: b", "x #y", "#c", "-dash", "*star", "&a", "!t", "%p", "@a", "`b", "{x", "[y", "colon:", "<<", "...", "... more"})
            QTest::newRow(s[0] ? s : "empty") << QString::fromUtf8(s) << true;
        for (const char *s : {"redis", "feast-system", "500m", "1Gi", "v1", "feast.dev/v1", "a:b", "yess", "onion", "/data/x",
                              "registry.db", "0 * * * *", "s3://bucket/x"})
            QTest::newRow(s) << QString::fromUtf8(s) << false;
    }

    void quoting()
    {
        QFETCH(QString, text);
        QFETCH(bool, quoted);
        QCOMPARE(needsQuoting(text.toStdString()), quoted);
        // Whatever the text, a string emitted and read back is the same string.
        YAML::Node map = yamlMap();
        map["k"] = yamlString(text);
        const YAML::Node back = YAML::Load(emitYaml(map).toStdString());
        QCOMPARE(jsonTypeOf(back["k"]), JsonType::String);
        QCOMPARE(qstr(back["k"]), text);
    }

    void typedScalarsStayPlain()
    {
        YAML::Node map = yamlMap();
        map["i"] = yamlInt(42);
        map["b"] = yamlBool(true);
        map["s"] = yamlString("42");
        map["multi"] = yamlString("type: ray.engine\nray_address: auto\n");
        const QByteArray text = emitYaml(map);
        QVERIFY(text.contains("i: 42\n"));
        QVERIFY(text.contains("b: true\n"));
        QVERIFY(text.contains("s: \"42\"\n"));
        QVERIFY(text.contains("multi: |"));
        const YAML::Node back = YAML::Load(text.toStdString());
        QCOMPARE(jsonTypeOf(back["i"]), JsonType::Integer);
        QCOMPARE(jsonTypeOf(back["b"]), JsonType::Bool);
        QCOMPARE(qstr(back["multi"]), QStringLiteral("type: ray.engine\nray_address: auto\n"));
    }

    void names_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("simple") << QStringLiteral("team-a") << true;
        QTest::newRow("digits") << QStringLiteral("0team") << true;
        QTest::newRow("43 chars") << QString(43, u'a') << true;
        QTest::newRow("44 chars: registry-rest service too long") << QString(44, u'a') << false;
        QTest::newRow("upper") << QStringLiteral("Team") << false;
        QTest::newRow("dot") << QStringLiteral("team.a") << false;
        QTest::newRow("underscore") << QStringLiteral("team_a") << false;
        QTest::newRow("trailing dash") << QStringLiteral("team-") << false;
        QTest::newRow("empty") << QString() << false;
    }

    void names()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(checkFeatureStoreName(name).isEmpty(), valid);
        QCOMPARE(maxFeatureStoreNameLength(), 43);
        QVERIFY(isDns1123Subdomain(u"a.b-c"));
        QVERIFY(!isDns1035Label(u"0a"));
    }

    void everyTopologyValidates_data()
    {
        QTest::addColumn<int>("topology");
        QTest::addColumn<int>("auth");
        for (const QString &id : topologyIds()) {
            for (int a = 0; a < 3; ++a)
                QTest::newRow(qPrintable(id + u'/' + authId(AuthMode(a)))) << int(*topologyFromId(id)) << a;
        }
    }

    void everyTopologyValidates()
    {
        QFETCH(int, topology);
        QFETCH(int, auth);
        ExportOptions o;
        o.topology = Topology(topology);
        o.auth = AuthMode(auth);
        o.tenants = {{QStringLiteral("team-a"), {}, {}, {}, 10}, {QStringLiteral("team-b"), {}, {}, {}, 0}};
        QStringList problems;
        const ExportBundle bundle = buildExportBundle(resolveOptions(o, &problems));
        QVERIFY(problems.isEmpty());
        QVERIFY(!bundle.featureStores().isEmpty());
        for (const DocumentReport &r : validateBundle(bundle, *crd)) {
            QVERIFY2(r.report.ok(), qPrintable(r.document + u": " + r.report.errors.value(0).toString()));
            QVERIFY(r.report.uncheckedRules.isEmpty());
        }
        for (const Manifest *m : bundle.featureStores()) {
            if (AuthMode(auth) == AuthMode::None)
                QCOMPARE(qstr(m->node["spec"]["authz"]["noAuth"]), QStringLiteral("true"));
        }
    }

    void errorsNamePaths()
    {
        const YAML::Node cr = YAML::Load(R"(apiVersion: feast.dev/v1
kind: FeatureStore
metadata: {name: x}
spec:
  feastProject: p
  replicas: "two"
  services:
    onlineStore:
      persistence: {store: {type: nope, secretRef: {name: s}}, bogus: 1}
)");
        const ValidationReport report = validateFeatureStore(cr, *crd);
        QStringList lines;
        for (const ValidationIssue &i : report.errors)
            lines.append(i.toString());
        const QString all = lines.join(u'\n');
        QVERIFY2(all.contains(u"spec.replicas: must be an integer 'integer', not string") || all.contains(u"spec.replicas: must be an integer"), qPrintable(all));
        QVERIFY2(all.contains(u"spec.services.onlineStore.persistence.store.type: must be one of"), qPrintable(all));
        QVERIFY2(all.contains(u"spec.services.onlineStore.persistence.bogus: unknown field"), qPrintable(all));
    }

    void everyCelRuleOfTheSpecIsImplemented()
    {
        QStringList missing;
        std::function<void(const YAML::Node &)> walk = [&](const YAML::Node &schema) {
            if (!schema.IsMap())
                return;
            for (const YAML::Node &rule : child(schema, "x-kubernetes-validations")) {
                const std::string text = qstr(child(rule, "rule")).toStdString();
                if (evaluateCelRule(text, yamlMap()) == CelOutcome::NotImplemented)
                    missing.append(QString::fromStdString(text));
            }
            for (const auto &kv : child(schema, "properties"))
                walk(kv.second);
            walk(child(schema, "items"));
            walk(child(schema, "additionalProperties"));
        };
        walk(child(child(crd->schema(), "properties"), "spec"));
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u'\n')));
    }

    void importRoundTripKeepsUnknownFields()
    {
        const QByteArray text = R"(apiVersion: feast.dev/v1
kind: FeatureStore
metadata:
  name: sample
  labels: {team: "on"}
spec:
  feastProject: sample
  futureField: {keep: me}
  services:
    podAnnotations: {a: "yes"}
)";
        const ImportedManifests imported = parseManifests(text, QStringLiteral("test"));
        QVERIFY(imported.error.isEmpty());
        const YAML::Node edited = applyEdits(imported.documents.front(), CrEdits{{}, QStringLiteral("ml"), {}, {}, {}});
        const YAML::Node back = YAML::Load(emitYaml(edited).toStdString());
        QCOMPARE(qstr(back["spec"]["futureField"]["keep"]), QStringLiteral("me"));
        QCOMPARE(jsonTypeOf(back["metadata"]["labels"]["team"]), JsonType::String);
        QCOMPARE(jsonTypeOf(back["spec"]["services"]["podAnnotations"]["a"]), JsonType::String);
        QCOMPARE(qstr(back["metadata"]["namespace"]), QStringLiteral("ml"));
        // The original is untouched.
        QVERIFY(!imported.documents.front()["metadata"]["namespace"].IsDefined());
        // futureField is unknown to the CRD: validation says so, with its path.
        const ValidationReport report = validateFeatureStore(edited, *crd);
        QCOMPARE(report.errors.size(), 1);
        QCOMPARE(report.errors.first().path, QStringLiteral("spec.futureField"));
    }

    void malformedInputDoesNotCrash_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::newRow("scalar") << QByteArray("just text");
        QTest::newRow("list") << QByteArray("- a\n- b\n");
        QTest::newRow("metadata scalar") << QByteArray("apiVersion: feast.dev/v1\nkind: FeatureStore\nmetadata: x\nspec: 1\n");
        QTest::newRow("spec list") << QByteArray("apiVersion: feast.dev/v1\nkind: FeatureStore\nmetadata: {name: a}\nspec: [1]\n");
        QTest::newRow("wrong kind") << QByteArray("apiVersion: v1\nkind: 7\nmetadata: {name: a}\n");
        // Found by fuzz_crimport: a subscript of a scalar threw out of applyEdits.
        QTest::newRow("resources scalar") << QByteArray("apiVersion: feast.dev/v1\nkind: FeatureStore\nmetadata: {name: a}\n"
                                                        "spec: {feastProject: p, services: {onlineStore: {server: {resources: x}}}}\n");
        QTest::newRow("requests scalar") << QByteArray("apiVersion: feast.dev/v1\nkind: FeatureStore\nmetadata: {name: a}\n"
                                                       "spec: {feastProject: p, services: {onlineStore: {server: {resources: {requests: 1, limits: [2]}}}}}\n");
        QTest::newRow("deep wrong types") << QByteArray("apiVersion: feast.dev/v1\nkind: FeatureStore\nmetadata: {name: a}\n"
                                                         "spec: {feastProject: p, services: {registry: {local: 3}, onlineStore: [x]}}\n");
    }

    void malformedInputDoesNotCrash()
    {
        QFETCH(QByteArray, yaml);
        const ImportedManifests imported = parseManifests(yaml, QStringLiteral("t"));
        QVERIFY(imported.error.isEmpty());
        const auto reports = validateDocuments(imported.documents, *crd);
        QVERIFY(!allValid(reports));
        applyEdits(imported.documents.front(), CrEdits{QStringLiteral("n"), QStringLiteral("ns"), QStringLiteral("p"), AuthMode::None, TrafficTier::High});
        editsOf(imported.documents.front());
    }

    // kubectl decodes strictly: an import must not hand it a key twice or a
    // metadata field ObjectMeta does not have (issue 18).
    void importRefusesWhatKubectlRefuses_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("error");
        QTest::newRow("duplicate spec key") << QByteArray("apiVersion: feast.dev/v1\nkind: FeatureStore\nmetadata: {name: a}\n"
                                                          "spec:\n  feastProject: a\n  feastProject: b\n")
                                            << "t:6:3: duplicate key \"feastProject\" (line 5 and line 6)";
        QTest::newRow("unknown metadata field") << QByteArray("apiVersion: feast.dev/v1\nkind: FeatureStore\nmetadata: {name: a, tenant: x}\n")
                                                << "t: document 1 (from line 1): metadata: unknown field \"tenant\"";
        QTest::newRow("misspelt metadata field") << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespce: ml}\n")
                                                 << "unknown field \"namespce\" (did you mean \"namespace\"?), which kubectl refuses";
    }
    void importRefusesWhatKubectlRefuses()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, error);
        const ImportedManifests imported = parseManifests(yaml, QStringLiteral("t"));
        QVERIFY(imported.documents.empty());
        QVERIFY2(imported.error.contains(error), qPrintable(imported.error));
    }

    // Multi-line strings come back exactly: a literal block only where `|`
    // keeps the text, double quotes elsewhere (found by fuzz_crimport).
    void reEmittedStringsKeepTheirText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("no final line break") << QStringLiteral("a\nb");
        QTest::newRow("one final line break") << QStringLiteral("a\nb\n");
        QTest::newRow("two final line breaks") << QStringLiteral("a\n\n");
        QTest::newRow("leading blank") << QStringLiteral(" a\nb\n");
        QTest::newRow("carriage return") << QStringLiteral("a\r\nb\n");
        QTest::newRow("only a line break") << QStringLiteral("\n");
        QTest::newRow("longer than a simple key may be") << QString(1100, u'k');
        QTest::newRow("escapes past 1024 characters") << QString(300, QChar(1));
    }
    void reEmittedStringsKeepTheirText()
    {
        QFETCH(QString, text);
        YAML::Node cr = yamlMap();
        cr["apiVersion"] = yamlString(QStringLiteral("v1"));
        cr["metadata"]["name"] = yamlString(QStringLiteral("a"));
        cr["metadata"]["annotations"]["note"] = yamlString(text);
        cr["metadata"]["annotations"][text.toStdString()] = yamlString(QStringLiteral("as a key"));
        cr["kind"] = yamlString(QStringLiteral("ConfigMap"));
        const ImportedManifests back = parseManifests(emitYaml(cr), QStringLiteral("t"));
        QVERIFY2(back.error.isEmpty(), qPrintable(back.error + u'\n' + QString::fromUtf8(emitYaml(cr))));
        const YAML::Node annotations = back.documents.front()["metadata"]["annotations"];
        QCOMPARE(qstr(annotations["note"]), text);
        QCOMPARE(qstr(annotations[text.toStdString()]), QStringLiteral("as a key"));
    }

    // A tagged multi-line string, in a sequence or as a key, reads back: yaml-cpp
    // refuses a tagged literal block there (found by fuzz_crimport).
    void taggedMultiLineStringsReadBack()
    {
        YAML::Node tagged(std::string("s  #  \n"));
        tagged.SetTag("!x");
        YAML::Node list(YAML::NodeType::Sequence);
        list.push_back(tagged);
        YAML::Node cr = yamlMap();
        cr["apiVersion"] = yamlString(QStringLiteral("v1"));
        cr["kind"] = yamlString(QStringLiteral("ConfigMap"));
        cr["metadata"]["name"] = yamlString(QStringLiteral("a"));
        cr["data"]["list"] = list;
        cr["data"][tagged] = yamlString(QStringLiteral("as a key"));
        const QByteArray text = emitYaml(cr);
        const ImportedManifests back = parseManifests(text, QStringLiteral("t"));
        QVERIFY2(back.error.isEmpty(), qPrintable(back.error + u'\n' + QString::fromUtf8(text)));
        const YAML::Node item = back.documents.front()["data"]["list"][0];
        QCOMPARE(item.Tag(), std::string("!x"));
        QCOMPARE(item.Scalar(), std::string("s  #  \n"));
    }

    // What `kubectl get -o yaml` prints is ObjectMeta through and through.
    void importKeepsEveryObjectMetaField()
    {
        const QByteArray yaml = R"(apiVersion: feast.dev/v1
kind: FeatureStore
metadata:
  annotations: {a: b}
  creationTimestamp: "2026-11-30T10:00:00Z"
  deletionGracePeriodSeconds: 30
  deletionTimestamp: "2026-12-01T10:00:00Z"
  finalizers: [feast.dev/finalizer]
  generateName: sample-
  generation: 2
  labels: {app: feast}
  managedFields: []
  name: sample
  namespace: ml
  ownerReferences: []
  resourceVersion: "12345"
  selfLink: /apis/feast.dev/v1/namespaces/ml/featurestores/sample
  uid: 6f1c1c1e-0000-4000-8000-000000000000
spec: {feastProject: sample}
)";
        const ImportedManifests imported = parseManifests(yaml, QStringLiteral("t"));
        QVERIFY2(imported.error.isEmpty(), qPrintable(imported.error));
        QCOMPARE(imported.documents.front()["metadata"].size(), std::size_t(15));
        // The re-emitted text imports again: unique keys, known fields.
        const YAML::Node edited = applyEdits(imported.documents.front(), CrEdits{QStringLiteral("n"), QStringLiteral("ns"), {}, {}, {}});
        const ImportedManifests again = parseManifests(emitYaml(edited), QStringLiteral("again"));
        QVERIFY2(again.error.isEmpty(), qPrintable(again.error));
    }

    // The one export every front end makes: option problems come first and
    // make it invalid; a written export carries the runbook; imported
    // manifests get the edits only where they are FeatureStores.
    void exportSessionFromOptions()
    {
        ExportOptions o;
        o.topology = Topology::Standard;
        o.tenants.append({QStringLiteral("team-a"), {}, {}, {}, 0});
        const CrExport good = CrExport::fromOptions(o, crd);
        QVERIFY(good.optionProblems().isEmpty());
        QVERIFY2(good.isValid(), qPrintable(good.reports().isEmpty() ? QString() : good.reports().first().document));
        QCOMPARE(good.errorCount(), 0);
        QVERIFY(!good.documents().empty());
        QVERIFY(good.yaml().contains("kind: FeatureStore"));
        QTemporaryDir dir;
        QStringList written;
        QCOMPARE(good.write(dir.path(), &written), QString());
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("README.md"))));
        QVERIFY(written.size() > 1);

        o.hybridOnline = {QStringLiteral("redis")};
        const CrExport bad = CrExport::fromOptions(o, crd);
        QCOMPARE(bad.optionProblems(), QStringList{QStringLiteral("--hybrid-online needs at least two store types")});
        QVERIFY(!bad.isValid());
        QCOMPARE(bad.reports().first().document, QStringLiteral("options"));

        const CrExport unchecked = CrExport::fromOptions(ExportOptions{}, nullptr);
        QVERIFY(!unchecked.hasCrd());
        QVERIFY(!unchecked.isValid()); // nothing validated is never called valid
    }

    void exportSessionFromImport()
    {
        const QByteArray text = R"(apiVersion: v1
kind: Namespace
metadata: {name: ml}
---
apiVersion: feast.dev/v1
kind: FeatureStore
metadata: {name: sample}
spec: {feastProject: sample}
)";
        const ImportedManifests imported = parseManifests(text, QStringLiteral("test"));
        QVERIFY(imported.error.isEmpty());
        QCOMPARE(featureStoreCount(imported.documents, crd), 1);
        CrEdits edits;
        edits.namespaceName = QStringLiteral("ml");
        const CrExport e = CrExport::fromImport(imported.documents, edits, crd);
        QVERIFY(e.isImported());
        QVERIFY(e.isValid());
        QCOMPARE(e.documents().size(), size_t(2));
        QVERIFY(!e.documents().at(0)["metadata"]["namespace"].IsDefined());
        QCOMPARE(qstr(e.documents().at(1)["metadata"]["namespace"]), QStringLiteral("ml"));
        QVERIFY(e.templates().isEmpty());
    }

    void invalidYamlIsAnError()
    {
        QVERIFY(!parseManifests("a: [unclosed", QStringLiteral("t")).error.isEmpty());
        QVERIFY(!parseManifests("", QStringLiteral("t")).error.isEmpty());
    }

    void lineDiff()
    {
        const QString diff = unifiedDiff(QStringLiteral("a\nb\nc"), QStringLiteral("a\nB\nc\nd"));
        QCOMPARE(diff, QStringLiteral("  a\n- b\n+ B\n  c\n+ d\n"));
    }
};

QTEST_GUILESS_MAIN(TestCrExport)
#include "tst_crexport.moc"
