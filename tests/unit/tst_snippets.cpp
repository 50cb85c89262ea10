// Clipboard snippets: references, Python, feast CLI, quoting.
#include "catalog/snippets.h"

#include <QTest>

using namespace feastconsole;

class TestSnippets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quoting_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("python");
        QTest::addColumn<QString>("shell");
        QTest::newRow("plain") << QStringLiteral("txn_count_7d") << QStringLiteral("\"txn_count_7d\"") << QStringLiteral("txn_count_7d");
        QTest::newRow("reference") << QStringLiteral("view:f") << QStringLiteral("\"view:f\"") << QStringLiteral("view:f");
        QTest::newRow("space") << QStringLiteral("my view") << QStringLiteral("\"my view\"") << QStringLiteral("'my view'");
        QTest::newRow("quotes") << QStringLiteral("it's \"x\"") << QStringLiteral("\"it's \\\"x\\\"\"")
                                << QStringLiteral("'it'\\''s \"x\"'");
        QTest::newRow("backslash, newline") << QStringLiteral("a\\b\nc") << QStringLiteral("\"a\\\\b\\nc\"") << QStringLiteral("'a\\b\nc'");
        QTest::newRow("shell specials") << QStringLiteral("$(rm -rf ~);`x`") << QStringLiteral("\"$(rm -rf ~);`x`\"")
                                        << QStringLiteral("'$(rm -rf ~);`x`'");
        QTest::newRow("control") << QStringLiteral("a\x01") << QStringLiteral("\"a\\x01\"") << QStringLiteral("'a\x01'");
        QTest::newRow("unicode") << QStringLiteral("größe") << QStringLiteral("\"größe\"") << QStringLiteral("'größe'");
        QTest::newRow("empty") << QString() << QStringLiteral("\"\"") << QStringLiteral("''");
    }
    void quoting()
    {
        QFETCH(QString, text);
        QFETCH(QString, python);
        QFETCH(QString, shell);
        QCOMPARE(pythonString(text), python);
        QCOMPARE(shellQuote(text), shell);
    }

    void placeholders()
    {
        QCOMPARE(featureReference(u"customer_stats", u"txn_count_7d"), u"customer_stats:txn_count_7d");
        QCOMPARE(pythonPlaceholder(4), u"0");          // Int64
        QCOMPARE(pythonPlaceholder(2), u"\"\"");       // String
        QCOMPARE(pythonPlaceholder(5), u"0.0");        // Float64
        QCOMPARE(pythonPlaceholder(7), u"False");      // Bool
        QCOMPARE(pythonPlaceholder(1), u"b\"\"");      // Bytes
        QCOMPARE(pythonPlaceholder(12), u"[\"\"]");    // Array(String)
        QCOMPARE(pythonPlaceholder(999), u"None");
    }

    void featureRepo()
    {
        ConnectionSpec spec;
        spec.url = QStringLiteral("/srv/repos/fraud/feature_store.yaml");
        RepoSettings repo;
        repo.path = QStringLiteral("/srv/repos/fraud/feature_store.yaml");
        repo.project = QStringLiteral("fraud_detection");
        const StoreLocation location = storeLocationOf(spec, repo);
        QCOMPARE(location.kind, StoreLocation::Kind::FeatureRepo);
        QCOMPARE(location.repoPath, u"/srv/repos/fraud");

        OnlineFeaturesRequest request;
        request.project = QStringLiteral("fraud_detection");
        request.features = {QStringLiteral("customer_transaction_stats:txn_count_7d"), QStringLiteral("transaction_amount_signals:amount_to_avg_ratio")};
        request.joinKeys = {{QStringLiteral("customer_id"), 4}};
        request.requestFields = {{QStringLiteral("amount"), 5}, {QStringLiteral("channel"), 2}};
        const QString py = pythonOnlineFeaturesSnippet(request, location);
        QVERIFY2(py.contains(u"store = FeatureStore(repo_path=\"/srv/repos/fraud\")"), qPrintable(py));
        QVERIFY2(py.contains(u"        \"customer_transaction_stats:txn_count_7d\",\n"), qPrintable(py));
        QVERIFY2(py.contains(u"{\"customer_id\": 0, \"amount\": 0.0, \"channel\": \"\"}"), qPrintable(py));
        QVERIFY2(py.contains(u"# customer_id: Int64, amount: Float64, channel: String"), qPrintable(py));
        QVERIFY(!py.contains(u"Note:"));

        QCOMPARE(cliOnlineFeaturesCommand(request, location),
                 u"feast -c /srv/repos/fraud get-online-features -e customer_id=0 -e amount=0.0 -e channel=VALUE"
                 " -f customer_transaction_stats:txn_count_7d -f transaction_amount_signals:amount_to_avg_ratio");
        QCOMPARE(cliDescribeCommand(ObjectKind::FeatureView, QStringLiteral("customer_transaction_stats"), location),
                 u"feast -c /srv/repos/fraud feature-views describe customer_transaction_stats");
        QCOMPARE(cliDescribeCommand(ObjectKind::Feature, QStringLiteral("customer_transaction_stats:txn_count_7d"), location),
                 u"feast -c /srv/repos/fraud features describe txn_count_7d");
        QCOMPARE(cliDescribeCommand(ObjectKind::OnDemandFeatureView, QStringLiteral("odd name"), location),
                 u"feast -c /srv/repos/fraud on-demand-feature-views describe 'odd name'");
        QCOMPARE(cliListCommand(ObjectKind::Feature, location), u"feast -c /srv/repos/fraud features list");
        QCOMPARE(cliListCommand(ObjectKind::Entity, location), u"feast -c /srv/repos/fraud entities list");

        // An object of another project of the same (shared) registry.
        request.project = QStringLiteral("marketing");
        QVERIFY(pythonOnlineFeaturesSnippet(request, location).contains(u"# Note: /srv/repos/fraud/feature_store.yaml sets project fraud_detection, not marketing."));

        // A yaml with another file name, in a folder with a space.
        repo.path = QStringLiteral("/srv/my repos/staging.yaml");
        QCOMPARE(feastCommandPrefix(storeLocationOf(spec, repo)), u"feast -c '/srv/my repos' -f '/srv/my repos/staging.yaml'");
    }

    void remoteRegistry()
    {
        ConnectionSpec spec;
        spec.url = QStringLiteral("grpcs://registry.example:6570");
        spec.tls.caFile = QStringLiteral("/etc/ca.pem");
        const StoreLocation location = storeLocationOf(spec);
        QCOMPARE(location.kind, StoreLocation::Kind::RemoteRegistry);
        QCOMPARE(location.registry, u"registry.example:6570");
        const QString yaml = featureStoreYamlHint(location, QStringLiteral("alpha_recs"));
        QVERIFY2(yaml.startsWith(u"project: alpha_recs\nprovider: local\nregistry:\n  registry_type: remote\n"
                                 "  path: registry.example:6570\n  is_tls: true\n  cert: /etc/ca.pem\n"), qPrintable(yaml));
        OnlineFeaturesRequest request;
        request.project = QStringLiteral("alpha_recs");
        request.features = {QStringLiteral("item_popularity:views_7d")};
        request.joinKeys = {{QStringLiteral("item_id"), 4}};
        const QString py = pythonOnlineFeaturesSnippet(request, location);
        QVERIFY2(py.contains(u"#     registry_type: remote\n"), qPrintable(py));
        QVERIFY(py.contains(u"store = FeatureStore(repo_path=\".\")"));
        QCOMPARE(cliOnlineFeaturesCommand(request, location),
                 u"feast -f feature_store.yaml get-online-features -e item_id=0 -f item_popularity:views_7d");

        spec.url = QStringLiteral("file:///var/feast/registry.db");
        const StoreLocation file = storeLocationOf(spec);
        QCOMPARE(file.kind, StoreLocation::Kind::RegistryFile);
        QVERIFY(featureStoreYamlHint(file, QStringLiteral("p")).contains(u"registry: /var/feast/registry.db\n"));
        QVERIFY(featureStoreYamlHint(location, QStringLiteral("p")).contains(u"online_store:"));
    }

    void probeBodyIsTyped()
    {
        OnlineFeaturesRequest request;
        request.features = {QStringLiteral("driver_stats:rate"), QStringLiteral("driver_stats:trips")};
        request.joinKeys = {{QStringLiteral("driver_id"), 4}, {QStringLiteral("city"), 2}};
        request.requestFields = {{QStringLiteral("boost"), 5}};
        const OnlineFeaturesBody body = onlineFeaturesBody(
            request, {{QStringLiteral("driver_id"), {QStringLiteral("1001"), QStringLiteral(" 1002")}},
                      {QStringLiteral("city"), {QStringLiteral("Oslo"), QStringLiteral("42")}},
                      {QStringLiteral("boost"), {QStringLiteral("0.5"), QStringLiteral("1")}}});
        QVERIFY2(body.error.isEmpty(), qPrintable(body.error));
        QCOMPARE(body.json, QByteArray(R"({"entities":{"boost":[0.5,1],"city":["Oslo","42"],"driver_id":[1001,1002]},)"
                                       R"("features":["driver_stats:rate","driver_stats:trips"]})"));
        // A value that is not of its field's type, rows that do not line up, no rows.
        QVERIFY(onlineFeaturesBody(request, {{QStringLiteral("driver_id"), {QStringLiteral("x1")}},
                                             {QStringLiteral("city"), {QStringLiteral("a")}},
                                             {QStringLiteral("boost"), {QStringLiteral("1")}}})
                    .error.contains(QStringLiteral("driver_id: \"x1\" is not a Int64")));
        QVERIFY(onlineFeaturesBody(request, {{QStringLiteral("driver_id"), {QStringLiteral("1")}},
                                             {QStringLiteral("city"), {}},
                                             {QStringLiteral("boost"), {QStringLiteral("1")}}})
                    .error.contains(QStringLiteral("city has 0 values")));
        request.requestFields.clear();
        QVERIFY(onlineFeaturesBody(request, {}).error.contains(QStringLiteral("no entity rows")));
    }
};

QTEST_GUILESS_MAIN(TestSnippets)
#include "tst_snippets.moc"
