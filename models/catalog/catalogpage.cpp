#include "catalog/catalogpage.h"

namespace feastconsole {

namespace {

// Per project id of `part`: does the filter's project and tenant accept it?
std::vector<char> acceptedProjects(const CatalogPart &part, const CatalogFilter &filter)
{
    std::vector<char> accepted(size_t(part.projects().size()));
    for (int p = 0; p < part.projects().size(); ++p) {
        const int tenantId = part.tenantIdOfProject(p);
        const QString tenant = tenantId >= 0 && tenantId < part.tenants().size() ? part.tenants().at(tenantId) : QString();
        accepted[size_t(p)] = (filter.project.isEmpty() || filter.project == part.projects().at(p))
            && (filter.tenant.isEmpty() || filter.tenant == tenant);
    }
    return accepted;
}

// Calls visit(partIndex, part, object, feature) for every item the filter
// accepts, in Catalog::forEachItem's order; stops when visit returns false.
template <class Visit>
void forEachAccepted(const std::vector<CatalogPartPtr> &parts, const CatalogFilter &filter, Visit visit)
{
    for (size_t index = 0; index < parts.size(); ++index) {
        const CatalogPart &part = *parts[index];
        if (!filter.registry.isEmpty() && filter.registry != part.registry())
            continue;
        const std::vector<char> accepted = acceptedProjects(part, filter);
        const auto projectAccepted = [&](qsizetype object) {
            const int p = part.projectIdOf(object);
            return p >= 0 && size_t(p) < accepted.size() && accepted[size_t(p)];
        };
        const RegistrySnapshot &snap = part.snapshot();
        if (!filter.kind || *filter.kind != ObjectKind::Feature) {
            for (qsizetype o = 0; o < qsizetype(snap.objects.size()); ++o) {
                if ((!filter.kind || snap.objects[size_t(o)].kind == *filter.kind) && projectAccepted(o)
                    && !visit(index, part, o, qsizetype(-1)))
                    return;
            }
        }
        if (filter.kind && *filter.kind != ObjectKind::Feature)
            continue;
        for (qsizetype f = 0; f < snap.features.size(); ++f) {
            if (projectAccepted(qsizetype(snap.features.row(f).view)) && !visit(index, part, qsizetype(-1), f))
                return;
        }
    }
}

QString sortText(const CatalogItem &item, CatalogSortKey key)
{
    switch (key) {
    case CatalogSortKey::Name: return item.name;
    case CatalogSortKey::Kind: return kindId(item.kind);
    case CatalogSortKey::Project: return item.project;
    case CatalogSortKey::Tenant: return item.tenant;
    case CatalogSortKey::Registry: return item.registry;
    case CatalogSortKey::Type: return item.dtype;
    case CatalogSortKey::FeatureView: return item.featureView;
    case CatalogSortKey::Owner: return item.owner;
    }
    return {};
}

const QList<std::pair<QString, CatalogSortKey>> &sortKeys()
{
    static const QList<std::pair<QString, CatalogSortKey>> keys{
        {QStringLiteral("name"), CatalogSortKey::Name}, {QStringLiteral("kind"), CatalogSortKey::Kind},
        {QStringLiteral("project"), CatalogSortKey::Project}, {QStringLiteral("tenant"), CatalogSortKey::Tenant},
        {QStringLiteral("registry"), CatalogSortKey::Registry}, {QStringLiteral("dtype"), CatalogSortKey::Type},
        {QStringLiteral("feature_view"), CatalogSortKey::FeatureView}, {QStringLiteral("owner"), CatalogSortKey::Owner}};
    return keys;
}

} // namespace

CatalogPage catalogPage(const std::vector<CatalogPartPtr> &parts, const CatalogFilter &filter, qsizetype offset,
                        qsizetype limit)
{
    CatalogPage page;
    forEachAccepted(parts, filter, [&](size_t, const CatalogPart &part, qsizetype object, qsizetype feature) {
        if (page.total >= offset && page.total < offset + limit)
            page.items.push_back(itemFor(part, object, feature));
        ++page.total;
        return true;
    });
    return page;
}

std::optional<CatalogSortKey> catalogSortKeyFromId(QStringView id)
{
    for (const auto &[name, key] : sortKeys()) {
        if (name == id)
            return key;
    }
    return std::nullopt;
}

QStringList catalogSortKeyIds()
{
    QStringList ids;
    for (const auto &entry : sortKeys())
        ids.append(entry.first);
    return ids;
}

SortedCatalog sortCatalog(const std::vector<CatalogPartPtr> &parts, const CatalogFilter &filter, CatalogSortKey key,
                          bool descending, const std::atomic_bool *cancel)
{
    SortedCatalog sorted;
    sorted.parts = parts;
    std::vector<QString> keys;
    forEachAccepted(parts, filter, [&](size_t index, const CatalogPart &part, qsizetype object, qsizetype feature) {
        if (cancel && (keys.size() & 0xffff) == 0 && cancel->load()) {
            sorted.complete = false;
            return false;
        }
        keys.push_back(sortText(itemFor(part, object, feature), key));
        sorted.refs.push_back({quint32(index), qint32(object), qint32(feature)});
        return true;
    });
    if (!sorted.complete)
        return sorted;
    std::vector<quint32> order(sorted.refs.size());
    for (quint32 i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](quint32 a, quint32 b) {
        const int c = QString::compare(keys[a], keys[b], Qt::CaseInsensitive);
        return descending ? c > 0 : c < 0;
    });
    std::vector<SortedCatalog::Ref> refs;
    refs.reserve(order.size());
    for (quint32 i : order)
        refs.push_back(sorted.refs[i]);
    sorted.refs = std::move(refs);
    return sorted;
}

CatalogPage catalogPage(const SortedCatalog &sorted, qsizetype offset, qsizetype limit)
{
    CatalogPage page;
    page.total = qsizetype(sorted.refs.size());
    for (qsizetype i = std::max<qsizetype>(0, offset); i < std::min(page.total, offset + limit); ++i) {
        const SortedCatalog::Ref &r = sorted.refs[size_t(i)];
        page.items.push_back(itemFor(*sorted.parts[r.part], r.object, r.feature));
    }
    return page;
}

} // namespace feastconsole
