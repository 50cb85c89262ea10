#include "lineage/lineagelayout.h"

#include <algorithm>
#include <numeric>

namespace feastconsole {

namespace {

int kindRank(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Entity: return 0;
    case ObjectKind::DataSource: return 1;
    case ObjectKind::FeatureView: return 2;
    case ObjectKind::StreamFeatureView: return 3;
    case ObjectKind::LabelView: return 4;
    case ObjectKind::OnDemandFeatureView: return 5;
    case ObjectKind::FeatureService: return 6;
    case ObjectKind::SavedDataset: return 7;
    case ObjectKind::ValidationReference: return 8;
    default: return 9;
    }
}

// Edges the DFS finds closing a cycle; they are laid out reversed.
std::vector<bool> backEdges(int nodeCount, const std::vector<LineageEdge> &edges)
{
    std::vector<QList<int>> out(static_cast<size_t>(nodeCount));
    for (int e = 0; e < int(edges.size()); ++e)
        out[size_t(edges[size_t(e)].from)].append(e);
    enum : quint8 { White, Grey, Black };
    std::vector<quint8> colour(static_cast<size_t>(nodeCount), White);
    std::vector<bool> back(edges.size(), false);
    for (int root = 0; root < nodeCount; ++root) {
        if (colour[size_t(root)] != White)
            continue;
        std::vector<std::pair<int, int>> stack{{root, 0}}; // node, next out-edge
        colour[size_t(root)] = Grey;
        while (!stack.empty()) {
            auto &[node, next] = stack.back();
            if (next == out[size_t(node)].size()) {
                colour[size_t(node)] = Black;
                stack.pop_back();
                continue;
            }
            const int e = out[size_t(node)][next++];
            const int to = edges[size_t(e)].to;
            if (colour[size_t(to)] == Grey)
                back[size_t(e)] = true;
            else if (colour[size_t(to)] == White) {
                colour[size_t(to)] = Grey;
                stack.emplace_back(to, 0);
            }
        }
    }
    return back;
}

// Crossings between two adjacent columns: inversions of the lower ends once
// edges are sorted by their upper ends (Fenwick tree, E log V).
int crossingsBetween(std::vector<std::pair<int, int>> edges, int lowerCount)
{
    std::sort(edges.begin(), edges.end());
    std::vector<int> tree(size_t(lowerCount) + 1, 0);
    int crossings = 0;
    int seen = 0;
    for (const auto &[upper, lower] : edges) {
        int notGreater = 0;
        for (int i = lower + 1; i > 0; i -= i & -i)
            notGreater += tree[size_t(i)];
        crossings += seen - notGreater;
        for (int i = lower + 1; i <= lowerCount; i += i & -i)
            ++tree[size_t(i)];
        ++seen;
    }
    return crossings;
}

struct LayeredGraph {
    std::vector<int> layer;            // per vertex (nodes first, then pass-through dummies)
    std::vector<QList<int>> preds, succs;
    std::vector<std::vector<int>> columns; // vertex ids, top to bottom
    std::vector<int> position;         // per vertex, index in its column

    int addVertex(int inLayer)
    {
        layer.push_back(inLayer);
        preds.emplace_back();
        succs.emplace_back();
        return int(layer.size()) - 1;
    }
    void link(int a, int b)
    {
        succs[size_t(a)].append(b);
        preds[size_t(b)].append(a);
    }
    void renumber()
    {
        position.assign(layer.size(), 0);
        for (const auto &column : columns) {
            for (int i = 0; i < int(column.size()); ++i)
                position[size_t(column[size_t(i)])] = i;
        }
    }
    int crossings() const
    {
        int total = 0;
        for (size_t l = 0; l + 1 < columns.size(); ++l) {
            std::vector<std::pair<int, int>> edges;
            for (int v : columns[l]) {
                for (int w : succs[size_t(v)])
                    edges.emplace_back(position[size_t(v)], position[size_t(w)]);
            }
            total += crossingsBetween(std::move(edges), int(columns[l + 1].size()));
        }
        return total;
    }
    // Orders one column by the mean position of its neighbours in the column
    // just placed; vertices without such neighbours keep their place.
    void sortByBarycenter(size_t l, bool byPredecessors)
    {
        std::vector<int> &column = columns[l];
        std::vector<std::pair<double, int>> keyed;
        keyed.reserve(column.size());
        for (int i = 0; i < int(column.size()); ++i) {
            const int v = column[size_t(i)];
            const QList<int> &neighbours = byPredecessors ? preds[size_t(v)] : succs[size_t(v)];
            double key = i;
            if (!neighbours.isEmpty()) {
                double sum = 0;
                for (int n : neighbours)
                    sum += position[size_t(n)];
                key = sum / double(neighbours.size());
            }
            keyed.emplace_back(key, v);
        }
        std::stable_sort(keyed.begin(), keyed.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        for (int i = 0; i < int(keyed.size()); ++i) {
            column[size_t(i)] = keyed[size_t(i)].second;
            position[size_t(keyed[size_t(i)].second)] = i;
        }
    }
};

// Each vertex's column: the longest path from the sources over the acyclic
// orientation; a source (entity, data source) sits just left of its nearest user.
std::vector<int> layersOf(int n, const std::vector<LineageEdge> &edges, const std::vector<bool> &reversed)
{
    std::vector<QList<int>> dagSuccs(static_cast<size_t>(n));
    std::vector<QList<int>> dagPreds(static_cast<size_t>(n));
    for (size_t e = 0; e < edges.size(); ++e) {
        int a = edges[e].from, b = edges[e].to;
        if (a == b)
            continue;
        if (reversed[e])
            std::swap(a, b);
        dagSuccs[size_t(a)].append(b);
        dagPreds[size_t(b)].append(a);
    }
    std::vector<int> layer(static_cast<size_t>(n), 0);
    std::vector<int> pending(static_cast<size_t>(n));
    QList<int> ready;
    for (int v = 0; v < n; ++v) {
        pending[size_t(v)] = int(dagPreds[size_t(v)].size());
        if (pending[size_t(v)] == 0)
            ready.append(v);
    }
    for (qsizetype i = 0; i < ready.size(); ++i) {
        const int v = ready[i];
        for (int w : dagSuccs[size_t(v)]) {
            layer[size_t(w)] = std::max(layer[size_t(w)], layer[size_t(v)] + 1);
            if (--pending[size_t(w)] == 0)
                ready.append(w);
        }
    }
    for (int v = 0; v < n; ++v) {
        if (dagPreds[size_t(v)].isEmpty() && !dagSuccs[size_t(v)].isEmpty()) {
            int nearest = std::numeric_limits<int>::max();
            for (int w : dagSuccs[size_t(v)])
                nearest = std::min(nearest, layer[size_t(w)]);
            layer[size_t(v)] = nearest - 1;
        }
    }
    return layer;
}

} // namespace

LineageLayout layoutLineage(const LineageGraph &graph, const LineageLayoutMetrics &metrics)
{
    LineageLayout result;
    const int n = int(graph.nodeCount());
    if (n == 0)
        return result;
    const std::vector<LineageEdge> &edges = graph.edges();
    const std::vector<bool> reversed = backEdges(n, edges);

    const std::vector<int> layer = layersOf(n, edges, reversed);
    result.layerCount = *std::max_element(layer.begin(), layer.end()) + 1;

    // Long edges pass through one dummy vertex per column they cross.
    LayeredGraph g;
    for (int v = 0; v < n; ++v)
        g.addVertex(layer[size_t(v)]);
    std::vector<std::vector<int>> chains(edges.size()); // left to right
    for (size_t e = 0; e < edges.size(); ++e) {
        int a = edges[e].from, b = edges[e].to;
        if (a == b)
            continue;
        if (reversed[e])
            std::swap(a, b);
        chains[e].push_back(a);
        for (int l = layer[size_t(a)] + 1; l < layer[size_t(b)]; ++l)
            chains[e].push_back(g.addVertex(l));
        chains[e].push_back(b);
        for (size_t i = 0; i + 1 < chains[e].size(); ++i) {
            if (!g.succs[size_t(chains[e][i])].contains(chains[e][i + 1]))
                g.link(chains[e][i], chains[e][i + 1]);
        }
    }

    // Initial order: kind, then project and name; pass-throughs after.
    g.columns.assign(size_t(result.layerCount), {});
    std::vector<int> real(static_cast<size_t>(n));
    std::iota(real.begin(), real.end(), 0);
    std::sort(real.begin(), real.end(), [&](int a, int b) {
        const auto &ra = graph.node(a).object.ref;
        const auto &rb = graph.node(b).object.ref;
        const int ka = kindRank(ra.kind), kb = kindRank(rb.kind);
        if (ka != kb)
            return ka < kb;
        if (ra.project != rb.project)
            return ra.project < rb.project;
        return ra.name < rb.name;
    });
    for (int v : real)
        g.columns[size_t(g.layer[size_t(v)])].push_back(v);
    for (int v = n; v < int(g.layer.size()); ++v)
        g.columns[size_t(g.layer[size_t(v)])].push_back(v);
    g.renumber();

    std::vector<std::vector<int>> best = g.columns;
    int bestCrossings = g.crossings();
    for (int sweep = 0; sweep < metrics.sweeps && bestCrossings > 0; ++sweep) {
        if (sweep % 2 == 0) {
            for (size_t l = 1; l < g.columns.size(); ++l)
                g.sortByBarycenter(l, true);
        } else {
            for (size_t l = g.columns.size() - 1; l-- > 0;)
                g.sortByBarycenter(l, false);
        }
        const int crossings = g.crossings();
        if (crossings < bestCrossings) {
            bestCrossings = crossings;
            best = g.columns;
        }
    }
    g.columns = std::move(best);
    g.renumber();
    result.crossings = bestCrossings;

    // Geometry: boxes stacked per column, pass-throughs take a thin channel,
    // every column centred on the tallest.
    std::vector<double> top(g.layer.size(), 0);
    std::vector<double> columnHeight(g.columns.size(), 0);
    for (size_t l = 0; l < g.columns.size(); ++l) {
        double y = 0;
        for (int v : g.columns[l]) {
            top[size_t(v)] = y;
            y += (v < n ? metrics.nodeHeight + metrics.rowGap : metrics.channelPitch);
        }
        columnHeight[l] = std::max(0.0, y - (g.columns[l].empty() || g.columns[l].back() >= n ? 0 : metrics.rowGap));
    }
    const double height = *std::max_element(columnHeight.begin(), columnHeight.end());
    const double pitch = metrics.nodeWidth + metrics.layerGap;
    auto yOf = [&](int v) { return top[size_t(v)] + (height - columnHeight[size_t(g.layer[size_t(v)])]) / 2; };

    result.nodes.resize(size_t(n));
    for (int v = 0; v < n; ++v) {
        LineageLayout::Placement &p = result.nodes[size_t(v)];
        p.layer = layer[size_t(v)];
        p.order = g.position[size_t(v)];
        p.rect = QRectF(p.layer * pitch, yOf(v), metrics.nodeWidth, metrics.nodeHeight);
    }
    result.routes.resize(edges.size());
    for (size_t e = 0; e < edges.size(); ++e) {
        QList<QPointF> &route = result.routes[e];
        if (chains[e].empty()) { // an object that uses itself
            const QRectF r = result.nodes[size_t(edges[e].from)].rect;
            route = {QPointF(r.right(), r.center().y()), QPointF(r.left(), r.center().y())};
            continue;
        }
        const QRectF first = result.nodes[size_t(chains[e].front())].rect;
        route.append(QPointF(first.right(), first.center().y()));
        for (size_t i = 1; i + 1 < chains[e].size(); ++i) {
            const int d = chains[e][i];
            const double x = g.layer[size_t(d)] * pitch;
            const double y = yOf(d) + metrics.channelPitch / 2;
            route.append(QPointF(x, y));
            route.append(QPointF(x + metrics.nodeWidth, y));
        }
        const QRectF last = result.nodes[size_t(chains[e].back())].rect;
        route.append(QPointF(last.left(), last.center().y()));
        if (reversed[e])
            std::reverse(route.begin(), route.end());
    }
    result.size = QSizeF(result.layerCount * pitch - metrics.layerGap, height);
    return result;
}

} // namespace feastconsole
