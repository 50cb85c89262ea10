#include "workspace/connectionspec.h"

#include <QDir>
#include <QTest>

using namespace feastconsole;

class TestConnectionSpec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("kind"); // -1: error
        QTest::addColumn<QString>("expected"); // hostPort or path, or a word of the error
        QTest::newRow("grpc") << "grpc://localhost:6570" << int(Endpoint::Kind::Grpc) << "localhost:6570";
        QTest::newRow("grpcs") << "grpcs://registry.example.com:443" << int(Endpoint::Kind::GrpcTls) << "registry.example.com:443";
        QTest::newRow("ipv6") << "grpc://[::1]:6570" << int(Endpoint::Kind::Grpc) << "[::1]:6570";
        QTest::newRow("file") << "file:///srv/feast/registry.db" << int(Endpoint::Kind::RegistryFile) << "/srv/feast/registry.db";
        QTest::newRow("yaml path") << "/repo/feature_store.yaml" << int(Endpoint::Kind::FeatureRepo) << "/repo/feature_store.yaml";
        QTest::newRow("yaml url") << "file:///repo/feature_store.yaml" << int(Endpoint::Kind::FeatureRepo) << "/repo/feature_store.yaml";
        QTest::newRow("db path") << "/data/registry.db" << int(Endpoint::Kind::RegistryFile) << "/data/registry.db";
        QTest::newRow("no port") << "grpc://localhost" << -1 << "port";
        QTest::newRow("no host") << "grpc://:6570" << -1 << "host";
        QTest::newRow("http") << "http://localhost:6572" << -1 << "scheme";
        QTest::newRow("empty") << "  " << -1 << "empty";
        QTest::newRow("path") << "grpc://localhost:6570/feast" << -1 << "path";
        QTest::newRow("other file") << "/etc/passwd" << -1 << "neither";
        // QUrl reads 99999 as "no port": the text is checked, and gRPC never gets another port.
        QTest::newRow("port 99999") << "grpc://localhost:99999" << -1 << "port must be a whole number between 1 and 65535, got '99999'";
        QTest::newRow("port 0") << "grpc://localhost:0" << -1 << "got '0'";
        QTest::newRow("port letters") << "grpcs://localhost:https" << -1 << "got 'https'";
        QTest::newRow("highest port") << "grpc://localhost:65535" << int(Endpoint::Kind::Grpc) << "localhost:65535";
    }
    void parse()
    {
        QFETCH(QString, url);
        QFETCH(int, kind);
        QFETCH(QString, expected);
        const ParsedEndpoint parsed = parseEndpoint(url);
        if (kind < 0) {
            QVERIFY(!parsed.endpoint);
            QVERIFY2(parsed.error.contains(expected), qPrintable(parsed.error));
            return;
        }
        QVERIFY2(parsed.endpoint, qPrintable(parsed.error));
        QCOMPARE(int(parsed.endpoint->kind), kind);
        const bool network = kind == int(Endpoint::Kind::Grpc) || kind == int(Endpoint::Kind::GrpcTls);
        QCOMPARE(network ? parsed.endpoint->hostPort : parsed.endpoint->path, expected);
    }
    // SQL registries (issue 14): SQLAlchemy's spellings, what reaches the driver, and what is refused.
    void sqlRegistryUrls()
    {
        const ParsedSqlUrl pg = parseSqlRegistryUrl(
            QStringLiteral("postgresql+psycopg://feast:p%40ss@db.example.com:6543/registry?sslmode=verify-full&sslrootcert=/ca.pem"));
        QVERIFY2(pg.url, qPrintable(pg.error));
        QCOMPARE(pg.url->dialect, SqlRegistryUrl::Dialect::PostgreSql);
        QCOMPARE(pg.url->host, u"db.example.com");
        QCOMPARE(pg.url->port, 6543);
        QCOMPARE(pg.url->user, u"feast");
        QCOMPARE(pg.url->password, u"p@ss"); // percent-decoded, as SQLAlchemy does
        QCOMPARE(pg.url->database, u"registry");
        QCOMPARE(pg.url->options.size(), 2);
        QCOMPARE(pg.url->options.first().second, u"verify-full");
        QVERIFY(!pg.url->display().contains(u"p@ss") && !pg.url->display().contains(u"p%40ss"));

        const ParsedSqlUrl my = parseSqlRegistryUrl(QStringLiteral("mysql+pymysql://feast@127.0.0.1/registry"));
        QVERIFY(my.url);
        QCOMPARE(my.url->dialect, SqlRegistryUrl::Dialect::MySql);
        QVERIFY(!my.url->port);

        const ParsedSqlUrl absolute = parseSqlRegistryUrl(QStringLiteral("sqlite:////srv/feast/registry.db"));
        QVERIFY(absolute.url);
        QCOMPARE(absolute.url->database, u"/srv/feast/registry.db");
        const ParsedSqlUrl relative = parseSqlRegistryUrl(QStringLiteral("sqlite:///data/registry.db"), QStringLiteral("/repo"));
        QVERIFY(relative.url);
        QCOMPARE(relative.url->database, u"/repo/data/registry.db");
        QVERIFY(parseSqlRegistryUrl(QStringLiteral("sqlite:///data/registry.db")).error.contains(u"absolute path"));
        QVERIFY(parseSqlRegistryUrl(QStringLiteral("sqlite://")).error.contains(u"in-memory"));

        // Where the console reads a URL the user typed (workspace, --registry): no password in it.
        const ParsedEndpoint typed = parseEndpoint(QStringLiteral("postgresql://feast:hunter2@db/registry"));
        QVERIFY(!typed.endpoint);
        QVERIFY(typed.error.contains(u"PGPASSWORD") && !typed.error.contains(u"hunter2"));
        const ParsedEndpoint ok = parseEndpoint(QStringLiteral("postgres://feast@db:5432/registry"));
        QVERIFY2(ok.endpoint, qPrintable(ok.error));
        QCOMPARE(ok.endpoint->kind, Endpoint::Kind::SqlRegistry);
        QVERIFY(parseEndpoint(QStringLiteral("postgresql://db/registry?sslmod=require")).error.contains(u"sslmod"));
        QVERIFY(parseEndpoint(QStringLiteral("postgresql://db/")).error.contains(u"names no database"));
    }

    void repoFolderMeansItsYaml()
    {
        const ParsedEndpoint parsed = parseEndpoint(QDir::tempPath());
        QVERIFY(parsed.endpoint);
        QCOMPARE(parsed.endpoint->kind, Endpoint::Kind::FeatureRepo);
        QVERIFY(parsed.endpoint->path.endsWith(u"/feature_store.yaml"));
    }
};

QTEST_GUILESS_MAIN(TestConnectionSpec)
#include "tst_connectionspec.moc"
