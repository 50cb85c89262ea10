#include "catalog/catalog.h"
#include "testsupport.h"

#include <QTest>

using namespace feastconsole;
using namespace feastconsole::test;

class TestSearch : public QObject
{
    Q_OBJECT
    Catalog m_catalog;

    QStringList names(const SearchResults &results)
    {
        QStringList out;
        for (const SearchHit &hit : results.hits) {
            const CatalogItem item = itemFor(*hit.part, hit.object, hit.feature);
            out << (item.kind == ObjectKind::Feature ? item.featureView + u':' + item.name : item.name);
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        ConnectionSpec shared;
        shared.name = QStringLiteral("shared");
        shared.mode = ConnectionMode::Shared;
        shared.tenantTag = QStringLiteral("team");
        SnapshotBuilder a;
        a.project(QStringLiteral("fraud_detection"), {{QStringLiteral("team"), QStringLiteral("fraud")}})
            .project(QStringLiteral("marketing"), {{QStringLiteral("team"), QStringLiteral("growth")}})
            .view(QStringLiteral("fraud_detection"), QStringLiteral("transaction_stats"),
                  {{QStringLiteral("amount_sum_7d"), 5}, {QStringLiteral("txn_count"), 4}, {QStringLiteral("Amount"), 6}})
            .view(QStringLiteral("marketing"), QStringLiteral("campaign_stats"),
                  {{QStringLiteral("click_rate"), 6}, {QStringLiteral("spend_amount"), 5}})
            .object(ObjectKind::Entity, QStringLiteral("fraud_detection"), QStringLiteral("customer"));
        ConnectionSpec isolated;
        isolated.name = QStringLiteral("alpha");
        isolated.tenant = QStringLiteral("team-alpha");
        SnapshotBuilder b;
        b.project(QStringLiteral("alpha_recs"))
            .view(QStringLiteral("alpha_recs"), QStringLiteral("item_embeddings"),
                  {{QStringLiteral("embedding"), 16}, {QStringLiteral("amount"), 4}});
        m_catalog.addConnection(shared.name);
        m_catalog.addConnection(isolated.name);
        m_catalog.setPart(shared.name, CatalogPart::build(shared, a.build()));
        m_catalog.setPart(isolated.name, CatalogPart::build(isolated, b.build()));
    }

    void tenantsComeFromTheTagOrTheConnection()
    {
        QCOMPARE(m_catalog.part(QStringLiteral("shared"))->tenantOf(u"fraud_detection"), u"fraud");
        QCOMPARE(m_catalog.part(QStringLiteral("shared"))->tenantOf(u"marketing"), u"growth");
        QCOMPARE(m_catalog.part(QStringLiteral("alpha"))->tenantOf(u"alpha_recs"), u"team-alpha");
    }

    void exactBeatsPrefixBeatsSubstring()
    {
        const QStringList found = names(m_catalog.search(QStringLiteral("amount")));
        QCOMPARE(found.size(), 4);
        // exact feature names first (case-insensitive), then prefix, then word-boundary substring
        QCOMPARE(QSet<QString>(found.begin(), found.begin() + 2),
                 (QSet<QString>{QStringLiteral("transaction_stats:Amount"), QStringLiteral("item_embeddings:amount")}));
        QCOMPARE(found[2], u"transaction_stats:amount_sum_7d");
        QCOMPARE(found[3], u"campaign_stats:spend_amount");
    }

    void searchesAcrossRegistries()
    {
        const SearchResults results = m_catalog.search(QStringLiteral("amount"));
        QSet<QString> registries;
        for (const SearchHit &hit : results.hits)
            registries.insert(hit.part->registry());
        QCOMPARE(registries, (QSet<QString>{QStringLiteral("shared"), QStringLiteral("alpha")}));
        QCOMPARE(results.total, 4);
    }

    void filters_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("tenant") << "amount tenant:team-alpha" << QStringList{QStringLiteral("item_embeddings:amount")};
        QTest::newRow("tag") << "amount team:growth" << QStringList{QStringLiteral("campaign_stats:spend_amount")};
        QTest::newRow("registry") << "amount registry:alpha" << QStringList{QStringLiteral("item_embeddings:amount")};
        QTest::newRow("dtype") << "amount dtype:float64" << QStringList{QStringLiteral("transaction_stats:amount_sum_7d"), QStringLiteral("campaign_stats:spend_amount")};
        QTest::newRow("kind") << "stats kind:feature_view" << QStringList{QStringLiteral("campaign_stats"), QStringLiteral("transaction_stats")};
        QTest::newRow("only filters") << "kind:entity" << QStringList{QStringLiteral("customer")};
        QTest::newRow("two terms") << "txn stats" << QStringList{QStringLiteral("transaction_stats:txn_count")};
        QTest::newRow("feature reference") << "campaign_stats:click" << QStringList{QStringLiteral("campaign_stats:click_rate")};
        QTest::newRow("fuzzy") << "clkrt" << QStringList{QStringLiteral("campaign_stats:click_rate")};
        QTest::newRow("nothing") << "zzzz" << QStringList{};
    }
    void filters()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, expected);
        QCOMPARE(names(m_catalog.search(query)), expected);
    }

    void limitKeepsTheBest()
    {
        const QStringList found = names(m_catalog.search(QStringLiteral("a"), 2));
        QCOMPARE(found.size(), 2);
    }

    void cancelledSearchReturnsNothing()
    {
        std::atomic_bool cancel{true};
        SearchQuery q = SearchQuery::parse(QStringLiteral("a"));
        const SearchResults results = Catalog::search(m_catalog.parts(), q, &cancel);
        QVERIFY(results.hits.empty());
    }
};

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_search.moc"
