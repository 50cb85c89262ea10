// The web console's catalog pages (issue 12): a page at any offset is the
// same slice of the listing Catalog::items gives, for every filter, however
// deep; an ordered listing says how far its sort has come.
#include "catalog/catalogpage.h"
#include "testsupport.h"

#include <QTest>

using namespace feastconsole;
using namespace feastconsole::test;

namespace {

QString keyOf(const CatalogItem &item)
{
    return item.registry + u'/' + kindId(item.kind) + u'/' + item.project + u'/' + item.featureView + u'/' + item.name;
}

QStringList keysOf(const std::vector<CatalogItem> &items)
{
    QStringList keys;
    for (const CatalogItem &item : items)
        keys << keyOf(item);
    return keys;
}

} // namespace

class TestCatalogPage : public QObject
{
    Q_OBJECT
    Catalog m_catalog;

private Q_SLOTS:
    void initTestCase()
    {
        ConnectionSpec shared;
        shared.name = QStringLiteral("shared");
        shared.mode = ConnectionMode::Shared;
        shared.tenantTag = QStringLiteral("team");
        SnapshotBuilder a;
        a.project(QStringLiteral("fraud"), {{QStringLiteral("team"), QStringLiteral("risk")}})
            .project(QStringLiteral("growth"), {{QStringLiteral("team"), QStringLiteral("marketing")}});
        for (int v = 0; v < 6; ++v) {
            QList<std::pair<QString, int>> features;
            for (int f = 0; f < 7; ++f)
                features.append({QStringLiteral("f%1_%2").arg(v).arg(f), 5});
            a.view(v % 2 ? QStringLiteral("fraud") : QStringLiteral("growth"), QStringLiteral("view_%1").arg(v), features);
        }
        a.object(ObjectKind::Entity, QStringLiteral("fraud"), QStringLiteral("customer"));
        ConnectionSpec isolated;
        isolated.name = QStringLiteral("alpha");
        isolated.tenant = QStringLiteral("team-alpha");
        SnapshotBuilder b;
        b.project(QStringLiteral("recs")).view(QStringLiteral("recs"), QStringLiteral("items"),
                                               {{QStringLiteral("embedding"), 16}, {QStringLiteral("price"), 4}});
        m_catalog.addConnection(shared.name);
        m_catalog.addConnection(isolated.name);
        m_catalog.setPart(shared.name, CatalogPart::build(shared, a.build()));
        m_catalog.setPart(isolated.name, CatalogPart::build(isolated, b.build()));
    }

    void pagesAreSlicesOfTheListing_data()
    {
        QTest::addColumn<QString>("registry");
        QTest::addColumn<QString>("tenant");
        QTest::addColumn<QString>("project");
        QTest::addColumn<QString>("kind");
        QTest::newRow("everything") << "" << "" << "" << "";
        QTest::newRow("features") << "" << "" << "" << "feature";
        QTest::newRow("views") << "" << "" << "" << "feature_view";
        QTest::newRow("one registry") << "alpha" << "" << "" << "";
        QTest::newRow("one project") << "" << "" << "fraud" << "";
        QTest::newRow("one tenant's features") << "" << "marketing" << "" << "feature";
        QTest::newRow("nothing") << "" << "" << "no_such_project" << "";
    }

    void pagesAreSlicesOfTheListing()
    {
        QFETCH(QString, registry);
        QFETCH(QString, tenant);
        QFETCH(QString, project);
        QFETCH(QString, kind);
        CatalogFilter filter;
        filter.registry = registry;
        filter.tenant = tenant;
        filter.project = project;
        if (!kind.isEmpty())
            filter.kind = kindFromId(kind);
        const QStringList expected = keysOf(m_catalog.items(filter));
        const std::vector<CatalogPartPtr> parts = m_catalog.parts();
        for (qsizetype limit : {1, 3, 10, 1000}) {
            for (qsizetype offset = 0; offset <= expected.size() + 2; ++offset) {
                const CatalogPage page = catalogPage(parts, filter, offset, limit);
                QCOMPARE(page.total, expected.size());
                QCOMPARE(keysOf(page.items), expected.mid(offset, limit));
            }
        }
    }

    void aSortSaysHowFarItHasCome()
    {
        JobProgress progress;
        const SortedCatalog sorted = sortCatalog(m_catalog.parts(), {}, CatalogSortKey::Name, true, nullptr, &progress);
        QVERIFY(sorted.complete);
        QCOMPARE(qsizetype(sorted.refs.size()), qsizetype(m_catalog.items({}).size()));
        const JobProgress::Snapshot done = progress.snapshot();
        QVERIFY(done.total > 0);
        QCOMPARE(done.done, done.total);
        // Descending by name, case-insensitive.
        const CatalogPage page = catalogPage(sorted, 0, 3);
        QCOMPARE(page.items.size(), size_t(3));
        QVERIFY(QString::compare(page.items[0].name, page.items[1].name, Qt::CaseInsensitive) >= 0);
    }
};

QTEST_GUILESS_MAIN(TestCatalogPage)
#include "tst_catalogpage.moc"
