#pragma once

#include "catalog/catalog.h"
#include "compare/comparison.h"

namespace feastconsole {

// compareScopes() over Feast's full detail: each object's proto JSON decoded
// from its wire bytes (objectDetail). Thread-safe on immutable parts; run it
// off the GUI thread for big registries.
Comparison compareRegistries(const CatalogPart &left, const CompareScope &leftScope, const CatalogPart &right,
                             const CompareScope &rightScope, const CompareOptions &options = {},
                             const std::atomic_bool *cancel = nullptr, JobProgress *progress = nullptr);

// The same, looking the scopes' connections up in a catalog. A connection
// without data yields an error in Comparison::errors and no differences.
Comparison compareInCatalog(const Catalog &catalog, const CompareScope &left, const CompareScope &right,
                            const CompareOptions &options = {}, const std::atomic_bool *cancel = nullptr);

ObjectJsonProvider objectDetailJson();

} // namespace feastconsole
