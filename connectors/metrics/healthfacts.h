#pragma once

#include "catalog/catalogpart.h"
#include "health/workspacehealth.h"

namespace feastconsole {

// One connection's TenantFacts from its loaded part: counts per tenant, every
// view's materialization record (decoded from its bytes) and the permission
// lint of the whole registry, filed under the tenant each finding names.
// Costly on a large registry: run it off the GUI thread (PartJobs).
ConnectionFacts gatherHealthFacts(const ConnectionSpec &spec, const CatalogPart &part);

} // namespace feastconsole
