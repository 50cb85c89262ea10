#include "lineage/lineagegraph.h"

#include <algorithm>

namespace feastconsole {

namespace {

// Feast keeps one namespace for all its view kinds, and a reference to a view
// (from a service or an on-demand view) doesn't say which kind it is.
QStringView namespaceOf(ObjectKind kind)
{
    return isViewKind(kind) ? QStringView(u"view") : QStringView(u"other");
}

QList<int> closure(int start, const std::vector<QList<int>> &next)
{
    if (start < 0 || size_t(start) >= next.size())
        return {};
    std::vector<bool> seen(next.size(), false);
    seen[size_t(start)] = true;
    QList<int> stack{start};
    QList<int> result;
    while (!stack.isEmpty()) {
        const int n = stack.takeLast();
        for (int m : next[size_t(n)]) {
            if (!seen[size_t(m)]) {
                seen[size_t(m)] = true;
                result.append(m);
                stack.append(m);
            }
        }
    }
    std::sort(result.begin(), result.end());
    return result;
}

} // namespace

bool LineageGraph::isLineageKind(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Entity:
    case ObjectKind::DataSource:
    case ObjectKind::FeatureView:
    case ObjectKind::OnDemandFeatureView:
    case ObjectKind::StreamFeatureView:
    case ObjectKind::LabelView:
    case ObjectKind::FeatureService:
    case ObjectKind::SavedDataset:
    case ObjectKind::ValidationReference:
        return true;
    case ObjectKind::Project:
    case ObjectKind::Feature:
    case ObjectKind::Permission:
        return false;
    }
    return false;
}

QString LineageGraph::keyOf(const QString &connection, ObjectKind kind, QStringView project, QStringView name)
{
    const QStringView space = isViewKind(kind) ? namespaceOf(kind) : QStringView(kindId(kind));
    return connection + u'\x1f' + space + u'\x1f' + project + u'\x1f' + name;
}

LineageGraph LineageGraph::build(const QString &connection, const CatalogPart &part, const QString &project)
{
    // A non-owning pointer: the part outlives this call.
    return build(std::vector<Source>{{connection, CatalogPartPtr(CatalogPartPtr(), &part)}}, project);
}

LineageGraph LineageGraph::build(const std::vector<Source> &sources, const QString &project)
{
    LineageGraph graph;
    for (const Source &source : sources) {
        if (!source.part)
            continue;
        const RegistrySnapshot &snap = source.part->snapshot();
        // Every lineage object of the registry by key, to resolve references
        // into other projects without scanning.
        QHash<QString, qsizetype> objectsByKey;
        for (qsizetype i = 0; i < qsizetype(snap.objects.size()); ++i) {
            const CatalogObject &o = snap.objects[size_t(i)];
            if (isLineageKind(o.kind))
                objectsByKey.insert(keyOf(source.connection, o.kind, o.project, o.name), i);
        }
        std::vector<std::pair<int, qsizetype>> members; // node, object
        for (qsizetype i = 0; i < qsizetype(snap.objects.size()); ++i) {
            const CatalogObject &o = snap.objects[size_t(i)];
            if (!isLineageKind(o.kind) || (!project.isEmpty() && o.project != project))
                continue;
            const QString key = keyOf(source.connection, o.kind, o.project, o.name);
            if (graph.m_index.contains(key))
                continue; // a duplicate in a broken registry: the first one wins
            members.emplace_back(graph.addNode({{source.connection, {o.kind, o.name, o.project}}, o.subtype, false, false}), i);
        }
        for (const auto &[node, objectIndex] : members) {
            const CatalogObject &o = snap.objects[size_t(objectIndex)];
            for (const ObjectRef &ref : o.references) {
                if (!isLineageKind(ref.kind))
                    continue;
                const QString refProject = ref.project.isEmpty() ? o.project : ref.project;
                const QString key = keyOf(source.connection, ref.kind, refProject, ref.name);
                int target = graph.m_index.value(key, -1);
                if (target < 0) {
                    LineageNode added{{source.connection, {ref.kind, ref.name, refProject}}, {}, false, true};
                    added.external = !project.isEmpty() && refProject != project;
                    if (const qsizetype found = objectsByKey.value(key, -1); found >= 0) {
                        const CatalogObject &t = snap.objects[size_t(found)];
                        added.object.ref.kind = t.kind;
                        added.subtype = t.subtype;
                        added.missing = false;
                    }
                    target = graph.addNode(std::move(added));
                }
                graph.addEdge(target, node);
            }
        }
    }
    return graph;
}

int LineageGraph::addNode(LineageNode node)
{
    const int index = int(m_nodes.size());
    m_index.insert(keyOf(node.object.connection, node.object.ref.kind, node.object.ref.project, node.object.ref.name), index);
    m_nodes.push_back(std::move(node));
    m_up.emplace_back();
    m_down.emplace_back();
    return index;
}

void LineageGraph::addEdge(int from, int to)
{
    if (m_down[size_t(from)].contains(to))
        return; // e.g. a push source named as both batch and stream source
    m_edges.push_back({from, to});
    m_down[size_t(from)].append(to);
    m_up[size_t(to)].append(from);
}

int LineageGraph::indexOf(const ObjectRefWithConnection &object) const
{
    return m_index.value(keyOf(object.connection, object.ref.kind, object.ref.project, object.ref.name), -1);
}

bool LineageGraph::hasEdge(int from, int to) const
{
    return from >= 0 && size_t(from) < m_nodes.size() && m_down[size_t(from)].contains(to);
}

QList<int> LineageGraph::upstreamOf(int node) const
{
    return closure(node, m_up);
}

QList<int> LineageGraph::downstreamOf(int node) const
{
    return closure(node, m_down);
}

LineageGraph LineageGraph::focusedOn(int node) const
{
    if (node < 0 || size_t(node) >= m_nodes.size())
        return {};
    QList<int> keep = upstreamOf(node);
    keep.append(node);
    keep.append(downstreamOf(node));
    std::sort(keep.begin(), keep.end());
    keep.erase(std::unique(keep.begin(), keep.end()), keep.end()); // a cycle puts nodes on both sides
    return subgraph(keep);
}

LineageGraph LineageGraph::subgraph(const QList<int> &nodes) const
{
    LineageGraph result;
    std::vector<int> newIndex(m_nodes.size(), -1);
    for (int n : nodes) {
        if (n >= 0 && size_t(n) < m_nodes.size() && newIndex[size_t(n)] < 0)
            newIndex[size_t(n)] = result.addNode(m_nodes[size_t(n)]);
    }
    for (const LineageEdge &e : m_edges) {
        const int from = newIndex[size_t(e.from)];
        const int to = newIndex[size_t(e.to)];
        if (from >= 0 && to >= 0)
            result.addEdge(from, to);
    }
    return result;
}

} // namespace feastconsole
