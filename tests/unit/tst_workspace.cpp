#include "commalist.h"
#include "workspace/workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace feastconsole;

class TestWorkspace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesEveryField()
    {
        const QByteArray yaml = R"(
name: Platform
connections:
  - name: shared
    url: grpc://127.0.0.1:6570
    mode: shared
    tenant_tag: team
    token: {env: FEAST_TOKEN}
    read_only: true
    production: true
    registry_store: file
    color: "#aa0000"
    deadline_seconds: 5
  - name: alpha
    url: repos/alpha/feature_store.yaml
    mode: isolated
    tenant: team-alpha
    token: {file: secrets/alpha.token}
    tls: {ca: certs/ca.pem, server_name: registry.local}
    metrics_url: http://10.0.0.5:8000/metrics
    prometheus_url: http://prometheus:9090
    prometheus_selector: 'job="feast-alpha"'
    probe_url: http://10.0.0.5:6566
)";
        const WorkspaceResult result = parseWorkspace(yaml, QStringLiteral("/ws"));
        QVERIFY2(result.workspace, qPrintable(result.error));
        const Workspace &ws = *result.workspace;
        QCOMPARE(ws.name, u"Platform");
        QCOMPARE(ws.connections.size(), 2);
        const ConnectionSpec &shared = ws.connections[0];
        QCOMPARE(shared.mode, ConnectionMode::Shared);
        QCOMPARE(shared.tenantTag, u"team");
        QCOMPARE(shared.token.kind, TokenSource::Kind::Environment);
        QCOMPARE(shared.token.value, u"FEAST_TOKEN");
        QVERIFY(shared.readOnly);
        QVERIFY(shared.production);
        QCOMPARE(shared.registryStore, RegistryStore::File);
        QCOMPARE(shared.deadlineMs, 5000);
        const ConnectionSpec &alpha = ws.connections[1];
        QCOMPARE(alpha.url, u"/ws/repos/alpha/feature_store.yaml"); // relative to the file
        QCOMPARE(alpha.token.value, u"/ws/secrets/alpha.token");
        QCOMPARE(alpha.tls.caFile, u"/ws/certs/ca.pem");
        QCOMPARE(alpha.tls.serverName, u"registry.local");
        QCOMPARE(alpha.tenant, u"team-alpha");
        QCOMPARE(alpha.metricsUrl, u"http://10.0.0.5:8000/metrics");
        QCOMPARE(alpha.prometheusUrl, u"http://prometheus:9090");
        QCOMPARE(alpha.prometheusSelector, u"job=\"feast-alpha\"");
        QCOMPARE(alpha.probeUrl, u"http://10.0.0.5:6566");
        QVERIFY(shared.metricsUrl.isEmpty());
        QCOMPARE(alpha.registryStore, RegistryStore::Unknown);
    }

    // Rules written once (issue 11): comma lists as users type them, a connection's source tenant.
    void commaListsAndSourceTenants()
    {
        QCOMPARE(splitCommaList(u" reader, ,analyst,,  auditor "),
                 (QStringList{QStringLiteral("reader"), QStringLiteral("analyst"), QStringLiteral("auditor")}));
        QCOMPARE(splitCommaList(u" , "), QStringList());
        ConnectionSpec c;
        c.name = QStringLiteral("alpha-registry");
        QCOMPARE(sourceTenantOf(c), QStringLiteral("alpha-registry"));
        c.tenant = QStringLiteral("team-alpha");
        QCOMPARE(sourceTenantOf(c), QStringLiteral("team-alpha"));
    }

    // One validation for every front end (the dialog, the web console).
    void connectionProblemsAreNamed()
    {
        ConnectionSpec c;
        QCOMPARE(connectionProblem(c, {}), QStringLiteral("Give the connection a name."));
        c.name = QStringLiteral("alpha");
        QCOMPARE(connectionProblem(c, {QStringLiteral("alpha")}), QStringLiteral("Another connection is already named alpha."));
        c.url = QStringLiteral("grpc://127.0.0.1:6570");
        QCOMPARE(connectionProblem(c, {}), QString());
        c.tls.certFile = QStringLiteral("/etc/client.pem");
        QCOMPARE(connectionProblem(c, {}), QStringLiteral("Mutual TLS needs both a client certificate and its key."));
        c.tls = {};
        c.prometheusUser = QStringLiteral("sre");
        QCOMPARE(connectionProblem(c, {}), QStringLiteral("A Prometheus user needs a secret (its password)."));
        c.prometheusUser.clear();
        c.token = {TokenSource::Kind::File, QStringLiteral("/nonexistent/token")};
        QCOMPARE(connectionProblem(c, {}), QStringLiteral("Cannot read /nonexistent/token."));
    }

    // Before a permission write: a warning unless the server is known to keep SQL;
    // a local registry file is never written through, so it needs none.
    void concurrentWritersAreWarnedOfUnlessTheStoreIsSql()
    {
        ConnectionSpec c;
        c.name = QStringLiteral("prod");
        c.url = QStringLiteral("grpcs://registry:443");
        QVERIFY(concurrentWriteWarning(c).contains(u"cannot tell whether"));
        QVERIFY(concurrentWriteWarning(c).contains(u"registry_store: sql"));
        c.registryStore = RegistryStore::File;
        QVERIFY(concurrentWriteWarning(c).startsWith(u"prod serves a registry file"));
        c.registryStore = RegistryStore::Sql;
        QCOMPARE(concurrentWriteWarning(c), QString());
        c.registryStore = RegistryStore::Unknown;
        c.url = QStringLiteral("file:///srv/registry.db");
        QCOMPARE(concurrentWriteWarning(c), QString());
    }

    void roundTripsThroughAFile()
    {
        Workspace ws;
        ws.name = QStringLiteral("yes"); // a word YAML would re-type if unquoted
        ConnectionSpec c;
        c.name = QStringLiteral("on");
        c.url = QStringLiteral("grpcs://registry:443");
        c.mode = ConnectionMode::Shared;
        c.tenantTag = QStringLiteral("team");
        c.token = {TokenSource::Kind::File, QStringLiteral("/run/token")};
        c.tls.caFile = QStringLiteral("/etc/ca.pem");
        c.readOnly = true;
        c.registryStore = RegistryStore::Sql;
        c.metricsUrl = QStringLiteral("http://server:8000/metrics");
        c.prometheusSelector = QStringLiteral("instance=~\"a|b\"");
        c.probeUrl = QStringLiteral("http://server:6566");
        ws.connections.append(c);
        ConnectionSpec sql; // a SQL registry: its password is named, never written
        sql.name = QStringLiteral("pg");
        sql.url = QStringLiteral("postgresql://feast@db:5432/registry?sslmode=require");
        sql.password = {TokenSource::Kind::Environment, QStringLiteral("PG_PASSWORD")};
        sql.refreshSeconds = 2;
        ws.connections.append(sql);
        ws.scrapeIntervalS = 1;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ws.yaml"));
        QCOMPARE(saveWorkspace(ws, path), QString());
        const WorkspaceResult loaded = loadWorkspace(path);
        QVERIFY2(loaded.workspace, qPrintable(loaded.error));
        QCOMPARE(loaded.workspace->connections.first(), c);
        QCOMPARE(loaded.workspace->connections.at(1), sql);
        QCOMPARE(loaded.workspace->scrapeIntervalS, std::optional<int>(1));
    }

    void refusesSecretsAndMistakes_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("error");
        QTest::newRow("literal token") << QByteArray("connections:\n  - {name: a, url: 'grpc://h:1', token: {value: abc}}\n") << "never hold secrets";
        QTest::newRow("literal password") << QByteArray("connections:\n  - {name: a, url: 'postgresql://db/r', password: hunter2}\n") << "never hold secrets";
        QTest::newRow("password in the url") << QByteArray("connections:\n  - {name: a, url: 'postgresql://u:hunter2@db/r'}\n") << "password: {env: VAR}";
        QTest::newRow("duplicate") << QByteArray("connections:\n  - {name: a, url: 'grpc://h:1'}\n  - {name: a, url: 'grpc://h:2'}\n") << "two connections";
        QTest::newRow("bad url") << QByteArray("connections:\n  - {name: a, url: 'ftp://h:1'}\n") << "unsupported scheme";
        QTest::newRow("bad mode") << QByteArray("connections:\n  - {name: a, url: 'grpc://h:1', mode: both}\n") << "shared or isolated";
        QTest::newRow("unknown key") << QByteArray("connections:\n  - {name: a, url: 'grpc://h:1', colour: red}\n") << "unknown key";
        QTest::newRow("not yaml") << QByteArray("connections: [\n") << "invalid YAML";
        QTest::newRow("no url") << QByteArray("connections:\n  - {name: a}\n") << "needs both";
        // Misspelt keys are named, not read as "no connections" (issue 18).
        QTest::newRow("misspelt top-level key") << QByteArray("name: w\nconections:\n  - {name: a, url: 'grpc://h:1'}\n")
                                                << "workspace: unknown key \"conections\" (did you mean \"connections\"?)";
        QTest::newRow("misspelt tls key") << QByteArray("connections:\n  - {name: a, url: 'grpc://h:1', tls: {sever_name: x}}\n")
                                          << "connection \"a\": tls: unknown key \"sever_name\" (did you mean \"server_name\"?)";
        QTest::newRow("misspelt freshness key") << QByteArray("freshness: {ttl_factr: 2}\n") << "freshness: unknown key \"ttl_factr\"";
        QTest::newRow("duplicate key") << QByteArray("name: a\nconnections: []\nname: b\n")
                                       << "workspace:3:1: duplicate key \"name\" (line 1 and line 3)";
        QTest::newRow("duplicate nested key") << QByteArray("connections:\n  - name: a\n    url: 'grpc://h:1'\n    url: 'grpc://h:2'\n")
                                              << "workspace:4:5: duplicate key \"url\" (line 3 and line 4)";
        QTest::newRow("deadline not finite") << QByteArray("connections:\n  - {name: a, url: 'grpc://h:1', deadline_seconds: .inf}\n")
                                             << "deadline_seconds must be a number of seconds between 0.001 and 86400, got '.inf'";
        QTest::newRow("deadline huge") << QByteArray("connections:\n  - {name: a, url: 'grpc://h:1', deadline_seconds: 1e300}\n")
                                       << "deadline_seconds must be a number of seconds between 0.001 and 86400, got '1e300'";
        QTest::newRow("boolean") << QByteArray("connections:\n  - {name: a, url: 'grpc://h:1', read_only: maybe}\n")
                                 << "read_only: invalid boolean \"maybe\"";
        QTest::newRow("registry store") << QByteArray("connections:\n  - {name: a, url: 'grpc://h:1', registry_store: nfs}\n")
                                        << "connection \"a\": registry_store must be sql or file, not \"nfs\"";
        QTest::newRow("two documents") << QByteArray("connections: []\n---\nconnections: []\n") << "workspace:2:1: a second YAML document";
        QTest::newRow("scrape interval zero") << QByteArray("scrape_interval_s: 0\n") << "scrape_interval_s";
        QTest::newRow("scrape interval fraction") << QByteArray("scrape_interval_s: 1.5\n") << "scrape_interval_s";
        QTest::newRow("scrape interval huge") << QByteArray("scrape_interval_s: 86400\n") << "scrape_interval_s";
    }
    void errorsNameTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ws.yaml"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("name: w\nconnections: []\nconnections: []\n");
        file.close();
        QCOMPARE(loadWorkspace(path).error,
                 QStringLiteral("workspace %1:3:1: duplicate key \"connections\" (line 2 and line 3): YAML readers disagree on which one counts").arg(path));
    }

    void refusesSecretsAndMistakes()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, error);
        const WorkspaceResult result = parseWorkspace(yaml, QString());
        QVERIFY(!result.workspace);
        QVERIFY2(result.error.contains(error), qPrintable(result.error));
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
