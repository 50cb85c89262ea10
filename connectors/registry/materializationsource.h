#pragma once

#include <optional>

#include "catalog/catalog.h"
#include "metrics/materializationstatus.h"
#include "partjobs.h"

#include <vector>

namespace feastconsole {

// Every batch feature view of one connection's part (or of the whole catalog)
// with its TTL, online flag and the materialization intervals the registry
// recorded, decoded from the view's stored bytes.
std::vector<ViewMaterialization> materializationViews(const CatalogPart &part);
// One object's, when it is a batch or stream feature view.
std::optional<ViewMaterialization> materializationOf(const CatalogPart &part, qsizetype objectIndex);
std::vector<ViewMaterialization> materializationViews(const Catalog &catalog);

// Every connection's views, decoded from its part off the GUI thread.
using MaterializationResults = PartResults<std::vector<ViewMaterialization>>;
MaterializationResults *newMaterializationResults(const Catalog *catalog, QThreadPool *pool, QObject *parent);

} // namespace feastconsole
