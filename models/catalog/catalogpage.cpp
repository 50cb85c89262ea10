#include "catalog/catalogpage.h"

#include <algorithm>
#include <cmath>

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

// Does the filter accept every feature of `part` (every project accepted, and
// every object in one)?
bool acceptsEveryFeature(const CatalogPart &part, const std::vector<char> &accepted)
{
    if (!std::all_of(accepted.begin(), accepted.end(), [](char a) { return a != 0; }))
        return false;
    for (qsizetype o = 0; o < qsizetype(part.snapshot().objects.size()); ++o) {
        if (part.projectIdOf(o) < 0)
            return false;
    }
    return true;
}

// Calls visit(partIndex, part, object, feature) for every item the filter
// accepts, in Catalog::forEachItem's order; stops when visit returns false.
// Where the filter accepts every feature of a part, everyFeature(partIndex,
// part, count) may take them all at once (returns true) instead.
template <class Visit, class EveryFeature>
void forEachAccepted(const std::vector<CatalogPartPtr> &parts, const CatalogFilter &filter, Visit visit,
                     EveryFeature everyFeature)
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
        if (acceptsEveryFeature(part, accepted) && everyFeature(index, part, snap.features.size()))
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
    const auto visit = [&](size_t, const CatalogPart &part, qsizetype object, qsizetype feature) {
        if (page.total >= offset && page.total < offset + limit)
            page.items.push_back(itemFor(part, object, feature));
        ++page.total;
        return true;
    };
    // Every feature of the part counts: only the window's are looked at, however deep the page.
    const auto everyFeature = [&](size_t, const CatalogPart &part, qsizetype features) {
        const qsizetype from = std::clamp<qsizetype>(offset - page.total, 0, features);
        const qsizetype to = std::clamp<qsizetype>(offset + limit - page.total, 0, features);
        for (qsizetype f = from; f < to; ++f)
            page.items.push_back(itemFor(part, -1, f));
        page.total += features;
        return true;
    };
    forEachAccepted(parts, filter, visit, everyFeature);
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
                          bool descending, const std::atomic_bool *cancel, JobProgress *progress)
{
    SortedCatalog sorted;
    sorted.parts = parts;
    // Progress counts items read, then comparisons made (about n log2 n).
    qint64 everything = 0;
    for (const CatalogPartPtr &part : parts)
        everything += qint64(part->snapshot().objects.size()) + part->snapshot().features.size();
    if (progress)
        progress->setTotal(everything + qint64(double(everything) * std::log2(double(std::max<qint64>(everything, 2)))));
    std::vector<QString> keys;
    forEachAccepted(parts, filter, [&](size_t index, const CatalogPart &part, qsizetype object, qsizetype feature) {
        if ((keys.size() & 0xffff) == 0) {
            if (cancel && cancel->load()) {
                sorted.complete = false;
                return false;
            }
            if (progress)
                progress->setDone(qint64(keys.size()));
        }
        keys.push_back(sortText(itemFor(part, object, feature), key));
        sorted.refs.push_back({quint32(index), qint32(object), qint32(feature)});
        return true;
    }, [](size_t, const CatalogPart &, qsizetype) { return false; });
    if (!sorted.complete)
        return sorted;
    const qint64 n = qint64(keys.size());
    if (progress) // the filter may have taken fewer than every item: the total follows
        progress->setTotal(n + qint64(double(n) * std::log2(double(std::max<qint64>(n, 2)))));
    std::vector<quint32> order(sorted.refs.size());
    for (quint32 i = 0; i < order.size(); ++i)
        order[i] = i;
    qint64 comparisons = 0;
    std::stable_sort(order.begin(), order.end(), [&](quint32 a, quint32 b) {
        if (progress && (++comparisons & 0xffff) == 0)
            progress->setDone(std::min(n + comparisons, progress->snapshot().total));
        const int c = QString::compare(keys[a], keys[b], Qt::CaseInsensitive);
        return descending ? c > 0 : c < 0;
    });
    if (progress)
        progress->setDone(progress->snapshot().total);
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
