#include "catalog/catalog.h"
#include "catalog/catalogtablemodel.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace feastconsole;
using namespace feastconsole::test;

class TestCatalogModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The probe (desktop dialog and --probe-view) and the online request
    // builder share one answer to "which views does get-online-features serve".
    void onlineServedViews()
    {
        QVERIFY(isOnlineServedView(ObjectKind::FeatureView));
        QVERIFY(isOnlineServedView(ObjectKind::StreamFeatureView)); // the dialog used to leave these out
        QVERIFY(isOnlineServedView(ObjectKind::OnDemandFeatureView));
        QVERIFY(!isOnlineServedView(ObjectKind::LabelView));
        QVERIFY(!isOnlineServedView(ObjectKind::FeatureService));
        QVERIFY(!isOnlineServedView(ObjectKind::Entity));
    }

    void rowsFollowTheCatalog()
    {
        Catalog catalog;
        CatalogTableModel model(&catalog);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setFilterKeyColumn(-1);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);

        ConnectionSpec spec;
        spec.name = QStringLiteral("shared");
        catalog.addConnection(spec.name);
        SnapshotBuilder b;
        b.project(QStringLiteral("p")).view(QStringLiteral("p"), QStringLiteral("v"), {{QStringLiteral("f1"), 4}, {QStringLiteral("f2"), 2}});
        catalog.setPart(spec.name, CatalogPart::build(spec, b.build()));
        QCOMPARE(model.rowCount(), 4); // project, view, two features
        QCOMPARE(model.index(2, CatalogTableModel::NameColumn).data().toString(), u"f1");
        QCOMPARE(model.index(2, CatalogTableModel::DtypeColumn).data().toString(), u"Int64");
        QCOMPARE(model.index(3, CatalogTableModel::DtypeColumn).data().toString(), u"String");
        QCOMPARE(model.index(2, CatalogTableModel::FeatureViewColumn).data().toString(), u"v");

        proxy.setFilterFixedString(QStringLiteral("f2"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.sort(CatalogTableModel::NameColumn, Qt::DescendingOrder);

        // A failed refresh keeps the rows but marks them stale.
        ConnectionStatus failed;
        failed.state = ConnectionState::Retrying;
        failed.error = {ErrorCategory::Unreachable, QStringLiteral("down")};
        catalog.setStatus(spec.name, failed);
        QCOMPARE(model.rowCount(), 4);
        QVERIFY(model.index(0, 0).data(CatalogTableModel::StaleRole).toBool());

        catalog.removeConnection(spec.name);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCatalogModel)
#include "tst_catalogmodel.moc"
