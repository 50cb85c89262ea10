#pragma once

#include "catalog/catalog.h"

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

} // namespace feastconsole
