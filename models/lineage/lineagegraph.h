#pragma once

#include "catalog/catalogpart.h"
#include "catalog/objectrefwithconnection.h"

#include <QHash>
#include <QList>

#include <vector>

namespace feastconsole {

struct LineageNode {
    ObjectRefWithConnection object; // a missing view is named with kind FeatureView
    QString subtype;                // data source type, view mode, entity join key
    bool external = false;          // lives outside the graph's project (a cross-project reference)
    bool missing = false;           // referenced, but the registry holds no such object
};

// `from` is used by `to`: data source -> view, entity -> view, view -> on-demand
// view, view -> feature service, feature service -> saved dataset, …
struct LineageEdge {
    int from = -1;
    int to = -1;
    friend bool operator==(const LineageEdge &, const LineageEdge &) = default;
};

// The dependency graph of a project (or of whole connections): data sources,
// entities, every kind of view, feature services, saved datasets and
// validation references, linked by what each object references. References
// into another project become external nodes; references to nothing become
// missing nodes, so a dangling reference is shown instead of dropped. Cycles
// (which Feast forbids, but a registry can hold) are kept as they are.
class LineageGraph
{
public:
    struct Source {
        QString connection;
        CatalogPartPtr part;
    };

    // project empty: every project of every source.
    static LineageGraph build(const std::vector<Source> &sources, const QString &project = {});
    static LineageGraph build(const QString &connection, const CatalogPart &part, const QString &project = {});
    static bool isLineageKind(ObjectKind kind);

    const std::vector<LineageNode> &nodes() const { return m_nodes; }
    const std::vector<LineageEdge> &edges() const { return m_edges; }
    qsizetype nodeCount() const { return qsizetype(m_nodes.size()); }
    bool isEmpty() const { return m_nodes.empty(); }
    const LineageNode &node(int index) const { return m_nodes[size_t(index)]; }

    // -1 when absent. Any view kind finds a view of that name.
    int indexOf(const ObjectRefWithConnection &object) const;
    bool hasEdge(int from, int to) const;

    // Direct neighbours, and the transitive closures (without `node`, sorted).
    const QList<int> &usedBy(int node) const { return m_down[size_t(node)]; }
    const QList<int> &uses(int node) const { return m_up[size_t(node)]; }
    QList<int> upstreamOf(int node) const;
    QList<int> downstreamOf(int node) const;

    // The object with everything upstream and downstream of it.
    LineageGraph focusedOn(int node) const;
    // The nodes given (in that order) and the edges between them.
    LineageGraph subgraph(const QList<int> &nodes) const;

private:
    int addNode(LineageNode node);
    void addEdge(int from, int to);
    static QString keyOf(const QString &connection, ObjectKind kind, QStringView project, QStringView name);

    std::vector<LineageNode> m_nodes;
    std::vector<LineageEdge> m_edges;
    std::vector<QList<int>> m_up;
    std::vector<QList<int>> m_down;
    QHash<QString, int> m_index;
};

} // namespace feastconsole
