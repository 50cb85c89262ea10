// LineageGraph and its layered layout on hand-built snapshots.
#include "catalog/catalogpart.h"
#include "lineage/lineagegraph.h"
#include "lineage/lineagelayout.h"
#include "testsupport.h"

#include <QTest>

using namespace feastconsole;
using namespace feastconsole::test;

namespace {

const QString conn = QStringLiteral("shared");
const QString p = QStringLiteral("p");

ObjectRefWithConnection refOf(ObjectKind kind, const QString &name, const QString &project = p)
{
    return {conn, {kind, name, project}};
}

// Adds `references` to the last object the builder made.
void uses(SnapshotBuilder &b, QList<ObjectRef> references)
{
    b.snapshot->objects.back().references = std::move(references);
}

CatalogPartPtr partOf(const SnapshotBuilder &b)
{
    ConnectionSpec spec;
    spec.name = conn;
    return CatalogPart::build(spec, b.build());
}

// sources s1, s2 (s2 is a stream source over s1), entity e, views v1 (s1, e),
// v2 (s2, e), on-demand o (v1 + request source r), service fs (v1, o),
// saved dataset ds (fs), validation reference vr (ds); project q has x used by v2.
SnapshotBuilder fraudLike()
{
    SnapshotBuilder b;
    b.project(p).project(QStringLiteral("q"));
    b.object(ObjectKind::DataSource, p, QStringLiteral("s1"));
    b.object(ObjectKind::DataSource, p, QStringLiteral("s2"));
    uses(b, {{ObjectKind::DataSource, QStringLiteral("s1"), {}}});
    b.object(ObjectKind::DataSource, p, QStringLiteral("r"));
    b.object(ObjectKind::Entity, p, QStringLiteral("e"));
    b.view(p, QStringLiteral("v1"), {{QStringLiteral("f"), 4}});
    uses(b, {{ObjectKind::Entity, QStringLiteral("e"), {}}, {ObjectKind::DataSource, QStringLiteral("s1"), {}}});
    b.object(ObjectKind::StreamFeatureView, p, QStringLiteral("v2"));
    uses(b, {{ObjectKind::Entity, QStringLiteral("e"), {}}, {ObjectKind::DataSource, QStringLiteral("s2"), {}},
             {ObjectKind::FeatureView, QStringLiteral("x"), QStringLiteral("q")}});
    b.object(ObjectKind::OnDemandFeatureView, p, QStringLiteral("o"));
    uses(b, {{ObjectKind::FeatureView, QStringLiteral("v1"), {}}, {ObjectKind::DataSource, QStringLiteral("r"), {}}});
    b.object(ObjectKind::FeatureService, p, QStringLiteral("fs"));
    uses(b, {{ObjectKind::FeatureView, QStringLiteral("v1"), {}}, {ObjectKind::FeatureView, QStringLiteral("o"), {}}});
    b.object(ObjectKind::SavedDataset, p, QStringLiteral("ds"));
    uses(b, {{ObjectKind::FeatureService, QStringLiteral("fs"), {}}});
    b.object(ObjectKind::ValidationReference, p, QStringLiteral("vr"));
    uses(b, {{ObjectKind::SavedDataset, QStringLiteral("ds"), {}}});
    b.object(ObjectKind::Permission, p, QStringLiteral("perm"));
    b.view(QStringLiteral("q"), QStringLiteral("x"), {});
    return b;
}

void verifyLayout(const LineageGraph &graph, const LineageLayout &layout)
{
    QCOMPARE(layout.nodes.size(), size_t(graph.nodeCount()));
    QCOMPARE(layout.routes.size(), graph.edges().size());
    for (size_t a = 0; a < layout.nodes.size(); ++a) {
        QVERIFY(layout.nodes[a].rect.isValid());
        QVERIFY(layout.nodes[a].layer >= 0 && layout.nodes[a].layer < layout.layerCount);
        for (size_t b = a + 1; b < layout.nodes.size(); ++b)
            QVERIFY2(!layout.nodes[a].rect.intersects(layout.nodes[b].rect),
                     qPrintable(graph.node(int(a)).object.ref.name + u" overlaps " + graph.node(int(b)).object.ref.name));
    }
    for (size_t e = 0; e < graph.edges().size(); ++e) {
        const LineageEdge &edge = graph.edges()[e];
        if (edge.from == edge.to)
            continue;
        QVERIFY(layout.routes[e].size() >= 2);
        const auto &from = layout.nodes[size_t(edge.from)];
        const auto &to = layout.nodes[size_t(edge.to)];
        // Upstream left of downstream, unless the edge closes a cycle.
        if (!graph.upstreamOf(edge.from).contains(edge.to)) {
            QVERIFY2(from.layer < to.layer, qPrintable(graph.node(edge.from).object.ref.name + u" -> " + graph.node(edge.to).object.ref.name));
            QCOMPARE(layout.routes[e].first().x(), from.rect.right());
            QCOMPARE(layout.routes[e].last().x(), to.rect.left());
        }
    }
}

} // namespace

class TestLineageGraph : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void edgesOfAProject()
    {
        const CatalogPartPtr part = partOf(fraudLike());
        const LineageGraph g = LineageGraph::build(conn, *part, p);
        auto at = [&](ObjectKind kind, const QString &name, const QString &project = p) {
            const int i = g.indexOf(refOf(kind, name, project));
            if (i < 0)
                qWarning("no node %s", qPrintable(name));
            return i;
        };
        // No projects, permissions or features; x of project q as an external node.
        QCOMPARE(g.nodeCount(), 11);
        QVERIFY(g.hasEdge(at(ObjectKind::DataSource, QStringLiteral("s1")), at(ObjectKind::FeatureView, QStringLiteral("v1"))));
        QVERIFY(g.hasEdge(at(ObjectKind::Entity, QStringLiteral("e")), at(ObjectKind::FeatureView, QStringLiteral("v1"))));
        QVERIFY(g.hasEdge(at(ObjectKind::DataSource, QStringLiteral("s1")), at(ObjectKind::DataSource, QStringLiteral("s2"))));
        QVERIFY(g.hasEdge(at(ObjectKind::DataSource, QStringLiteral("s2")), at(ObjectKind::StreamFeatureView, QStringLiteral("v2"))));
        QVERIFY(g.hasEdge(at(ObjectKind::FeatureView, QStringLiteral("v1")), at(ObjectKind::OnDemandFeatureView, QStringLiteral("o"))));
        QVERIFY(g.hasEdge(at(ObjectKind::DataSource, QStringLiteral("r")), at(ObjectKind::OnDemandFeatureView, QStringLiteral("o"))));
        // A service's reference names a "feature view"; it resolves to the on-demand view.
        QVERIFY(g.hasEdge(at(ObjectKind::OnDemandFeatureView, QStringLiteral("o")), at(ObjectKind::FeatureService, QStringLiteral("fs"))));
        QCOMPARE(at(ObjectKind::FeatureView, QStringLiteral("o")), at(ObjectKind::OnDemandFeatureView, QStringLiteral("o")));
        QVERIFY(g.hasEdge(at(ObjectKind::FeatureService, QStringLiteral("fs")), at(ObjectKind::SavedDataset, QStringLiteral("ds"))));
        QVERIFY(g.hasEdge(at(ObjectKind::SavedDataset, QStringLiteral("ds")), at(ObjectKind::ValidationReference, QStringLiteral("vr"))));
        QVERIFY(!g.hasEdge(at(ObjectKind::FeatureView, QStringLiteral("v1")), at(ObjectKind::DataSource, QStringLiteral("s1"))));
        QCOMPARE(g.edges().size(), size_t(12));

        const int x = at(ObjectKind::FeatureView, QStringLiteral("x"), QStringLiteral("q"));
        QVERIFY(x >= 0);
        QVERIFY(g.node(x).external);
        QVERIFY(!g.node(x).missing);
        QVERIFY(g.hasEdge(x, at(ObjectKind::StreamFeatureView, QStringLiteral("v2"))));
        QVERIFY(!g.node(at(ObjectKind::FeatureView, QStringLiteral("v1"))).external);

        // The whole connection: x is a member, not external.
        const LineageGraph whole = LineageGraph::build(conn, *part);
        QCOMPARE(whole.nodeCount(), 11);
        QVERIFY(!whole.node(whole.indexOf(refOf(ObjectKind::FeatureView, QStringLiteral("x"), QStringLiteral("q")))).external);
    }

    void upstreamAndDownstream()
    {
        const CatalogPartPtr part = partOf(fraudLike());
        const LineageGraph g = LineageGraph::build(conn, *part, p);
        auto names = [&](const QList<int> &nodes) {
            QStringList result;
            for (int n : nodes)
                result << g.node(n).object.ref.name;
            result.sort();
            return result;
        };
        const int o = g.indexOf(refOf(ObjectKind::OnDemandFeatureView, QStringLiteral("o")));
        QCOMPARE(names(g.upstreamOf(o)), (QStringList{QStringLiteral("e"), QStringLiteral("r"), QStringLiteral("s1"), QStringLiteral("v1")}));
        QCOMPARE(names(g.downstreamOf(o)), (QStringList{QStringLiteral("ds"), QStringLiteral("fs"), QStringLiteral("vr")}));
        const int s1 = g.indexOf(refOf(ObjectKind::DataSource, QStringLiteral("s1")));
        QCOMPARE(names(g.downstreamOf(s1)), (QStringList{QStringLiteral("ds"), QStringLiteral("fs"), QStringLiteral("o"),
                                                         QStringLiteral("s2"), QStringLiteral("v1"), QStringLiteral("v2"),
                                                         QStringLiteral("vr")}));
        QVERIFY(g.upstreamOf(s1).isEmpty());

        const LineageGraph focused = g.focusedOn(o);
        QCOMPARE(focused.nodeCount(), 8);
        QCOMPARE(focused.indexOf(refOf(ObjectKind::StreamFeatureView, QStringLiteral("v2"))), -1);
        QVERIFY(focused.hasEdge(focused.indexOf(refOf(ObjectKind::FeatureView, QStringLiteral("v1"))),
                                focused.indexOf(refOf(ObjectKind::FeatureService, QStringLiteral("fs")))));
        QVERIFY(g.focusedOn(-1).isEmpty());
        QVERIFY(g.focusedOn(1000).isEmpty());
    }

    void danglingReferencesBecomeMissingNodes()
    {
        SnapshotBuilder b;
        b.project(p);
        b.view(p, QStringLiteral("v"), {});
        uses(b, {{ObjectKind::DataSource, QStringLiteral("gone"), {}}, {ObjectKind::Entity, QStringLiteral("nobody"), {}},
                 {ObjectKind::FeatureView, QStringLiteral("elsewhere"), QStringLiteral("other")}});
        const CatalogPartPtr part = partOf(b);
        const LineageGraph g = LineageGraph::build(conn, *part, p);
        QCOMPARE(g.nodeCount(), 4);
        const int gone = g.indexOf(refOf(ObjectKind::DataSource, QStringLiteral("gone")));
        QVERIFY(g.node(gone).missing);
        QVERIFY(!g.node(gone).external);
        const int elsewhere = g.indexOf(refOf(ObjectKind::FeatureView, QStringLiteral("elsewhere"), QStringLiteral("other")));
        QVERIFY(g.node(elsewhere).missing && g.node(elsewhere).external);
        verifyLayout(g, layoutLineage(g));
    }

    void cyclesAndSelfReferencesDoNotHang()
    {
        SnapshotBuilder b;
        b.project(p);
        b.view(p, QStringLiteral("a"), {});
        uses(b, {{ObjectKind::FeatureView, QStringLiteral("b"), {}}});
        b.view(p, QStringLiteral("b"), {});
        uses(b, {{ObjectKind::FeatureView, QStringLiteral("c"), {}}});
        b.view(p, QStringLiteral("c"), {});
        uses(b, {{ObjectKind::FeatureView, QStringLiteral("a"), {}}, {ObjectKind::FeatureView, QStringLiteral("c"), {}}});
        b.object(ObjectKind::FeatureService, p, QStringLiteral("fs"));
        uses(b, {{ObjectKind::FeatureView, QStringLiteral("a"), {}}});
        const CatalogPartPtr part = partOf(b);
        const LineageGraph g = LineageGraph::build(conn, *part, p);
        QCOMPARE(g.nodeCount(), 4);
        const int a = g.indexOf(refOf(ObjectKind::FeatureView, QStringLiteral("a")));
        QCOMPARE(g.upstreamOf(a).size(), 2); // b, c (a itself is not counted)
        QCOMPARE(g.downstreamOf(a).size(), 3); // b, c (around the cycle) and fs
        QCOMPARE(g.focusedOn(a).nodeCount(), 4);
        verifyLayout(g, layoutLineage(g));
    }

    void emptyInputs()
    {
        SnapshotBuilder b;
        b.project(p);
        const CatalogPartPtr part = partOf(b);
        QVERIFY(LineageGraph::build(conn, *part, p).isEmpty());
        QVERIFY(LineageGraph::build(conn, *part, QStringLiteral("no_such_project")).isEmpty());
        QVERIFY(LineageGraph::build({{conn, nullptr}}).isEmpty());
        const LineageLayout layout = layoutLineage(LineageGraph());
        QCOMPARE(layout.layerCount, 0);
        QVERIFY(layout.nodes.empty());
    }

    void layoutRespectsLayersAndAvoidsOverlaps()
    {
        const CatalogPartPtr part = partOf(fraudLike());
        const LineageGraph g = LineageGraph::build(conn, *part, p);
        const LineageLayout layout = layoutLineage(g);
        verifyLayout(g, layout);
        auto layerOf = [&](ObjectKind kind, const QString &name) {
            return layout.nodes[size_t(g.indexOf(refOf(kind, name)))].layer;
        };
        QCOMPARE(layerOf(ObjectKind::DataSource, QStringLiteral("s1")), 0);
        QCOMPARE(layerOf(ObjectKind::FeatureView, QStringLiteral("v1")), 1);
        QCOMPARE(layerOf(ObjectKind::OnDemandFeatureView, QStringLiteral("o")), 2);
        QCOMPARE(layerOf(ObjectKind::FeatureService, QStringLiteral("fs")), 3);
        QCOMPARE(layerOf(ObjectKind::ValidationReference, QStringLiteral("vr")), 5);
        // The request source sits next to its only user, not at the far left.
        QCOMPARE(layerOf(ObjectKind::DataSource, QStringLiteral("r")), 1);
        QCOMPARE(layout.layerCount, 6);
        // v1 -> fs spans two columns: routed through a channel of column 2.
        const int v1 = g.indexOf(refOf(ObjectKind::FeatureView, QStringLiteral("v1")));
        const int fs = g.indexOf(refOf(ObjectKind::FeatureService, QStringLiteral("fs")));
        const auto edge = std::find(g.edges().begin(), g.edges().end(), LineageEdge{v1, fs});
        QCOMPARE(layout.routes[size_t(edge - g.edges().begin())].size(), 4);
    }

    void barycenterRemovesAvoidableCrossings()
    {
        // Two independent chains whose initial (alphabetical) order crosses:
        // sources a, b; views named so that b's view sorts first.
        SnapshotBuilder b;
        b.project(p);
        for (int i = 0; i < 6; ++i)
            b.object(ObjectKind::DataSource, p, QStringLiteral("src%1").arg(i));
        for (int i = 0; i < 6; ++i) {
            b.view(p, QStringLiteral("view%1").arg(5 - i), {});
            uses(b, {{ObjectKind::DataSource, QStringLiteral("src%1").arg(i), {}}});
            b.object(ObjectKind::FeatureService, p, QStringLiteral("svc%1").arg(i));
            uses(b, {{ObjectKind::FeatureView, QStringLiteral("view%1").arg(5 - i), {}},
                     {ObjectKind::FeatureView, QStringLiteral("view%1").arg((5 - i + 1) % 6), {}}});
        }
        const CatalogPartPtr part = partOf(b);
        const LineageGraph g = LineageGraph::build(conn, *part, p);
        const LineageLayout layout = layoutLineage(g);
        verifyLayout(g, layout);
        LineageLayoutMetrics noSweeps;
        noSweeps.sweeps = 0;
        const LineageLayout unordered = layoutLineage(g, noSweeps);
        QVERIFY2(layout.crossings < unordered.crossings,
                 qPrintable(QStringLiteral("%1 vs %2").arg(layout.crossings).arg(unordered.crossings)));
    }

    void largeGraphLaysOutQuickly()
    {
        SnapshotBuilder b;
        b.project(p);
        for (int i = 0; i < 2000; ++i) {
            b.object(ObjectKind::DataSource, p, QStringLiteral("s%1").arg(i));
            b.view(p, QStringLiteral("v%1").arg(i), {});
            uses(b, {{ObjectKind::DataSource, QStringLiteral("s%1").arg(i), {}},
                     {ObjectKind::DataSource, QStringLiteral("s%1").arg((i * 7) % 2000), {}}});
            if (i % 10 == 0) {
                b.object(ObjectKind::FeatureService, p, QStringLiteral("fs%1").arg(i));
                uses(b, {{ObjectKind::FeatureView, QStringLiteral("v%1").arg(i), {}},
                         {ObjectKind::FeatureView, QStringLiteral("v%1").arg((i * 13) % 2000), {}}});
            }
        }
        const CatalogPartPtr part = partOf(b);
        QElapsedTimer timer;
        timer.start();
        const LineageGraph g = LineageGraph::build(conn, *part, p);
        const LineageLayout layout = layoutLineage(g);
        QCOMPARE(layout.nodes.size(), size_t(4200));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TestLineageGraph)
#include "tst_lineagegraph.moc"
