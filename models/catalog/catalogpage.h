#pragma once

#include "catalog/catalog.h"
#include "jobprogress.h"

#include <atomic>
#include <optional>
#include <vector>

namespace feastconsole {

// One page of the flattened catalog, in Catalog::forEachItem's order, and how
// many items the filter accepts in all. Counting tests project and tenant
// ids, not strings, so paging through a million features stays cheap.
struct CatalogPage {
    qsizetype total = 0;
    std::vector<CatalogItem> items; // at most `limit`, from `offset`
};

CatalogPage catalogPage(const std::vector<CatalogPartPtr> &parts, const CatalogFilter &filter, qsizetype offset,
                        qsizetype limit);

// What a listing can be ordered by (the list's columns); ties keep the
// catalog's order.
enum class CatalogSortKey { Name, Kind, Project, Tenant, Registry, Type, FeatureView, Owner };
std::optional<CatalogSortKey> catalogSortKeyFromId(QStringView id); // name, kind, project, tenant, registry, dtype, feature_view, owner
QStringList catalogSortKeyIds();

// Every item the filter accepts, ordered: computed once (off the GUI or
// event-loop thread: a million features take a second), then paged cheaply.
// Holds the parts it points into.
struct SortedCatalog {
    struct Ref {
        quint32 part;
        qint32 object;  // -1 for a feature
        qint32 feature; // -1 for an object
    };
    std::vector<CatalogPartPtr> parts;
    std::vector<Ref> refs;
    bool complete = true; // false when cancelled part way
};
SortedCatalog sortCatalog(const std::vector<CatalogPartPtr> &parts, const CatalogFilter &filter, CatalogSortKey key,
                          bool descending, const std::atomic_bool *cancel = nullptr, JobProgress *progress = nullptr);
CatalogPage catalogPage(const SortedCatalog &sorted, qsizetype offset, qsizetype limit);

} // namespace feastconsole
