#include "serve/weblineage.h"

#include "consolecore.h"
#include "catalog/catalog.h"
#include "json/domainjson.h"
#include "lineage/lineagegraph.h"
#include "lineage/lineagelayout.h"

namespace feastconsole::webmethods {

namespace {

constexpr int maxNodes = 5000; // a drawing past this is unreadable: ask for one object's lineage

} // namespace

Answer lineageGraph(const ConsoleCore &core, const QJsonObject &params)
{
    rpc::ParamReader read{params, {}};
    const QString project = read.string(QStringLiteral("project"));
    QString registry = read.string(QStringLiteral("registry"));
    const QString kindText = read.string(QStringLiteral("kind"));
    const QString name = read.string(QStringLiteral("name"));
    if (!read.ok())
        return rpc::Error{rpc::InvalidParams, read.why};
    if (project.isEmpty())
        return rpc::Error{rpc::InvalidParams, QStringLiteral("lineage.graph needs project")};
    std::optional<ObjectKind> kind;
    if (!kindText.isEmpty()) {
        kind = kindFromId(kindText);
        if (!kind || !LineageGraph::isLineageKind(*kind))
            return rpc::Error{rpc::InvalidParams, QStringLiteral("no lineage for kind \"%1\"").arg(kindText)};
    }
    const Catalog &catalog = core.catalog();
    if (registry.isEmpty()) { // the connection that holds the project
        for (const CatalogPartPtr &part : catalog.parts()) {
            if (part->projects().contains(project)) {
                registry = part->registry();
                break;
            }
        }
    }
    const CatalogPartPtr part = registry.isEmpty() ? nullptr : catalog.part(registry);
    if (!part || !part->projects().contains(project))
        return rpc::Error{rpc::NotFound, QStringLiteral("no loaded connection holds project \"%1\"").arg(project)};
    LineageGraph graph = LineageGraph::build(registry, *part, project);
    QJsonValue focus;
    if (kind && !name.isEmpty()) {
        const int node = graph.indexOf(ObjectRefWithConnection{registry, {*kind, name, project}});
        if (node < 0)
            return rpc::Error{rpc::NotFound, QStringLiteral("no %1 \"%2\" in the lineage of \"%3\"").arg(kindText, name, project)};
        graph = graph.focusedOn(node);
        focus = QJsonObject{{QStringLiteral("kind"), kindText}, {QStringLiteral("name"), name}};
    }
    if (graph.nodeCount() > maxNodes) {
        return rpc::Error{rpc::InvalidParams, QStringLiteral("project \"%1\" has %2 objects in its lineage (at most %3 are drawn): "
                                                             "choose one object").arg(project).arg(graph.nodeCount()).arg(maxNodes)};
    }
    return QJsonObject{{QStringLiteral("registry"), registry},
                       {QStringLiteral("project"), project},
                       {QStringLiteral("focus"), focus},
                       {QStringLiteral("graph"), lineageJson(graph, layoutLineage(graph))}};
}

} // namespace feastconsole::webmethods
