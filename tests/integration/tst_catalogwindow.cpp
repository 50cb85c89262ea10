// The desktop window on the demo workspace, offscreen, with a screenshot.
#include "catalog.h"
#include "catalogwindow.h"
#include "testsupport.h"
#include "workspacesession.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>

using namespace feastconsole;
using namespace feastconsole::test;

class TestCatalogWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsEveryTenantOfTheDemoWorkspace()
    {
        const QString workspacePath = fixtures().value(QStringLiteral("workspace")).toString();
        WorkspaceResult loaded = loadWorkspace(workspacePath);
        QVERIFY2(loaded.workspace, qPrintable(loaded.error));
        Catalog catalog;
        WorkspaceSession session(&catalog);
        session.setWorkspace(*loaded.workspace);
        CatalogWindow window(&catalog, &session);
        window.show();
        session.startAll();
        QTRY_VERIFY_WITH_TIMEOUT(session.isSettled(), 60000);

        auto *table = window.findChild<QTableView *>();
        QVERIFY(table);
        QVERIFY(table->model()->rowCount() > 20);
        QSet<QString> tenants;
        for (int row = 0; row < table->model()->rowCount(); ++row)
            tenants.insert(table->model()->index(row, 1).data().toString());
        for (const QString &tenant : {QStringLiteral("fraud"), QStringLiteral("growth"), QStringLiteral("risk"),
                                      QStringLiteral("team-alpha"), QStringLiteral("team-beta")})
            QVERIFY2(tenants.contains(tenant), qPrintable(tenant));
        QVERIFY(!window.findChild<QLabel *>(QStringLiteral("messageBar"))->isVisible());
        QVERIFY(window.grab().save(artifactPath(QStringLiteral("catalogwindow-demo.png"))));

        auto *filter = window.findChild<QLineEdit *>();
        QTest::keyClicks(filter, QStringLiteral("alpha_recs"));
        QVERIFY(table->model()->rowCount() > 0);
        for (int row = 0; row < table->model()->rowCount(); ++row)
            QCOMPARE(table->model()->index(row, 1).data().toString(), u"team-alpha");
        QVERIFY(window.grab().save(artifactPath(QStringLiteral("catalogwindow-filtered.png"))));
    }
};

QTEST_MAIN(TestCatalogWindow)
#include "tst_catalogwindow.moc"
