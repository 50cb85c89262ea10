// Lineage and compare against the real Feast fixtures (ctest fixture `feast`):
// the demo workspace (shared registry over gRPC, team-alpha, team-beta) plus
// the shared registry read from its registry.db file, with screenshots.
#include "catalog/catalog.h"
#include "compare/comparisontablemodel.h"
#include "compare/comparepage.h"
#include "lineage/lineagegraph.h"
#include "lineage/lineagelayout.h"
#include "lineage/lineageview.h"
#include "registry/onlinefeaturesrequest.h"
#include "registry/detailedcomparison.h"
#include "testsupport.h"
#include "registry/workspacesession.h"

#include <QApplication>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace feastconsole;
using namespace feastconsole::test;

namespace {

const QString fraud = QStringLiteral("fraud_detection");

ObjectRefWithConnection shared(ObjectKind kind, const char *name, const QString &project = fraud)
{
    return {QStringLiteral("shared"), {kind, QString::fromUtf8(name), project}};
}

QStringList names(const Comparison &c, DifferenceStatus status, ObjectKind kind)
{
    QStringList result;
    for (const ObjectDifference &d : c.differences) {
        if (d.status == status && d.kind == kind)
            result << d.name;
    }
    return result;
}

QString describe(const Comparison &c)
{
    QString text;
    for (const ObjectDifference &d : c.differences) {
        text += kindId(d.kind) + u' ' + d.name + u' ' + CompareModel::statusText(d.status) + u'\n';
        for (const FieldDifference &f : d.fields)
            text += u"    " + f.path + u": " + f.left.left(80) + u" | " + f.right.left(80) + u'\n';
    }
    return text;
}

} // namespace

class TestLineageCompare : public QObject
{
    Q_OBJECT
    Catalog m_catalog;
    std::unique_ptr<WorkspaceSession> m_session;

private Q_SLOTS:
    void initTestCase()
    {
        WorkspaceResult loaded = loadWorkspace(fixtures().value(QStringLiteral("workspace")).toString());
        QVERIFY2(loaded.workspace, qPrintable(loaded.error));
        Workspace workspace = *loaded.workspace;
        ConnectionSpec file;
        file.name = QStringLiteral("shared-file");
        file.url = QStringLiteral("file://") + fixtureServer(QStringLiteral("shared")).value(QStringLiteral("registry")).toString();
        file.mode = ConnectionMode::Shared;
        file.tenantTag = QStringLiteral("team");
        workspace.connections.append(file);
        m_session = std::make_unique<WorkspaceSession>(&m_catalog);
        m_session->setWorkspace(workspace);
        m_session->startAll();
        QTRY_VERIFY_WITH_TIMEOUT(m_session->isSettled(), 60000);
        for (const QString &name : {QStringLiteral("shared"), QStringLiteral("shared-file"), QStringLiteral("team-alpha"),
                                    QStringLiteral("team-beta")})
            QVERIFY2(m_catalog.part(name), qPrintable(name));
    }

    void lineageOfFraudDetection()
    {
        const LineageGraph g = LineageGraph::build(QStringLiteral("shared"), *m_catalog.part(QStringLiteral("shared")), fraud);
        auto edge = [&](ObjectKind fromKind, const char *from, ObjectKind toKind, const char *to) {
            const int a = g.indexOf(shared(fromKind, from));
            const int b = g.indexOf(shared(toKind, to));
            return a >= 0 && b >= 0 && g.hasEdge(a, b);
        };
        using K = ObjectKind;
        // tests/fixtures/shared/fraud_detection/{sources,features}.py
        QVERIFY(edge(K::DataSource, "customer_stats_file", K::FeatureView, "customer_transaction_stats"));
        QVERIFY(edge(K::Entity, "customer", K::FeatureView, "customer_transaction_stats"));
        QVERIFY(edge(K::Entity, "customer", K::FeatureView, "customer_merchant_affinity"));
        QVERIFY(edge(K::Entity, "merchant", K::FeatureView, "customer_merchant_affinity"));
        QVERIFY(edge(K::DataSource, "merchant_risk_file", K::FeatureView, "merchant_risk"));
        QVERIFY(edge(K::DataSource, "realtime_flags_push", K::FeatureView, "customer_realtime_flags"));
        QVERIFY(edge(K::DataSource, "realtime_flags_file", K::DataSource, "realtime_flags_push"));
        QVERIFY(edge(K::DataSource, "card_events_file", K::DataSource, "card_events_stream"));
        QVERIFY(edge(K::DataSource, "card_events_stream", K::StreamFeatureView, "card_activity_10m"));
        QVERIFY(edge(K::Entity, "card", K::StreamFeatureView, "card_activity_10m"));
        QVERIFY(edge(K::FeatureView, "customer_transaction_stats", K::OnDemandFeatureView, "transaction_amount_signals"));
        QVERIFY(edge(K::DataSource, "transaction_request", K::OnDemandFeatureView, "transaction_amount_signals"));
        QVERIFY(edge(K::FeatureView, "merchant_risk", K::OnDemandFeatureView, "merchant_channel_risk"));
        QVERIFY(edge(K::DataSource, "transaction_request", K::OnDemandFeatureView, "merchant_channel_risk"));
        QVERIFY(edge(K::FeatureView, "customer_transaction_stats", K::FeatureService, "fraud_scoring_v1"));
        QVERIFY(edge(K::FeatureView, "merchant_risk", K::FeatureService, "fraud_scoring_v1"));
        QVERIFY(edge(K::OnDemandFeatureView, "transaction_amount_signals", K::FeatureService, "fraud_scoring_v1"));
        QVERIFY(edge(K::StreamFeatureView, "card_activity_10m", K::FeatureService, "fraud_scoring_v2"));
        QVERIFY(edge(K::OnDemandFeatureView, "merchant_channel_risk", K::FeatureService, "fraud_scoring_v2"));
        QVERIFY(!edge(K::FeatureView, "merchant_risk", K::FeatureService, "fraud_scoring_v2"));
        for (const LineageNode &n : g.nodes()) {
            QVERIFY2(!n.missing && !n.external, qPrintable(n.object.ref.name));
            QCOMPARE(n.object.ref.project, fraud);
        }
        // 3 entities, 8 sources (5 files, Kafka, push, request), 5 views, 2 ODFVs, 2 services, 1 saved dataset.
        QCOMPARE(g.nodeCount(), 21);

        const int odfv = g.indexOf(shared(K::OnDemandFeatureView, "transaction_amount_signals"));
        QStringList upstream;
        for (int n : g.upstreamOf(odfv))
            upstream << g.node(n).object.ref.name;
        upstream.sort();
        QCOMPARE(upstream, (QStringList{QStringLiteral("customer"), QStringLiteral("customer_stats_file"),
                                        QStringLiteral("customer_transaction_stats"), QStringLiteral("transaction_request")}));

        const LineageLayout layout = layoutLineage(g);
        for (size_t a = 0; a < layout.nodes.size(); ++a) {
            for (size_t b = a + 1; b < layout.nodes.size(); ++b)
                QVERIFY(!layout.nodes[a].rect.intersects(layout.nodes[b].rect));
        }
        for (const LineageEdge &e : g.edges())
            QVERIFY(layout.nodes[size_t(e.from)].layer < layout.nodes[size_t(e.to)].layer);

        // The whole shared registry: three projects, nothing dangling.
        const LineageGraph whole = LineageGraph::build({{QStringLiteral("shared"), m_catalog.part(QStringLiteral("shared"))}});
        QVERIFY(whole.nodeCount() > g.nodeCount());
        QVERIFY(whole.hasEdge(whole.indexOf({QStringLiteral("shared"), {K::FeatureService, QStringLiteral("credit_decision"), QStringLiteral("credit_risk")}}),
                              whole.indexOf({QStringLiteral("shared"), {K::SavedDataset, QStringLiteral("credit_underwriting_snapshot"), QStringLiteral("credit_risk")}}))); // saved_datasets.py
        for (const LineageNode &n : whole.nodes())
            QVERIFY2(!n.missing, qPrintable(n.object.ref.name));
    }

    void lineageViewRendersAndActivates()
    {
        LineageView view;
        view.resize(1500, 820);
        view.setGraph(LineageGraph::build(QStringLiteral("shared"), *m_catalog.part(QStringLiteral("shared")), fraud));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.grab().save(artifactPath(QStringLiteral("lineage-fraud_detection.png"))));

        // Hovering highlights the object's upstream and downstream.
        const ObjectRefWithConnection odfv = shared(ObjectKind::OnDemandFeatureView, "transaction_amount_signals");
        const int node = view.shownGraph().indexOf(odfv);
        view.highlight(node);
        QCOMPARE(view.highlightedNode(), node);
        QVERIFY(view.grab().save(artifactPath(QStringLiteral("lineage-fraud_detection-hover.png"))));
        view.highlight(-1);

        // A click on a box activates its object.
        QSignalSpy activated(&view, &LineageView::objectActivated);
        const QPoint at = view.mapFromScene(view.layout().nodes[size_t(node)].rect.center());
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.first().first().value<ObjectRefWithConnection>(), odfv);
        QCOMPARE(view.selectedObject(), std::optional(odfv));
        // Enter too; F focuses, Escape shows everything again.
        QTest::keyClick(&view, Qt::Key_Return);
        QCOMPARE(activated.count(), 2);
        QTest::keyClick(&view, Qt::Key_F);
        QVERIFY(view.isFocused());
        QCOMPARE(view.shownGraph().nodeCount(), 6); // 4 upstream, itself, fraud_scoring_v1
        QVERIFY(view.grab().save(artifactPath(QStringLiteral("lineage-focus-transaction_amount_signals.png"))));
        QTest::keyClick(&view, Qt::Key_Escape);
        QVERIFY(!view.isFocused());
        QCOMPARE(view.shownGraph().nodeCount(), view.graph().nodeCount());
        QCOMPARE(view.selectedObject(), std::optional(odfv));
        const double before = view.transform().m11();
        QTest::keyClick(&view, Qt::Key_Equal, Qt::ControlModifier);
        QVERIFY(view.transform().m11() > before);
        QTest::keyClick(&view, Qt::Key_Minus, Qt::ControlModifier);
        QVERIFY(qFuzzyCompare(view.transform().m11(), before));
        QVERIFY(!view.focusOn(shared(ObjectKind::FeatureView, "no_such_view")));
        view.setGraph({});
        QVERIFY(view.grab().save(artifactPath(QStringLiteral("lineage-empty.png"))));
    }

    void compareIsolatedTenants()
    {
        const Comparison c = compareInCatalog(m_catalog, {QStringLiteral("team-alpha"), {}, {}}, {QStringLiteral("team-beta"), {}, {}});
        QVERIFY2(c.errors.isEmpty(), qPrintable(c.errors.join(u'\n')));
        QVERIFY(c.byNameAcrossProjects); // alpha_recs against beta_search
        using S = DifferenceStatus;
        QCOMPARE(names(c, S::OnlyLeft, ObjectKind::FeatureView), (QStringList{QStringLiteral("item_popularity"), QStringLiteral("shopper_preferences")}));
        QCOMPARE(names(c, S::OnlyRight, ObjectKind::FeatureView), (QStringList{QStringLiteral("document_quality"), QStringLiteral("query_stats")}));
        QCOMPARE(names(c, S::OnlyLeft, ObjectKind::FeatureService), (QStringList{QStringLiteral("candidate_generation"), QStringLiteral("ranking")}));
        QCOMPARE(names(c, S::OnlyRight, ObjectKind::Entity), (QStringList{QStringLiteral("document"), QStringLiteral("search_query")}));
        // The two Project records pair up; their names are not a difference.
        const auto project = std::find_if(c.differences.begin(), c.differences.end(),
                                          [](const ObjectDifference &d) { return d.kind == ObjectKind::Project; });
        QVERIFY(project != c.differences.end());
        QStringList paths;
        for (const FieldDifference &f : project->fields)
            paths << f.path;
        QVERIFY2(paths.contains(u"spec.description"_qs) && paths.contains(u"spec.tags.team"_qs), qPrintable(paths.join(u' ')));
        QVERIFY(!paths.contains(u"spec.name"_qs));
        for (const FieldDifference &f : project->fields)
            QVERIFY2(!f.path.contains(u"timestamp"), qPrintable(f.path));
    }

    void compareTwoProjectsOfTheSharedRegistry()
    {
        const Comparison c = compareInCatalog(m_catalog, {QStringLiteral("shared"), {}, fraud},
                                              {QStringLiteral("shared"), {}, QStringLiteral("credit_risk")});
        QVERIFY2(c.errors.isEmpty(), qPrintable(c.errors.join(u'\n')));
        QVERIFY(c.byNameAcrossProjects);
        QVERIFY(names(c, DifferenceStatus::OnlyLeft, ObjectKind::FeatureView).contains(u"merchant_risk"_qs));
        QVERIFY(c.count(DifferenceStatus::OnlyRight) > 0);
        for (const ObjectDifference &d : c.differences) {
            for (const FieldDifference &f : d.fields)
                QVERIFY2(!(f.path.endsWith(u"project") && f.left == fraud && f.right == u"credit_risk"), qPrintable(f.path));
        }
    }

    void sameRegistryOverGrpcAndFromItsFile()
    {
        // Staging against production, where both are the same registry read
        // two ways: whatever differs is how Feast's server rewrites objects.
        const Comparison c = compareInCatalog(m_catalog, {QStringLiteral("shared"), {}, {}}, {QStringLiteral("shared-file"), {}, {}});
        QVERIFY2(c.errors.isEmpty(), qPrintable(c.errors.join(u'\n')));
        QVERIFY(!c.byNameAcrossProjects);
        QVERIFY2(c.count(DifferenceStatus::OnlyLeft) == 0 && c.count(DifferenceStatus::OnlyRight) == 0, qPrintable(describe(c)));
        QVERIFY(c.identical > 30);
        // Feast 0.66's server rebuilds data sources through Python objects and
        // drops their data_source_class_type; the file keeps it. Nothing else differs.
        QVERIFY(c.count(DifferenceStatus::Changed) > 0);
        for (const ObjectDifference &d : c.differences) {
            QCOMPARE(d.kind, ObjectKind::DataSource);
            QCOMPARE(d.fields.size(), 1);
            QCOMPARE(d.fields.first().path, u"data_source_class_type");
            QVERIFY(!d.fields.first().onLeft && d.fields.first().onRight);
            QVERIFY(d.fields.first().right.startsWith(u"feast."));
        }
    }

    void comparePageRenders()
    {
        ComparePage page(&m_catalog);
        page.resize(1400, 800);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(ComparePage::scopesOf(m_catalog).contains(CompareScope{QStringLiteral("shared"), {}, fraud}));
        QSignalSpy finished(&page, &ComparePage::comparisonFinished);
        QVERIFY(page.setScopes({QStringLiteral("team-alpha"), {}, {}}, {QStringLiteral("team-beta"), {}, {}}));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        auto *tree = page.findChild<QTreeView *>();
        QVERIFY(tree->model()->rowCount() > 3);
        QVERIFY(page.findChild<QLabel *>(QStringLiteral("summary"))->text().contains(u"only left"));
        QVERIFY(!page.findChild<QLabel *>(QStringLiteral("messageBar"))->isVisible());
        QVERIFY(page.grab().save(artifactPath(QStringLiteral("compare-team-alpha-vs-team-beta.png"))));

        // Activating an object row asks to open it.
        QSignalSpy activated(&page, &ComparePage::objectActivated);
        const QModelIndex firstKind = tree->model()->index(0, 0);
        const QModelIndex firstObject = tree->model()->index(0, 0, firstKind);
        QVERIFY(firstObject.isValid());
        Q_EMIT tree->activated(firstObject);
        QCOMPARE(activated.count(), 1);

        page.filterModel()->setStatusShown(DifferenceStatus::OnlyLeft, false);
        page.filterModel()->setStatusShown(DifferenceStatus::OnlyRight, false);
        QCOMPARE(tree->model()->rowCount(), 1); // the project record only

        QVERIFY(page.setScopes({QStringLiteral("shared"), {}, fraud}, {QStringLiteral("shared"), {}, QStringLiteral("marketing")}));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 30000);
        page.filterModel()->setStatusShown(DifferenceStatus::OnlyLeft, true);
        page.filterModel()->setStatusShown(DifferenceStatus::OnlyRight, true);
        tree->expandAll();
        QVERIFY(page.grab().save(artifactPath(QStringLiteral("compare-fraud_detection-vs-marketing.png"))));
    }

    void onlineFeaturesRequestFromTheRegistry()
    {
        const CatalogPartPtr part = m_catalog.part(QStringLiteral("shared"));
        const RegistrySnapshot &snap = part->snapshot();
        QList<qsizetype> features;
        for (qsizetype f = 0; f < snap.features.size(); ++f) {
            const CatalogObject &view = snap.objects[size_t(snap.features.row(f).view)];
            if (view.project == fraud && view.name == u"transaction_amount_signals" && snap.features.name(f) == u"amount_to_avg_ratio")
                features << f;
        }
        QCOMPARE(features.size(), 1);
        const OnlineFeaturesRequest request = onlineFeaturesRequest(*part, features);
        QCOMPARE(request.project, fraud);
        QCOMPARE(request.features, QStringList{QStringLiteral("transaction_amount_signals:amount_to_avg_ratio")});
        QCOMPARE(request.joinKeys, (QList<SnippetField>{{QStringLiteral("customer_id"), 4}})); // Int64, through the source view
        QCOMPARE(request.requestFields, (QList<SnippetField>{{QStringLiteral("amount"), 5}, {QStringLiteral("channel"), 2}}));
    }
};

QTEST_MAIN(TestLineageCompare)
#include "tst_lineagecompare.moc"
