#include "registry/featurestoreyaml.h"

#include <QTest>

using namespace feastconsole;

class TestFeatureStoreYaml : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void localFileRegistry()
    {
        const auto r = parseFeatureStoreYaml("project: fraud\nregistry: data/registry.db\nprovider: local\n"
                                             "online_store:\n  type: redis\n  connection_string: localhost:6379\n",
                                             QStringLiteral("/repo/feature_store.yaml"));
        QVERIFY2(r.config, qPrintable(r.error));
        QCOMPARE(r.config->registry.kind, Endpoint::Kind::RegistryFile);
        QCOMPARE(r.config->registry.path, u"/repo/data/registry.db");
        QCOMPARE(r.config->settings.project, u"fraud");
        QCOMPARE(r.config->settings.onlineStore.value(QStringLiteral("type")).toString(), u"redis");
    }
    void mappingFormAndFeatureServer()
    {
        const auto r = parseFeatureStoreYaml("project: p\nregistry:\n  registry_type: file\n  path: /abs/reg.db\n"
                                             "  cache_ttl_seconds: 60\nonline_store: sqlite\n"
                                             "feature_server:\n  metrics:\n    enabled: true\n",
                                             QStringLiteral("/repo/feature_store.yaml"));
        QVERIFY2(r.config, qPrintable(r.error));
        QCOMPARE(r.config->registry.path, u"/abs/reg.db");
        QCOMPARE(r.config->settings.onlineStore.value(QStringLiteral("type")).toString(), u"sqlite");
        QVERIFY(r.config->settings.featureServer.contains(QStringLiteral("metrics")));
    }
    void remoteRegistry()
    {
        const auto r = parseFeatureStoreYaml("project: p\nregistry:\n  registry_type: remote\n  path: registry.svc:6570\n",
                                             QStringLiteral("/repo/feature_store.yaml"));
        QVERIFY2(r.config, qPrintable(r.error));
        QCOMPARE(r.config->registry.kind, Endpoint::Kind::Grpc);
        QCOMPARE(r.config->registry.hostPort, u"registry.svc:6570");
    }
    void remoteTlsRegistry()
    {
        const auto r = parseFeatureStoreYaml("project: p\nregistry:\n  registry_type: remote\n  path: reg:443\n"
                                             "  cert: certs/ca.crt\n  client_cert: c.pem\n  client_key: k.pem\n",
                                             QStringLiteral("/repo/feature_store.yaml"));
        QVERIFY2(r.config, qPrintable(r.error));
        QCOMPARE(r.config->registry.kind, Endpoint::Kind::GrpcTls);
        QCOMPARE(r.config->tls.caFile, u"/repo/certs/ca.crt");
        QCOMPARE(r.config->tls.keyFile, u"/repo/k.pem");
    }
    void sqlRegistry()
    {
        const auto r = parseFeatureStoreYaml("project: p\nregistry:\n  registry_type: sql\n"
                                             "  path: postgresql+psycopg://feast:pw@db:5432/registry\n",
                                             QStringLiteral("/repo/feature_store.yaml"));
        QVERIFY2(r.config, qPrintable(r.error));
        QCOMPARE(r.config->registry.kind, Endpoint::Kind::SqlRegistry);
        QCOMPARE(r.config->registry.sql->host, u"db");
        QCOMPARE(r.config->registry.sql->password, u"pw"); // the user's own file may hold it, as Feast reads it
        const auto sqlite = parseFeatureStoreYaml("project: p\nregistry:\n  registry_type: sql\n  path: sqlite:///data/registry.db\n",
                                                  QStringLiteral("/repo/feature_store.yaml"));
        QVERIFY2(sqlite.config, qPrintable(sqlite.error));
        QCOMPARE(sqlite.config->registry.sql->database, u"/repo/data/registry.db"); // where `feast` runs: the repo
    }
    // Feast expands environment variables in the text first (os.path.expandvars).
    void environmentVariablesAreExpandedAsFeastDoes()
    {
        qputenv("FEAST_CONSOLE_TEST_DIR", "env dir");
        qputenv("FEAST_CONSOLE_TEST_EMPTY", "");
        qunsetenv("FEAST_CONSOLE_TEST_UNSET");
        const auto r = parseFeatureStoreYaml("project: p\nregistry: '${FEAST_CONSOLE_TEST_DIR}/$FEAST_CONSOLE_TEST_DIR.x"
                                             "/$FEAST_CONSOLE_TEST_UNSET/${FEAST_CONSOLE_TEST_EMPTY}$/${}/${open'\n",
                                             QStringLiteral("/repo/feature_store.yaml"));
        QVERIFY2(r.config, qPrintable(r.error));
        QCOMPARE(r.config->registry.path, u"/repo/env dir/env dir.x/$FEAST_CONSOLE_TEST_UNSET/$/${}/${open");
    }

    // Feast joins a relative path to the repo folder; ":/x" is no Qt resource.
    void relativePathsJoinTheRepo()
    {
        const auto r = parseFeatureStoreYaml("project: p\nregistry: ':/data/registry.db'\n", QStringLiteral("/repo/feature_store.yaml"));
        QVERIFY2(r.config, qPrintable(r.error));
        QCOMPARE(r.config->registry.path, u"/repo/:/data/registry.db");
    }

    void errorsNameTheCause_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("error");
        QTest::newRow("missing registry") << QByteArray("project: p\nprovider: local\n") << "no \"registry\"";
        QTest::newRow("unknown type") << QByteArray("project: p\nregistry:\n  registry_type: etcd\n  path: x\n") << "unknown registry type \"etcd\"";
        QTest::newRow("sql without database") << QByteArray("project: p\nregistry:\n  registry_type: sql\n  path: postgresql://x\n") << "SQL registry: \"postgresql://x\" names no database";
        QTest::newRow("sql in memory") << QByteArray("project: p\nregistry:\n  registry_type: sql\n  path: sqlite://\n") << "in-memory";
        QTest::newRow("snowflake") << QByteArray("project: p\nregistry:\n  registry_type: snowflake.registry\n  path: x\n") << "serve_registry";
        QTest::newRow("s3") << QByteArray("project: p\nregistry: s3://bucket/registry.db\n") << "object storage";
        QTest::newRow("remote without port") << QByteArray("registry:\n  registry_type: remote\n  path: host\n") << "host:port";
        // gRPC would read 99999 modulo 65536 and connect to another port.
        QTest::newRow("remote port 99999") << QByteArray("registry:\n  registry_type: remote\n  path: host:99999\n")
                                           << "remote registry path \"host:99999\": port must be a whole number between 1 and 65535, got '99999'";
        QTest::newRow("remote port 0") << QByteArray("registry:\n  registry_type: remote\n  path: grpc://host:0\n") << "got '0'";
        QTest::newRow("empty path") << QByteArray("registry:\n  registry_type: file\n") << "no \"path\"";
        QTest::newRow("not a mapping") << QByteArray("- a\n- b\n") << "expected a mapping";
        QTest::newRow("broken yaml") << QByteArray("registry: [\n") << "invalid YAML";
        // Feast (PyYAML) reads the last "registry", yaml-cpp the first: refused (issue 18).
        QTest::newRow("duplicate registry") << QByteArray("project: p\nregistry: a.db\nregistry: b.db\n")
                                            << "/repo/feature_store.yaml:3:1: duplicate key \"registry\" (line 2 and line 3)";
        QTest::newRow("duplicate nested") << QByteArray("registry:\n  registry_type: remote\n  path: a:1\n  path: b:1\n")
                                          << ":4:3: duplicate key \"path\" (line 3 and line 4)";
        QTest::newRow("two documents") << QByteArray("project: p\nregistry: a.db\n---\nregistry: b.db\n")
                                       << ":3:1: a second YAML document starts here";
        QTest::newRow("misspelt registry") << QByteArray("project: p\nregistery: a.db\n")
                                           << "unknown key \"registery\" (did you mean \"registry\"?)";
    }
    void errorsNameTheCause()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, error);
        const auto r = parseFeatureStoreYaml(yaml, QStringLiteral("/repo/feature_store.yaml"));
        QVERIFY(!r.config);
        QVERIFY2(r.error.contains(error), qPrintable(r.error));
        QVERIFY2(r.error.startsWith(u"/repo/feature_store.yaml"), qPrintable(r.error));
    }
};

QTEST_GUILESS_MAIN(TestFeatureStoreYaml)
#include "tst_featurestoreyaml.moc"
