#pragma once

#include "catalog.h"
#include "materializationstatus.h"

#include <vector>

namespace feastconsole {

// Every batch feature view of one connection's part (or of the whole catalog)
// with its TTL, online flag and the materialization intervals the registry
// recorded, decoded from the view's stored bytes.
std::vector<ViewMaterialization> materializationViews(const CatalogPart &part);
std::vector<ViewMaterialization> materializationViews(const Catalog &catalog);

} // namespace feastconsole
