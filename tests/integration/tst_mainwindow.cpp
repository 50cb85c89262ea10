// The desktop console on the demo workspace (real Feast registry servers),
// offscreen: sidebar navigation to a feature view of every tenant, object
// pages, search across tenants (palette and page), history, inline errors,
// connection editing, the production banner. Screenshots of each page go to
// the build tree's test-artifacts.
#include "catalog/catalog.h"
#include "connectiondialog.h"
#include "compare/comparepage.h"
#include "crexport/crexportwizard.h"
#include "consolecore.h"
#include "desktoppages.h"
#include "lineage/lineagepage.h"
#include "lineage/lineageview.h"
#include "catalog/listpage.h"
#include "mainwindow.h"
#include "messagebar.h"
#include "catalog/navigationtreemodel.h"
#include "registry/materializationsource.h"
#include "catalog/objectpage.h"
#include "dashboards/overviewpage.h"
#include "catalog/searchpage.h"
#include "catalog/searchpalette.h"
#include "search/searchresultsmodel.h"
#include "testsupport.h"
#include "registry/workspacesession.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTest>
#include <QStatusBar>
#include <QToolButton>
#include <QTreeView>

using namespace feastconsole;
using namespace feastconsole::test;

class TestMainWindow : public QObject
{
    Q_OBJECT
    std::unique_ptr<ConsoleCore> m_core;
    Catalog *m_catalog = nullptr;
    WorkspaceSession *m_session = nullptr;
    std::unique_ptr<MainWindow> m_window;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_proxyTesters;

    void shoot(const QString &name)
    {
        QApplication::processEvents();
        QVERIFY(m_window->grab().save(artifactPath(name)));
    }

    // Activates a sidebar node as a user would (click or Enter).
    void activateSidebar(const QModelIndex &sourceIndex)
    {
        QVERIFY(sourceIndex.isValid());
        auto *look = static_cast<QIdentityProxyModel *>(m_window->sidebar()->model());
        const QModelIndex shown = look->mapFromSource(sourceIndex);
        m_window->sidebar()->setCurrentIndex(shown);
        Q_EMIT m_window->sidebar()->activated(shown);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_core = std::make_unique<ConsoleCore>();
        m_catalog = &m_core->catalog();
        m_session = &m_core->session();
        m_window = std::make_unique<MainWindow>(m_catalog, m_session);
        installDesktopPages(*m_window, *m_core);
        // The decoration proxies the pages show their models through (the
        // sidebar's look, the permissions' finding icons, the matrix's verdict
        // colours) are checked while the whole workspace loads into them.
        for (QAbstractItemView *view : m_window->findChildren<QAbstractItemView *>()) {
            if (auto *proxy = qobject_cast<QIdentityProxyModel *>(view->model()))
                m_proxyTesters.push_back(std::make_unique<QAbstractItemModelTester>(
                    proxy, QAbstractItemModelTester::FailureReportingMode::QtTest));
        }
        QVERIFY(m_proxyTesters.size() >= 3); // and whatever else identity-proxies a model
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(m_window->openWorkspace(fixtures().value(QStringLiteral("workspace")).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(m_core->isSettled(), 60000);
        for (const QString &c : m_catalog->connections())
            QVERIFY2(m_catalog->status(c).state == ConnectionState::Ready, qPrintable(m_catalog->status(c).error.message));
    }

    // "Is everything all right?": one row per tenant with its counts, staleness,
    // lint findings and latency, gathered off the GUI thread; each cell opens its page.
    void overviewAnswersIsEverythingAllRight()
    {
        m_window->navigateTo(PageLocation::overview());
        OverviewPage *overview = m_window->overviewPage();
        QCOMPARE(m_window->currentPage(), overview);
        auto gathered = [overview] {
            const QList<TenantHealth> &rows = overview->model()->rows();
            return rows.size() == 5 && std::all_of(rows.begin(), rows.end(), [](const TenantHealth &r) { return r.hasFacts; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(gathered(), 30000);
        for (const TenantHealth &row : overview->model()->rows()) {
            const CatalogPartPtr part = m_catalog->part(row.connection);
            QVERIFY(part);
            qsizetype objects = 0;
            int online = 0;
            for (qsizetype i = 0; i < qsizetype(part->snapshot().objects.size()); ++i) {
                const CatalogObject &o = part->snapshot().objects[size_t(i)];
                if (o.kind != ObjectKind::Project && part->tenantOf(o.project) == row.tenant)
                    ++objects;
            }
            for (const ViewMaterialization &v : materializationViews(*part))
                online += v.tenant == row.tenant && v.online ? 1 : 0;
            QCOMPARE(row.objects, objects);
            QCOMPARE(row.views, online);
            QVERIFY2(row.level != HealthLevel::Unknown, qPrintable(row.connection + u'/' + row.tenant));
            QVERIFY(row.level == HealthLevel::Ok || !row.reasons.isEmpty());
        }
        QVERIFY2(overview->text().contains(QStringLiteral("fraud")), qPrintable(overview->text()));
        shoot(QStringLiteral("mainwindow-overview.png"));

        // The permissions cell opens the permissions page of that connection,
        // the objects cell the tenant's catalog.
        QTableView *table = overview->table();
        const QModelIndex lint = table->model()->index(0, WorkspaceHealthModel::PermissionsCol);
        Q_EMIT table->activated(lint);
        QCOMPARE(m_window->location().page, PageLocation::Page::Permissions);
        QCOMPARE(m_window->location().connection, overview->model()->rows().at(0).connection);
        m_window->navigateTo(PageLocation::overview());
        Q_EMIT table->activated(table->model()->index(1, WorkspaceHealthModel::ObjectsCol));
        QCOMPARE(m_window->currentPage(), m_window->listPage());
        QCOMPARE(m_window->location().tenant, overview->model()->rows().at(1).tenant);
        m_window->navigateTo(PageLocation::overview());
    }

    void navigatesToAFeatureViewOfEveryTenant()
    {
        const NavigationTreeModel *nav = m_window->navigationModel();
        struct Where { QString connection, tenant, project; };
        const QList<Where> tenants = {
            {QStringLiteral("shared"), QStringLiteral("fraud"), QStringLiteral("fraud_detection")},
            {QStringLiteral("shared"), QStringLiteral("growth"), QStringLiteral("marketing")},
            {QStringLiteral("shared"), QStringLiteral("risk"), QStringLiteral("credit_risk")},
            {QStringLiteral("team-alpha"), QStringLiteral("team-alpha"), QStringLiteral("alpha_recs")},
            {QStringLiteral("team-beta"), QStringLiteral("team-beta"), QStringLiteral("beta_search")},
        };
        for (const Where &w : tenants) {
            const QModelIndex tenantNode = nav->find(w.connection, w.tenant);
            QCOMPARE(tenantNode.data(NavigationTreeModel::TenantRole).toString(), w.tenant);
            activateSidebar(nav->find(w.connection, w.tenant, w.project, ObjectKind::FeatureView));
            QCOMPARE(m_window->currentPage(), m_window->listPage());
            QTableView *table = m_window->listPage()->view();
            QVERIFY2(table->model()->rowCount() > 0, qPrintable(w.project));
            if (w.tenant == u"fraud")
                shoot(QStringLiteral("mainwindow-list-feature-views.png"));
            const QModelIndex first = table->model()->index(0, 0);
            const QString viewName = first.data().toString();
            Q_EMIT table->activated(first);
            QCOMPARE(m_window->currentPage(), m_window->objectPage());
            const ObjectDocument &doc = m_window->objectPage()->document();
            QCOMPARE(doc.title, viewName);
            QCOMPARE(doc.project, w.project);
            const bool hasFeatures = std::any_of(doc.tables.begin(), doc.tables.end(),
                                                 [](const DocumentTable &t) { return t.title == u"Features" && !t.rows.isEmpty(); });
            QVERIFY2(hasFeatures, qPrintable(viewName));
            QCOMPARE(m_window->location().tenant.isEmpty() || m_window->location().tenant == w.tenant, true);
            if (w.tenant == u"fraud")
                shoot(QStringLiteral("mainwindow-feature-view.png"));
        }
    }

    void objectPagesLinkToRelatedObjects()
    {
        m_window->navigateTo(PageLocation::object(QStringLiteral("shared"), QStringLiteral("fraud_detection"),
                                                  ObjectKind::OnDemandFeatureView, QStringLiteral("merchant_channel_risk")));
        const ObjectDocument &odfv = m_window->objectPage()->document();
        QVERIFY(!odfv.code.isEmpty());
        QVERIFY2(odfv.code.front().second.contains(u"def "), qPrintable(odfv.code.front().second)); // source text, not pickled bytes
        shoot(QStringLiteral("mainwindow-on-demand-view.png"));

        m_window->navigateTo(PageLocation::object(QStringLiteral("shared"), QStringLiteral("fraud_detection"),
                                                  ObjectKind::Entity, QStringLiteral("card")));
        const ObjectDocument &entity = m_window->objectPage()->document();
        QVERIFY(std::any_of(entity.fields.begin(), entity.fields.end(),
                            [](const DocumentField &f) { return f.label == u"Join key" && f.value == u"card_number"; }));
        const auto usedBy = std::find_if(entity.tables.begin(), entity.tables.end(),
                                         [](const DocumentTable &t) { return t.title == u"Used by"; });
        QVERIFY(usedBy != entity.tables.end() && !usedBy->rows.isEmpty());
        // Following a "used by" link opens that view; Back returns to the entity.
        auto *usedByView = m_window->objectPage()->findChild<QTableView *>(QStringLiteral("table:Used by"));
        QVERIFY(usedByView);
        Q_EMIT usedByView->activated(usedByView->model()->index(0, 1));
        QVERIFY(isViewKind(*m_window->location().kind));
        QVERIFY(m_window->goBack());
        QCOMPARE(m_window->location().name, u"card");
        QVERIFY(m_window->goForward());
        QVERIFY(isViewKind(*m_window->location().kind));

        m_window->navigateTo(PageLocation::object(QStringLiteral("shared"), QStringLiteral("fraud_detection"),
                                                  ObjectKind::Feature, QStringLiteral("customer_transaction_stats"),
                                                  QStringLiteral("txn_count_7d")));
        QCOMPARE(m_window->objectPage()->reference(), u"customer_transaction_stats:txn_count_7d");
        QTest::mouseClick(m_window->objectPage()->findChild<QPushButton *>(QStringLiteral("copyReference")), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), u"customer_transaction_stats:txn_count_7d");

        // A missing object is an inline warning, not a crash or a blank page.
        m_window->navigateTo(PageLocation::object(QStringLiteral("shared"), QStringLiteral("fraud_detection"),
                                                  ObjectKind::Entity, QStringLiteral("no_such_entity")));
        QVERIFY(m_window->messageBar()->text().contains(u"no_such_entity"));
    }

    void searchesAcrossTenantsFromThePaletteAndThePage()
    {
        QTest::keyClick(m_window.get(), Qt::Key_K, Qt::ControlModifier);
        SearchPalette *palette = m_window->searchPalette();
        QVERIFY(palette->isVisible());
        QSignalSpy searched(palette, &SearchPalette::searched);
        QTest::keyClicks(palette->queryEdit(), QStringLiteral("stats"));
        QTRY_VERIFY(!searched.isEmpty() && searched.last().first().toString() == u"stats");
        QSet<QString> registries;
        for (int r = 0; r < palette->results()->rowCount(); ++r) {
            const QModelIndex hit = palette->results()->index(r, 0);
            registries.insert(hit.data(SearchResultsModel::ConnectionRole).toString());
            // Each hit says where it lives: kind, tenant, project, connection.
            const QString context = hit.data(SearchResultsModel::ContextRole).toString();
            QVERIFY2(context.contains(hit.data(SearchResultsModel::ConnectionRole).toString())
                         && context.contains(u"tenant ") && context.contains(u"project "),
                     qPrintable(context));
        }
        QVERIFY2(registries.size() >= 2, qPrintable(QStringList(registries.begin(), registries.end()).join(u',')));
        shoot(QStringLiteral("mainwindow-palette.png"));
        QTest::keyClick(palette->queryEdit(), Qt::Key_Return);
        QVERIFY(!palette->isVisible());
        QCOMPARE(m_window->currentPage(), m_window->objectPage());

        PageLocation search;
        search.page = PageLocation::Page::Search;
        search.query = QStringLiteral("kind:feature_view team:fraud");
        QSignalSpy pageSearched(m_window->searchPage(), &SearchPage::searched);
        m_window->navigateTo(search);
        QTRY_VERIFY(!pageSearched.isEmpty());
        SearchResultsModel *results = m_window->searchPage()->results();
        QVERIFY(results->rowCount() > 0);
        for (int r = 0; r < results->rowCount(); ++r) {
            QCOMPARE(results->index(r, 0).data(SearchResultsModel::KindRole).toString(), u"feature_view");
            QCOMPARE(results->index(r, 0).data(SearchResultsModel::ProjectRole).toString(), u"fraud_detection");
        }
        shoot(QStringLiteral("mainwindow-search.png"));
    }

    void connectionFailuresShowInlineAndOthersStay()
    {
        const qsizetype before = m_catalog->part(QStringLiteral("shared"))->snapshot().objects.size();
        ConnectionSpec down;
        down.name = QStringLiteral("down");
        down.url = QStringLiteral("grpc://127.0.0.1:1");
        down.deadlineMs = 2000;
        m_session->addConnection(down);
        QTRY_VERIFY_WITH_TIMEOUT(m_window->messageBar()->text().startsWith(u"down"), 20000);
        QCOMPARE(m_window->messageBar()->level(), MessageBar::Level::Error);
        QCOMPARE(qsizetype(m_catalog->part(QStringLiteral("shared"))->snapshot().objects.size()), before);
        shoot(QStringLiteral("mainwindow-error.png"));
        m_window->removeConnection(QStringLiteral("down"));
        QVERIFY(!m_catalog->connections().contains(u"down"));
    }

    void productionConnectionsAreMarked()
    {
        ConnectionSpec spec;
        for (const ConnectionSpec &c : m_session->workspace().connections) {
            if (c.name == u"team-beta")
                spec = c;
        }
        spec.production = true;
        spec.readOnly = true;
        spec.color = QStringLiteral("#6a1b9a");
        m_session->updateConnection(spec.name, spec);
        QTRY_VERIFY_WITH_TIMEOUT(m_catalog->status(spec.name).state == ConnectionState::Ready, 30000);
        m_window->navigateTo(PageLocation::list(spec.name, {}, {}, ObjectKind::FeatureView));
        auto *banner = m_window->findChild<QLabel *>(QStringLiteral("productionBanner"));
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(u"PRODUCTION"));
        QVERIFY(banner->text().contains(u"read-only"));
        shoot(QStringLiteral("mainwindow-production.png"));
        m_window->navigateTo(PageLocation::list(QStringLiteral("shared"), {}, {}, ObjectKind::FeatureView));
        QVERIFY(!banner->isVisible());
    }

    void loadingCanBeCancelledKeepingTheData()
    {
        const qsizetype objects = m_catalog->part(QStringLiteral("shared"))->snapshot().objects.size();
        m_session->refresh(QStringLiteral("shared"));
        QCOMPARE(m_catalog->status(QStringLiteral("shared")).state, ConnectionState::Loading);
        auto *cancel = m_window->statusBar()->findChild<QToolButton *>();
        QVERIFY(cancel && cancel->isVisible());
        cancel->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_catalog->status(QStringLiteral("shared")).state == ConnectionState::Ready, 20000);
        QCOMPARE(qsizetype(m_catalog->part(QStringLiteral("shared"))->snapshot().objects.size()), objects);
        QTRY_VERIFY(!cancel->isVisible());
    }

    void connectionDialogValidatesAndTests()
    {
        const QString url = fixtureServer(QStringLiteral("shared")).value(QStringLiteral("url")).toString();
        ConnectionDialog dialog({}, m_catalog->connections());
        QVERIFY(!dialog.problem().isEmpty()); // no name
        dialog.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("shared"));
        QVERIFY(dialog.problem().contains(u"already named"));
        dialog.findChild<QLineEdit *>(QStringLiteral("name"))->setText(QStringLiteral("copy"));
        dialog.findChild<QLineEdit *>(QStringLiteral("url"))->setText(QStringLiteral("http://nope"));
        QVERIFY(!dialog.problem().isEmpty());
        dialog.findChild<QLineEdit *>(QStringLiteral("url"))->setText(url);
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
        QSignalSpy tested(&dialog, &ConnectionDialog::tested);
        dialog.testConnection();
        QTRY_VERIFY_WITH_TIMEOUT(!tested.isEmpty(), 30000);
        QVERIFY2(tested.first().first().toBool(), qPrintable(dialog.testResult()));
        QVERIFY(dialog.testResult().contains(u"fraud_detection"));
        dialog.show();
        QVERIFY(dialog.grab().save(artifactPath(QStringLiteral("connection-dialog.png"))));
    }

    void lineageAndCompareOpenFromTheWindow()
    {
        m_window->navigateTo(PageLocation::object(QStringLiteral("shared"), QStringLiteral("fraud_detection"),
                                                  ObjectKind::FeatureService, QStringLiteral("fraud_scoring_v2")));
        QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ControlModifier); // lineage of what is shown
        auto *lineage = qobject_cast<LineagePage *>(m_window->currentPage());
        QVERIFY(lineage);
        QCOMPARE(m_window->location().page, PageLocation::Page::Lineage);
        QVERIFY(lineage->view()->isFocused());
        shoot(QStringLiteral("mainwindow-lineage.png"));
        // Activating a node opens its page.
        Q_EMIT lineage->view()->objectActivated({QStringLiteral("shared"),
                                                 {ObjectKind::FeatureService, QStringLiteral("fraud_scoring_v2"), QStringLiteral("fraud_detection")}});
        QCOMPARE(m_window->currentPage(), m_window->objectPage());

        const QList<QAction *> actions = m_window->findChildren<QAction *>();
        const auto compare = std::find_if(actions.begin(), actions.end(), [](QAction *a) {
            return a->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D);
        });
        QVERIFY(compare != actions.end());
        (*compare)->trigger();
        QVERIFY(qobject_cast<ComparePage *>(m_window->currentPage()));
        shoot(QStringLiteral("mainwindow-compare.png"));
        QVERIFY(m_window->goBack());
        QCOMPARE(m_window->currentPage(), m_window->objectPage());
    }

    void copiesSnippetsForFeatures()
    {
        m_window->navigateTo(PageLocation::object(QStringLiteral("shared"), QStringLiteral("fraud_detection"),
                                                  ObjectKind::Feature, QStringLiteral("customer_transaction_stats"),
                                                  QStringLiteral("txn_count_7d")));
        QTest::mouseClick(m_window->objectPage()->findChild<QPushButton *>(QStringLiteral("copyPython")), Qt::LeftButton);
        const QString python = QApplication::clipboard()->text();
        QVERIFY2(python.contains(u"get_online_features") && python.contains(u"customer_transaction_stats:txn_count_7d"),
                 qPrintable(python));
        // The feature's page says what a row needs, who serves it and how fresh it is.
        QStringList fields;
        for (const DocumentField &f : m_window->objectPage()->document().fields) {
            QStringList links;
            for (const DocumentLink &l : f.links)
                links << l.name;
            fields << f.label + QStringLiteral(": ") + f.value + links.join(u',');
        }
        const QString page = fields.join(u'\n');
        QVERIFY2(page.contains(u"Entities: customer"), qPrintable(page));
        QVERIFY2(page.contains(u"Join keys: customer_id"), qPrintable(page));
        QVERIFY2(page.contains(u"Feature services of its view: ") && page.contains(u"fraud_scoring_v1"), qPrintable(page));
        QVERIFY2(page.contains(u"Freshness of its view: "), qPrintable(page));
        shoot(QStringLiteral("mainwindow-feature.png"));
        QTest::mouseClick(m_window->objectPage()->findChild<QPushButton *>(QStringLiteral("copyCli")), Qt::LeftButton);
        QVERIFY2(QApplication::clipboard()->text().contains(u"feast "), qPrintable(QApplication::clipboard()->text()));
    }

    void copiesAFeatureServiceSnippetAndNothingForAnEntity()
    {
        m_window->navigateTo(PageLocation::object(QStringLiteral("shared"), QStringLiteral("fraud_detection"),
                                                  ObjectKind::FeatureService, QStringLiteral("fraud_scoring_v1")));
        auto *python = m_window->objectPage()->findChild<QPushButton *>(QStringLiteral("copyPython"));
        QVERIFY(python->isEnabled());
        QApplication::clipboard()->clear();
        QTest::mouseClick(python, Qt::LeftButton);
        const QString snippet = QApplication::clipboard()->text();
        QVERIFY2(snippet.contains(u"store.get_feature_service(\"fraud_scoring_v1\")"), qPrintable(snippet));
        QVERIFY2(snippet.contains(u"\"customer_id\":"), qPrintable(snippet)); // the join key of its views' entity
        // An entity has nothing to read online: the button says so by being disabled.
        m_window->navigateTo(PageLocation::object(QStringLiteral("shared"), QStringLiteral("fraud_detection"),
                                                  ObjectKind::Entity, QStringLiteral("customer")));
        QVERIFY(!python->isEnabled());
    }

    void exportsOperatorCrsForTheWorkspacesTenants()
    {
        qputenv("FEAST_CONSOLE_CRD", FEAST_CONSOLE_CRD_SCHEMA); // tests are not linked with the embedded copy
        m_window->openCrExportWizard();
        auto *wizard = m_window->findChild<CrExportWizard *>();
        QVERIFY(wizard);
        QTRY_VERIFY(!wizard->yamlText().isEmpty());
        // Prefilled from the loaded catalog: the tenants' projects appear in the CRs.
        QVERIFY2(wizard->yamlText().contains(u"fraud_detection") || wizard->yamlText().contains(u"alpha_recs"),
                 qPrintable(wizard->yamlText().left(400)));
        // An isolated connection's CR is named after the tenant it was given, not its project.
        QVERIFY2(wizard->yamlText().contains(u"name: team-alpha"), qPrintable(wizard->yamlText().left(2000)));
        // "default" says what the topology picks.
        auto *traffic = wizard->findChild<QComboBox *>(QStringLiteral("traffic"));
        QVERIFY2(traffic->itemText(0).startsWith(u"topology default: "), qPrintable(traffic->itemText(0)));
        QVERIFY(wizard->grab().save(artifactPath(QStringLiteral("mainwindow-export-cr.png"))));
        wizard->close();
    }

    void cleanupTestCase()
    {
        m_proxyTesters.clear();
        m_window.reset();
        m_core.reset();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
