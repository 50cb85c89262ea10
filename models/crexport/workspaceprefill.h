#pragma once

#include "catalog/catalogpart.h"
#include "crexport/exportoptions.h"

#include <vector>

namespace feastconsole {

// One tenant per project of the loaded catalog: the CR name from the tenant
// (or project), the stores from the repo's feature_store.yaml when the
// connection was one, and the feature count for Redis sizing.
QList<TenantSpec> tenantsFromCatalog(const std::vector<CatalogPartPtr> &parts);

// A Kubernetes label made from any text ("Team Alpha" -> "team-alpha").
QString kubernetesNameFrom(const QString &text);

} // namespace feastconsole
