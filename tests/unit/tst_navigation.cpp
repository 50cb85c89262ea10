// The desktop's item models, each under QAbstractItemModelTester, and the
// page history.
#include "catalog/catalog.h"
#include "catalog/navigationtreemodel.h"
#include "catalog/objectdocument.h"
#include "catalog/objecttablemodel.h"
#include "catalog/pagelocation.h"
#include "search/searchresultsmodel.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace feastconsole;
using namespace feastconsole::test;

namespace {

SnapshotPtr sharedSnapshot(bool withMarketing)
{
    SnapshotBuilder b;
    b.project(QStringLiteral("fraud_detection"), {{QStringLiteral("team"), QStringLiteral("fraud")}})
        .view(QStringLiteral("fraud_detection"), QStringLiteral("transaction_stats"),
              {{QStringLiteral("amount_sum_7d"), 5}, {QStringLiteral("txn_count"), 4}})
        .object(ObjectKind::Entity, QStringLiteral("fraud_detection"), QStringLiteral("customer"));
    if (withMarketing)
        b.project(QStringLiteral("marketing"), {{QStringLiteral("team"), QStringLiteral("growth")}})
            .view(QStringLiteral("marketing"), QStringLiteral("campaign_stats"), {{QStringLiteral("click_rate"), 6}});
    return b.build();
}

ConnectionSpec sharedSpec()
{
    ConnectionSpec spec;
    spec.name = QStringLiteral("shared");
    spec.mode = ConnectionMode::Shared;
    spec.tenantTag = QStringLiteral("team");
    return spec;
}

QStringList childLabels(const QAbstractItemModel &model, const QModelIndex &parent)
{
    QStringList labels;
    for (int r = 0; r < model.rowCount(parent); ++r)
        labels << model.index(r, 0, parent).data().toString();
    return labels;
}

} // namespace

class TestNavigation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void treeShowsConnectionsTenantsProjectsAndKinds()
    {
        Catalog catalog;
        NavigationTreeModel model(&catalog);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        catalog.addConnection(QStringLiteral("shared"));
        catalog.addConnection(QStringLiteral("alpha"));
        catalog.setPart(QStringLiteral("shared"), CatalogPart::build(sharedSpec(), sharedSnapshot(false)));

        const QModelIndex workspace = model.workspaceIndex();
        QCOMPARE(childLabels(model, workspace), (QStringList{QStringLiteral("shared"), QStringLiteral("alpha")}));
        const QModelIndex shared = model.connectionIndex(QStringLiteral("shared"));
        QCOMPARE(childLabels(model, shared), QStringList{QStringLiteral("fraud")});
        const QModelIndex project = model.find(QStringLiteral("shared"), {}, QStringLiteral("fraud_detection"));
        QCOMPARE(project.data().toString(), u"fraud_detection");
        QCOMPARE(childLabels(model, project),
                 (QStringList{QStringLiteral("Entities (1)"), QStringLiteral("Feature views (1)"), QStringLiteral("Features (2)")}));
        const QModelIndex features = model.find(QStringLiteral("shared"), {}, QStringLiteral("fraud_detection"), ObjectKind::Feature);
        QCOMPARE(features.data(NavigationTreeModel::KindRole).toString(), u"feature");
        QCOMPARE(features.data(NavigationTreeModel::CountRole).toLongLong(), 2);

        // A refresh with one more project rebuilds only that connection's rows.
        catalog.setPart(QStringLiteral("shared"), CatalogPart::build(sharedSpec(), sharedSnapshot(true)));
        QCOMPARE(childLabels(model, model.connectionIndex(QStringLiteral("shared"))),
                 (QStringList{QStringLiteral("fraud"), QStringLiteral("growth")}));

        ConnectionStatus loading;
        loading.state = ConnectionState::Loading;
        loading.progressPercent = 40;
        catalog.setStatus(QStringLiteral("alpha"), loading);
        QCOMPARE(model.connectionIndex(QStringLiteral("alpha")).data().toString(), u"alpha — loading 40%");
        ConnectionStatus stale;
        stale.state = ConnectionState::Retrying;
        stale.hasData = true;
        stale.lastSuccess = QDateTime::currentDateTimeUtc();
        stale.error = {ErrorCategory::Unreachable, QStringLiteral("alpha: unreachable")};
        catalog.setStatus(QStringLiteral("shared"), stale);
        QVERIFY(model.connectionIndex(QStringLiteral("shared")).data().toString().contains(u"stale since"));
        QVERIFY(model.connectionIndex(QStringLiteral("shared")).data(NavigationTreeModel::StaleRole).toBool());

        model.setConnectionLook(QStringLiteral("shared"), {QStringLiteral("#c62828"), true, true, true});
        QCOMPARE(model.connectionIndex(QStringLiteral("shared")).data(NavigationTreeModel::ColorRole).toString(), u"#c62828");
        QVERIFY(model.connectionIndex(QStringLiteral("shared")).data().toString().contains(u"[production]"));

        catalog.removeConnection(QStringLiteral("alpha"));
        QCOMPARE(model.rowCount(workspace), 1);
        QCOMPARE(model.index(0, 0, workspace).data(NavigationTreeModel::ConnectionRole).toString(), u"shared");
    }

    void objectTableListsAKindInAScopeAndSorts()
    {
        Catalog catalog;
        catalog.addConnection(QStringLiteral("shared"));
        catalog.setPart(QStringLiteral("shared"), CatalogPart::build(sharedSpec(), sharedSnapshot(true)));
        ObjectTableModel features(&catalog, {QString(), QStringLiteral("fraud"), QString(), ObjectKind::Feature});
        QAbstractItemModelTester tester(&features, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(features.rowCount(), 2);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&features);
        proxy.setSortRole(ObjectTableModel::SortRole);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(0, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), u"txn_count");
        QCOMPARE(proxy.index(0, 0).data(ObjectTableModel::NameRole).toString(), u"transaction_stats");
        QCOMPARE(proxy.index(0, 2).data().toString(), u"Int64");
        proxy.setFilterFixedString(QStringLiteral("amount"));
        proxy.setFilterKeyColumn(-1);
        QCOMPARE(proxy.rowCount(), 1);

        ObjectTableModel views(&catalog, {QStringLiteral("shared"), {}, {}, ObjectKind::FeatureView});
        QAbstractItemModelTester viewTester(&views, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(views.rowCount(), 2);
        catalog.setPart(QStringLiteral("shared"), CatalogPart::build(sharedSpec(), sharedSnapshot(false)));
        QCOMPARE(views.rowCount(), 1);
    }

    void searchResultsAndDocumentTables()
    {
        Catalog catalog;
        catalog.addConnection(QStringLiteral("shared"));
        catalog.setPart(QStringLiteral("shared"), CatalogPart::build(sharedSpec(), sharedSnapshot(true)));
        SearchResultsModel results;
        QAbstractItemModelTester tester(&results, QAbstractItemModelTester::FailureReportingMode::QtTest);
        results.setResults(catalog.search(QStringLiteral("click")));
        QCOMPARE(results.rowCount(), 1);
        QCOMPARE(results.index(0, SearchResultsModel::NameColumn).data().toString(), u"campaign_stats:click_rate");
        QCOMPARE(results.index(0, SearchResultsModel::WhereColumn).data().toString(), u"shared › growth › marketing");
        const PageLocation location = PageLocation::object(
            results.index(0, 0).data(SearchResultsModel::ConnectionRole).toString(),
            results.index(0, 0).data(SearchResultsModel::ProjectRole).toString(), ObjectKind::Feature,
            results.index(0, 0).data(SearchResultsModel::NameRole).toString(),
            results.index(0, 0).data(SearchResultsModel::FeatureRole).toString());
        QCOMPARE(location.name, u"campaign_stats");
        QCOMPARE(location.feature, u"click_rate");
        results.setResults({});
        QCOMPARE(results.rowCount(), 0);

        const CatalogPartPtr part = catalog.part(QStringLiteral("shared"));
        const ObjectDocument doc = buildFeatureDocument(*part, 0);
        QCOMPARE(doc.title, u"transaction_stats:amount_sum_7d");
        DocumentTable table{QStringLiteral("Features"), {QStringLiteral("Name"), QStringLiteral("Type")},
                            {{{QStringLiteral("b"), DocumentLink{ObjectKind::Feature, QStringLiteral("p"), QStringLiteral("v"), QStringLiteral("b")}},
                              {QStringLiteral("Int64"), {}}},
                             {{QStringLiteral("a"), {}}, {QStringLiteral("Float32"), {}}}}};
        DocumentTableModel model(table);
        QAbstractItemModelTester documentTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.linkAt(model.index(0, 1))->feature, u"b"); // a row links to its first linked cell
        QVERIFY(!model.linkAt(model.index(1, 0)));
    }

    void historyGoesBackAndForwardLikeABrowser()
    {
        NavigationHistory history(3);
        const PageLocation a = PageLocation::overview();
        const PageLocation b = PageLocation::list(QStringLiteral("c"), {}, {}, ObjectKind::Entity);
        const PageLocation c = PageLocation::object(QStringLiteral("c"), QStringLiteral("p"), ObjectKind::Entity, QStringLiteral("e"));
        history.visit(a);
        history.visit(b);
        history.visit(b); // the same page again: no new entry
        QCOMPARE(history.size(), 2);
        history.visit(c);
        QVERIFY(history.canGoBack());
        QCOMPARE(history.back(), b);
        QVERIFY(history.canGoForward());
        QCOMPARE(history.forward(), c);
        QCOMPARE(history.back(), b);
        history.visit(a); // drops the forward page c
        QVERIFY(!history.canGoForward());
        history.visit(c); // over capacity: the oldest falls off
        QCOMPARE(history.size(), 3);
        QCOMPARE(history.back(), a);
        QCOMPARE(history.back(), b);
        QVERIFY(!history.canGoBack());
        QCOMPARE(c.title(), u"Entity e");
    }
};

QTEST_GUILESS_MAIN(TestNavigation)
#include "tst_navigation.moc"
