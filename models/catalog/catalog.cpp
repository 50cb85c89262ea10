#include "catalog/catalog.h"

#include "catalog/valuetype.h"

#include <algorithm>

namespace feastconsole {

CatalogItem itemFor(const CatalogPart &part, qsizetype object, qsizetype feature)
{
    const RegistrySnapshot &snap = part.snapshot();
    CatalogItem item;
    item.registry = part.registry();
    item.part = &part;
    if (feature >= 0) {
        const auto &row = snap.features.row(feature);
        const CatalogObject &view = snap.objects[row.view];
        item.kind = ObjectKind::Feature;
        item.project = view.project;
        item.name = snap.features.name(feature);
        item.featureView = view.name;
        item.dtype = feastTypeName(row.valueType);
        item.description = snap.features.description(feature);
        item.tags = snap.features.tags(feature);
        item.object = qsizetype(row.view);
        item.feature = feature;
    } else {
        const CatalogObject &o = snap.objects[size_t(object)];
        item.kind = o.kind;
        item.project = o.project;
        item.name = o.name;
        item.description = o.description;
        item.owner = o.owner;
        item.tags = o.tags;
        item.object = object;
    }
    item.tenant = part.tenantOf(item.project);
    return item;
}

bool CatalogFilter::accepts(const CatalogItem &item) const
{
    return (!kind || *kind == item.kind) && (project.isEmpty() || project == item.project)
        && (tenant.isEmpty() || tenant == item.tenant) && (registry.isEmpty() || registry == item.registry);
}

Catalog::Catalog(QObject *parent)
    : QObject(parent)
{
}

void Catalog::addConnection(const QString &name)
{
    if (m_entries.contains(name))
        return;
    m_order.append(name);
    m_entries.insert(name, {});
    Q_EMIT connectionsChanged();
}

void Catalog::removeConnection(const QString &name)
{
    if (!m_entries.remove(name))
        return;
    m_order.removeAll(name);
    Q_EMIT connectionsChanged();
}

void Catalog::setPart(const QString &connection, CatalogPartPtr part)
{
    auto it = m_entries.find(connection);
    if (it == m_entries.end())
        return;
    it->part = std::move(part);
    it->status.hasData = it->part != nullptr;
    Q_EMIT partChanged(connection);
}

void Catalog::setStatus(const QString &connection, const ConnectionStatus &status)
{
    auto it = m_entries.find(connection);
    if (it == m_entries.end())
        return;
    it->status = status;
    it->status.hasData = it->part != nullptr;
    Q_EMIT statusChanged(connection);
}

CatalogPartPtr Catalog::part(const QString &connection) const
{
    return m_entries.value(connection).part;
}

ConnectionStatus Catalog::status(const QString &connection) const
{
    return m_entries.value(connection).status;
}

std::vector<CatalogPartPtr> Catalog::parts() const
{
    std::vector<CatalogPartPtr> result;
    for (const QString &name : m_order) {
        if (const CatalogPartPtr &p = m_entries.value(name).part)
            result.push_back(p);
    }
    return result;
}

std::vector<CatalogItem> Catalog::items(const CatalogFilter &filter) const
{
    std::vector<CatalogItem> result;
    forEachItem(filter, [&result](const CatalogItem &item) { result.push_back(item); });
    return result;
}

void Catalog::forEachItem(const CatalogFilter &filter, const std::function<void(const CatalogItem &)> &visit) const
{
    for (const CatalogPartPtr &part : parts()) {
        if (!filter.registry.isEmpty() && filter.registry != part->registry())
            continue;
        const RegistrySnapshot &snap = part->snapshot();
        if (!filter.kind || *filter.kind != ObjectKind::Feature) {
            for (qsizetype o = 0; o < qsizetype(snap.objects.size()); ++o) {
                const CatalogItem item = itemFor(*part, o, -1);
                if (filter.accepts(item))
                    visit(item);
            }
        }
        if (filter.kind && *filter.kind != ObjectKind::Feature)
            continue;
        for (qsizetype f = 0; f < snap.features.size(); ++f) {
            const CatalogItem item = itemFor(*part, -1, f);
            if (filter.accepts(item))
                visit(item);
        }
    }
}

SearchResults Catalog::search(const QString &text, int limit) const
{
    QStringList tagKeys;
    const std::vector<CatalogPartPtr> all = parts();
    for (const CatalogPartPtr &part : all)
        tagKeys += part->index().tagKeys();
    SearchQuery query = SearchQuery::parse(text, tagKeys);
    query.limit = limit;
    return search(all, query);
}

SearchResults Catalog::search(const std::vector<CatalogPartPtr> &parts, const SearchQuery &query,
                              const std::atomic_bool *cancel)
{
    SearchResults results;
    results.parts = parts;
    for (const CatalogPartPtr &part : parts) {
        const qsizetype n = part->index().search(query, results.hits, cancel);
        if (n < 0)
            return {};
        results.total += n;
    }
    std::stable_sort(results.hits.begin(), results.hits.end(),
                     [](const SearchHit &a, const SearchHit &b) { return a.score > b.score; });
    if (qsizetype(results.hits.size()) > query.limit)
        results.hits.resize(size_t(query.limit));
    return results;
}

} // namespace feastconsole
