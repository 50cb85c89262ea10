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

} // namespace

CatalogPage catalogPage(const std::vector<CatalogPartPtr> &parts, const CatalogFilter &filter, qsizetype offset,
                        qsizetype limit)
{
    CatalogPage page;
    const auto take = [&](const CatalogPart &part, qsizetype object, qsizetype feature) {
        if (page.total >= offset && page.total < offset + limit)
            page.items.push_back(itemFor(part, object, feature));
        ++page.total;
    };
    for (const CatalogPartPtr &part : parts) {
        if (!filter.registry.isEmpty() && filter.registry != part->registry())
            continue;
        const std::vector<char> accepted = acceptedProjects(*part, filter);
        const auto projectAccepted = [&](qsizetype object) {
            const int p = part->projectIdOf(object);
            return p >= 0 && size_t(p) < accepted.size() && accepted[size_t(p)];
        };
        const RegistrySnapshot &snap = part->snapshot();
        if (!filter.kind || *filter.kind != ObjectKind::Feature) {
            for (qsizetype o = 0; o < qsizetype(snap.objects.size()); ++o) {
                if ((!filter.kind || snap.objects[size_t(o)].kind == *filter.kind) && projectAccepted(o))
                    take(*part, o, -1);
            }
        }
        if (filter.kind && *filter.kind != ObjectKind::Feature)
            continue;
        for (qsizetype f = 0; f < snap.features.size(); ++f) {
            if (projectAccepted(qsizetype(snap.features.row(f).view)))
                take(*part, -1, f);
        }
    }
    return page;
}

} // namespace feastconsole
